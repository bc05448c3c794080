package org.incidentworkbench.app.model.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.incidentworkbench.findings.FindingLimits;
import org.incidentworkbench.parse.DfReport;
import org.incidentworkbench.probe.Probes;
import org.incidentworkbench.probe.Severity;
import org.junit.jupiter.api.Test;

/** The df view's rows from real df -PTk and df -Pi output with a full filesystem (Debian 12). */
class FilesystemUsageTest {

    private final DfReport df = ProbeFixtures.data(Probes.DF, "df-PTk--with-df-Pi-space-and-inodes-full.out");

    @Test
    void fullestFirstColouredAtTheFindingRulesThresholds() {
        List<FilesystemLine> rows = FilesystemUsage.of(df);
        assertEquals("/tmp/iw-parsers-full", rows.get(0).mountedOn());
        assertEquals(100, rows.get(0).usedPercent());
        assertEquals(Optional.of(Severity.CRITICAL), rows.get(0).level());
        assertEquals(Optional.of(Severity.CRITICAL), rows.get(0).inodeLevel());
        assertEquals("100 of 100", rows.get(0).inodesText());
        assertEquals("/", rows.get(1).mountedOn());
        assertEquals(Optional.empty(), rows.get(1).level(), "24 % is below the warning threshold");
        assertEquals("252 GiB", rows.get(1).sizeText());
        assertEquals("423k of 17M", rows.get(1).inodesText());
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i - 1).worstPercent() >= rows.get(i).worstPercent() || !rows.get(i).judged());
        }
    }

    @Test
    void theColoursFollowTheRulesLimitsNotNumbersOfTheirOwn() {
        // 24 % turns amber when the warning threshold is 20, as the rule would then report it
        List<FilesystemLine> rows = FilesystemUsage.of(df, new FindingLimits.Rising(20, 50), FindingLimits.inodesUsedPercent());
        FilesystemLine root = rows.stream().filter(l -> l.mountedOn().equals("/")).findFirst().orElseThrow();
        assertEquals(Optional.of(Severity.WARNING), root.level());
        FindingLimits.Rising shipped = FindingLimits.filesystemUsedPercent();
        assertEquals(Optional.of(Severity.WARNING), shipped.severityOf(shipped.warning()));
        assertEquals(Optional.empty(), shipped.severityOf(shipped.warning() - 1));
    }
}
