package org.incidentworkbench.app.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.incidentworkbench.parse.ParseOutcome;
import org.incidentworkbench.parse.Parsers;
import org.incidentworkbench.parse.PsParser;
import org.junit.jupiter.api.Test;

/** The window's tables show the columns a listing has: a field no row has is no column (never a column of blanks or zeros). */
class DataTableTest {

    private static DataTable processes(String fixture) throws Exception {
        String text = Files.readString(Path.of(path(fixture)));
        ParseOutcome.Parsed<?> p = (ParseOutcome.Parsed<?>) Parsers.parsePasted(new PsParser(), text);
        return DataTable.of(p.value()).stream().filter(t -> t.name().equals("processes")).findFirst().orElseThrow();
    }

    private static String path(String name) throws URISyntaxException {
        return Path.of(DataTableTest.class.getResource("/fixtures/debian-12/" + name).toURI()).toString();
    }

    @Test
    void absentPsColumnsAreNotShown() throws Exception {
        DataTable noRss = processes("ps-eo--pid-ppid-user-stat-comm.out");
        assertFalse(noRss.columns().contains("rssBytes") || noRss.columns().contains("cpuPercent"), noRss.columns().toString());
        assertFalse(noRss.columns().contains("depth") || noRss.columns().contains("threadId"), noRss.columns().toString());
        assertTrue(noRss.columns().contains("pid") && noRss.columns().contains("user"), noRss.columns().toString());
        DataTable aux = processes("ps-auxf.out");
        assertTrue(aux.columns().contains("rssBytes") && aux.columns().contains("depth"), aux.columns().toString());
        DataTable threads = processes("ps-eLf.out");
        assertTrue(threads.columns().contains("threadId") && threads.columns().contains("threadCount"), threads.columns().toString());
    }

    @Test
    void aSingleValueTheCommandDidNotPrintIsNoSummaryRow() {
        var df = new org.incidentworkbench.parse.DfReport(java.util.List.of(new org.incidentworkbench.parse.DfReport.Filesystem("/dev/sda1",
                java.util.Optional.of("ext4"), java.util.Optional.of(100L), java.util.Optional.of(50L), java.util.Optional.of(50L),
                java.util.Optional.of(50), java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), "/")));
        assertFalse(DataTable.of(df).stream().anyMatch(t -> t.name().equals(DataTable.SUMMARY)), "no total, no summary table");
    }
}
