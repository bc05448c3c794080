package org.incidentworkbench.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.incidentworkbench.sample.source.DiskstatsSource.DiskCounters;
import org.incidentworkbench.sample.source.DfSource.FsUsage;
import org.incidentworkbench.sample.source.NetDevSource.NetCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.incidentworkbench.sample.source.ProcSources;
import org.incidentworkbench.sample.source.StatSource;
import org.incidentworkbench.sample.source.MeminfoSource;
import org.incidentworkbench.sample.source.LoadavgSource;
import org.incidentworkbench.sample.source.VmstatSource;
import org.incidentworkbench.sample.source.DiskstatsSource;

class FrameParserTest {

    @ParameterizedTest(name = "every section of {0} reads without a warning")
    @ValueSource(strings = {Fixtures.BASH, Fixtures.DASH})
    void recordedFramesReadCompletely(String fixture) {
        List<ProcSnapshot> snapshots = Fixtures.snapshots(fixture);
        assertEquals(4, snapshots.size());
        for (ProcSnapshot s : snapshots) {
            assertEquals(List.of(), s.warnings());
            assertTrue(s.uptimeSeconds().isPresent() && s.bootTimeSeconds().isPresent() && s.get(ProcSources.STAT).flatMap(StatSource.Reading::cpu).isPresent());
            assertTrue(s.get(ProcSources.STAT).map(StatSource.Reading::contextSwitches).orElse(java.util.OptionalLong.empty()).isPresent() && s.get(ProcSources.STAT).map(StatSource.Reading::procsRunning).orElse(java.util.OptionalLong.empty()).isPresent() && s.get(ProcSources.STAT).map(StatSource.Reading::procsBlocked).orElse(java.util.OptionalLong.empty()).isPresent());
            assertTrue(s.get(ProcSources.LOADAVG).isPresent() && s.get(ProcSources.MEMINFO).isPresent() && s.get(ProcSources.VMSTAT).map(VmstatSource.Reading::swapInPages).orElse(java.util.OptionalLong.empty()).isPresent() && s.get(ProcSources.VMSTAT).map(VmstatSource.Reading::swapOutPages).orElse(java.util.OptionalLong.empty()).isPresent());
            assertTrue(s.get(ProcSources.NET_DEV).orElse(List.of()).stream().anyMatch(n -> n.iface().equals("lo")), s.get(ProcSources.NET_DEV).orElse(List.of()).toString());
            assertTrue(s.get(ProcSources.DISKSTATS).orElse(List.of()).stream().anyMatch(d -> d.device().equals("vda")), s.get(ProcSources.DISKSTATS).orElse(List.of()).toString());
            assertTrue(s.get(ProcSources.DISKSTATS).orElse(List.of()).stream().noneMatch(d -> d.device().startsWith("loop")), s.get(ProcSources.DISKSTATS).orElse(List.of()).toString());
            // df runs on every second frame in these recordings
            assertEquals(s.sequence() % 2 == 0, s.get(ProcSources.DF).isPresent(), "frame " + s.sequence());
        }
    }

    @Test
    void valuesAreTheOnesPrinted() {
        ProcSnapshot s = Fixtures.snapshots(Fixtures.BASH).get(1);
        // from the recorded frame 1: "cpu  658209 0 85261 123561 565 0 517 267 0 0"
        assertEquals(new StatSource.CpuTimes(658209, 0, 85261, 123561, 565, 0, 517, 267), s.get(ProcSources.STAT).flatMap(StatSource.Reading::cpu).orElseThrow());
        assertEquals(17016447, s.get(ProcSources.STAT).map(StatSource.Reading::contextSwitches).orElse(java.util.OptionalLong.empty()).orElseThrow());
        assertEquals(1795591389L, s.bootTimeSeconds().orElseThrow());
        assertEquals(4348.93, s.uptimeSeconds().orElseThrow(), 1e-9);
        assertEquals(8, s.get(ProcSources.STAT).map(StatSource.Reading::procsRunning).orElse(java.util.OptionalLong.empty()).orElseThrow());
        assertEquals(new LoadavgSource.LoadAverage(14.05, 21.75, 19.72), s.get(ProcSources.LOADAVG).orElseThrow());
        MeminfoSource.MemoryInfo m = s.get(ProcSources.MEMINFO).orElseThrow();
        assertEquals(24683656L * 1024, m.totalBytes());
        assertEquals(21730884L * 1024, m.availableBytes());
        assertEquals(1567076L * 1024, m.cachedBytes());
        assertFalse(m.availableEstimated());
        assertEquals(new DiskCounters("vda", 55861, 3079682, 22475, 131249, 79475904, 173276, 48960),
                s.get(ProcSources.DISKSTATS).orElse(List.of()).stream().filter(d -> d.device().equals("vda")).findFirst().orElseThrow());
        assertEquals(List.of("vda", "zram0"), s.get(ProcSources.DISKSTATS).orElse(List.of()).stream().map(DiskCounters::device).toList());
        assertEquals(new NetCounters("eth0", 59315942, 2102, 0, 0, 285818, 1868, 0, 0),
                s.get(ProcSources.NET_DEV).orElse(List.of()).stream().filter(n -> n.iface().equals("eth0")).findFirst().orElseThrow());
        assertEquals(1795595738_907834L, s.serverTimeMicros());
    }

