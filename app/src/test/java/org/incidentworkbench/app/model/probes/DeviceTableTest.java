package org.incidentworkbench.app.model.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.incidentworkbench.probe.Probes;
import org.junit.jupiter.api.Test;

/** The iostat view's rows from real iostat -dxk 1 2 output of a busy writer (Debian 12, sysstat 12.6). */
class DeviceTableTest {

    @Test
    void theUseColumnsComeFromTheLastReportAndTheRestAreMoreColumns() {
        List<DeviceLine> rows = DeviceTable.of(ProbeFixtures.data(Probes.IOSTAT, "iostat-dxk-1-2--busy-writer.out"));
        assertEquals(1, rows.size());
        DeviceLine vda = rows.get(0);
        assertEquals("vda", vda.name());
        assertEquals("72.8 %", vda.utilText());
        assertEquals("0.03 ms", vda.readAwaitText());
        assertEquals("0.05 ms", vda.writeAwaitText());
        assertEquals("0.94", vda.queueText());
        assertEquals("14690.0", vda.writesText());
        assertEquals("87 MiB/s", vda.writeThroughputText());
        assertEquals(Optional.empty(), vda.utilLevel(), "72.8 % is below disk.saturation's warning threshold");
        assertEquals(Optional.empty(), vda.awaitLevel());
        List<String> more = DeviceLine.moreColumns(rows);
        assertTrue(more.containsAll(List.of("rrqm/s", "wrqm/s", "d/s", "rareq-sz", "wareq-sz", "f/s")), more.toString());
    }
}
