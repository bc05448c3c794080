package org.incidentworkbench.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.incidentworkbench.sample.ProcSnapshot.DiskCounters;
import org.incidentworkbench.sample.ProcSnapshot.FsUsage;
import org.incidentworkbench.sample.ProcSnapshot.NetCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FrameParserTest {

    @ParameterizedTest(name = "every section of {0} reads without a warning")
    @ValueSource(strings = {Fixtures.BASH, Fixtures.DASH})
    void recordedFramesReadCompletely(String fixture) {
        List<ProcSnapshot> snapshots = Fixtures.snapshots(fixture);
        assertEquals(4, snapshots.size());
        for (ProcSnapshot s : snapshots) {
            assertEquals(List.of(), s.warnings());
            assertTrue(s.uptimeSeconds().isPresent() && s.bootTimeSeconds().isPresent() && s.cpu().isPresent());
            assertTrue(s.contextSwitches().isPresent() && s.procsRunning().isPresent() && s.procsBlocked().isPresent());
            assertTrue(s.load().isPresent() && s.memory().isPresent() && s.swapInPages().isPresent() && s.swapOutPages().isPresent());
            assertTrue(s.interfaces().stream().anyMatch(n -> n.iface().equals("lo")), s.interfaces().toString());
            assertTrue(s.disks().stream().anyMatch(d -> d.device().equals("vda")), s.disks().toString());
            assertTrue(s.disks().stream().noneMatch(d -> d.device().startsWith("loop")), s.disks().toString());
            // df runs on every second frame in these recordings
            assertEquals(s.sequence() % 2 == 0, s.filesystems().isPresent(), "frame " + s.sequence());
        }
    }

    @Test
    void valuesAreTheOnesPrinted() {
        ProcSnapshot s = Fixtures.snapshots(Fixtures.BASH).get(1);
        // from the recorded frame 1: "cpu  658209 0 85261 123561 565 0 517 267 0 0"
        assertEquals(new ProcSnapshot.CpuTimes(658209, 0, 85261, 123561, 565, 0, 517, 267), s.cpu().orElseThrow());
        assertEquals(17016447, s.contextSwitches().orElseThrow());
        assertEquals(1795591389L, s.bootTimeSeconds().orElseThrow());
        assertEquals(4348.93, s.uptimeSeconds().orElseThrow(), 1e-9);
        assertEquals(8, s.procsRunning().orElseThrow());
        assertEquals(new ProcSnapshot.LoadAverage(14.05, 21.75, 19.72), s.load().orElseThrow());
        ProcSnapshot.MemoryInfo m = s.memory().orElseThrow();
        assertEquals(24683656L * 1024, m.totalBytes());
        assertEquals(21730884L * 1024, m.availableBytes());
        assertEquals(1567076L * 1024, m.cachedBytes());
        assertFalse(m.availableEstimated());
        assertEquals(new DiskCounters("vda", 55861, 3079682, 22475, 131249, 79475904, 173276, 48960),
                s.disks().stream().filter(d -> d.device().equals("vda")).findFirst().orElseThrow());
        assertEquals(List.of("vda", "zram0"), s.disks().stream().map(DiskCounters::device).toList());
        assertEquals(new NetCounters("eth0", 59315942, 2102, 0, 0, 285818, 1868, 0, 0),
                s.interfaces().stream().filter(n -> n.iface().equals("eth0")).findFirst().orElseThrow());
        assertEquals(1795595738_907834L, s.serverTimeMicros());
    }

    @Test
    void dfAndInodesJoinByMountPoint() {
        ProcSnapshot s = Fixtures.snapshots(Fixtures.BASH).get(0);
        FsUsage root = s.filesystems().orElseThrow().stream().filter(f -> f.mount().equals("/")).findFirst().orElseThrow();
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
        List<FsUsage> fs = s.filesystems().orElseThrow();
        assertEquals(2, fs.size(), fs.toString());
        assertEquals(new FsUsage("/dev/sdb1", "/mnt/my disk", 10000000, 2500000, 7500000,
                java.util.OptionalLong.of(655360), java.util.OptionalLong.of(65536)), fs.get(0));
        assertEquals("//nas/share name", fs.get(1).filesystem());
        assertTrue(fs.get(1).inodes().isEmpty());
    }

    @Test
    void oldKernelWithoutMemAvailableEstimatesIt() {
        String body = "==> /proc/meminfo <==\nMemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 50 kB\nCached: 200 kB\nSwapTotal: 10 kB\nSwapFree: 4 kB\n";
        ProcSnapshot.MemoryInfo m = FrameParser.parse(new StreamEvent.Frame(1, 1, body), 4096).memory().orElseThrow();
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
        assertTrue(s.cpu().isEmpty() && s.contextSwitches().isEmpty() && s.load().isEmpty() && s.interfaces().isEmpty());
        assertTrue(s.warnings().stream().anyMatch(w -> w.contains("/proc/meminfo")), s.warnings().toString());
        assertTrue(s.warnings().stream().anyMatch(w -> w.contains("'cpu  12x 3 4'")), s.warnings().toString());
        assertEquals(Optional.empty(), s.filesystems());
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
        assertEquals(new ProcSnapshot.CpuTimes(100, 2, 30, 4000, 5, 6, 7, 0), s.cpu().orElseThrow());
        assertEquals(new NetCounters("eth0", 4294967200L, 1234, 1, 2, 987654, 321, 3, 4), s.interfaces().get(0));
    }

    @ParameterizedTest(name = "{0} reported: {1}")
    @CsvSource({"sda,true", "sda1,false", "vda,true", "vdb3,false", "xvda,true", "xvda1,false", "hdc,true",
            "nvme0n1,true", "nvme0n1p2,false", "mmcblk0,true", "mmcblk0p1,false", "dm-0,true", "md0,true",
            "md0p1,false", "loop7,false", "ram0,false", "sr0,false", "zram0,true", "sdaa,true", "sdaa12,false"})
    void wholeDisksAndMappedDevicesAreReportedPartitionsAreNot(String device, boolean reported) {
        assertEquals(reported, FrameParser.isReportedDevice(device));
    }
}