    @Test
    void dfAndInodesJoinByMountPoint() {
        ProcSnapshot s = Fixtures.snapshots(Fixtures.BASH).get(0);
        FsUsage root = s.get(ProcSources.DF).orElseThrow().stream().filter(f -> f.mount().equals("/")).findFirst().orElseThrow();
        assertEquals("/dev/vda", root.filesystem());
        assertTrue(root.usedKib() > 0 && root.availableKib() > 0);
        assertTrue(root.inodes().orElseThrow() > root.inodesUsed().orElseThrow());
    }

    @Test
    void mountPointsWithSpacesAndFilesystemsWithoutInodes() {
        String body = """
                ==> df -Pk <==
                Filesystem     1024-blocks    Used Available Capacity Mounted on
                /dev/sdb1         10000000 2500000   7500000      25% /mnt/my disk
                //nas/share name  2000       1000    1000         50% /mnt/nas
                none                     0       0         0        - /proc/x

                ==> df -Pi <==
                Filesystem       Inodes  IUsed   IFree IUse% Mounted on
                /dev/sdb1        655360  65536  589824   10% /mnt/my disk
                //nas/share name      0      0       0     - /mnt/nas
                """;
        ProcSnapshot s = FrameParser.parse(new StreamEvent.Frame(5, 1_000_000L, body), 4096);
        List<FsUsage> fs = s.get(ProcSources.DF).orElseThrow();
        assertEquals(2, fs.size(), fs.toString());
        assertEquals(new FsUsage("/dev/sdb1", "/mnt/my disk", 10000000, 2500000, 7500000,
                java.util.OptionalLong.of(655360), java.util.OptionalLong.of(65536)), fs.get(0));
        assertEquals("//nas/share name", fs.get(1).filesystem());
        assertTrue(fs.get(1).inodes().isEmpty());
    }

    @Test
    void oldKernelWithoutMemAvailableEstimatesIt() {
        String body = "==> /proc/meminfo <==\nMemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 50 kB\nCached: 200 kB\nSwapTotal: 10 kB\nSwapFree: 4 kB\n";
        MeminfoSource.MemoryInfo m = FrameParser.parse(new StreamEvent.Frame(1, 1, body), 4096).get(ProcSources.MEMINFO).orElseThrow();
        assertTrue(m.availableEstimated());
        assertEquals(350 * 1024, m.availableBytes());
        assertEquals(6 * 1024, m.swapTotalBytes() - m.swapFreeBytes());
    }

    @Test
    void missingAndGarbledSectionsBecomeWarningsNotExceptions() {
        String body = """
                ==> /proc/stat <==
                cpu  12x 3 4
                ctxt many
                ==> /proc/loadavg <==
                high
                ==> /proc/net/dev <==
                  eth0: 1 2 3
                \u0000\u00ff binary
                """;
        ProcSnapshot s = FrameParser.parse(new StreamEvent.Frame(3, 1, body), 4096);
        assertTrue(s.get(ProcSources.STAT).flatMap(StatSource.Reading::cpu).isEmpty() && s.get(ProcSources.STAT).map(StatSource.Reading::contextSwitches).orElse(java.util.OptionalLong.empty()).isEmpty() && s.get(ProcSources.LOADAVG).isEmpty() && s.get(ProcSources.NET_DEV).orElse(List.of()).isEmpty());
        assertTrue(s.warnings().stream().anyMatch(w -> w.contains("/proc/meminfo")), s.warnings().toString());
        assertTrue(s.warnings().stream().anyMatch(w -> w.contains("'cpu  12x 3 4'")), s.warnings().toString());
        assertEquals(Optional.empty(), s.get(ProcSources.DF));
    }

    @Test
    void oldKernelNetDevWithoutSpaceAfterTheColonAndShortCpuLine() {
        String body = """
                ==> /proc/stat <==
                cpu  100 2 30 4000 5 6 7
                ==> /proc/net/dev <==
                Inter-|   Receive                                                |  Transmit
                 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                  eth0:4294967200 1234 1 2 0 0 0 0 987654 321 3 4 0 0 0 0
                """;
        ProcSnapshot s = FrameParser.parse(new StreamEvent.Frame(1, 1, body), 4096);
        assertEquals(new StatSource.CpuTimes(100, 2, 30, 4000, 5, 6, 7, 0), s.get(ProcSources.STAT).flatMap(StatSource.Reading::cpu).orElseThrow());
        assertEquals(new NetCounters("eth0", 4294967200L, 1234, 1, 2, 987654, 321, 3, 4), s.get(ProcSources.NET_DEV).orElse(List.of()).get(0));
    }

    @ParameterizedTest(name = "{0} reported: {1}")
    @CsvSource({"sda,true", "sda1,false", "vda,true", "vdb3,false", "xvda,true", "xvda1,false", "hdc,true",
            "nvme0n1,true", "nvme0n1p2,false", "mmcblk0,true", "mmcblk0p1,false", "dm-0,true", "md0,true",
            "md0p1,false", "loop7,false", "ram0,false", "sr0,false", "zram0,true", "sdaa,true", "sdaa12,false"})
    void wholeDisksAndMappedDevicesAreReportedPartitionsAreNot(String device, boolean reported) {
        assertEquals(reported, DiskstatsSource.isReportedDevice(device));
    }
}
