package org.incidentworkbench.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DfParserTest {

    private final DfParser parser = new DfParser();

    static Stream<Fixtures.Fixture> fixtures() {
        return Fixtures.forParser("df");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void parsesFixture(Fixtures.Fixture f) {
        Optional<DfReport> report = Fixtures.parse(parser, f);
        if (report.isEmpty()) {
            return;
        }
        List<DfReport.Filesystem> fs = report.get().filesystems();
        // with a df -Pi section, its rows merge into the space rows of the first part
        // BusyBox df (without -P) wraps a long device name: its numbers follow on an indented line
        long rows = Sections.split(InputText.normalise(f.text())).get("").lines()
                .filter(l -> !l.isBlank() && !l.startsWith("Filesystem") && !l.matches("total .* -")
                        && !(f.os().startsWith("busybox") && Character.isWhitespace(l.charAt(0)))).count();
        assertEquals(rows, fs.size(), "one filesystem per row");
        if (f.json().isPresent()) {
            JsonNode expected = f.expected();
            assertEquals(expected.size(), fs.size());
            boolean human = f.name().contains("-h");
            for (int i = 0; i < fs.size(); i++) {
                JsonNode e = expected.get(i);
                DfReport.Filesystem a = fs.get(i);
                assertEquals(e.get("filesystem").asText(), a.filesystem());
                assertEquals(e.get("mounted_on").asText(), a.mountedOn());
                assertEquals(e.get("use_percent").asInt(), a.usedPercent().orElseThrow());
                if (human) {
                    // jc keeps df -h's rounding; 1.9G is 1.9 * 1024^3 on both sides
                    assertEquals(Fixtures.jsonLong(e, "size"), a.sizeBytes().orElseThrow(), 1024.0 * 1024 * 100);
                    assertEquals(Fixtures.jsonLong(e, "used"), a.usedBytes().orElseThrow(), 1024.0 * 1024 * 100);
                } else {
                    assertEquals(Fixtures.jsonLong(e, "1k_blocks") * 1024, a.sizeBytes().orElseThrow());
                    assertEquals(Fixtures.jsonLong(e, "used") * 1024, a.usedBytes().orElseThrow());
                    assertEquals(Fixtures.jsonLong(e, "available") * 1024, a.availableBytes().orElseThrow());
                }
            }
        }
    }

    @Test
    void mergesInodeSectionIntoSpaceRows() throws Exception {
        String text = read("debian-12/df-PTk.out") + Sections.marker("df -Pi") + "\n" + read("debian-12/df-Pi.out");
        DfReport r = Fixtures.parsed(parser, text);
        assertEquals(5, r.filesystems().size());
        DfReport.Filesystem root = r.mount("/").orElseThrow();
        assertEquals("ext4", root.type().orElseThrow());
        assertEquals(264212084L * 1024, root.sizeBytes().orElseThrow());
        assertEquals(22, root.usedPercent().orElseThrow());
        assertEquals(16777216L, root.inodes().orElseThrow());
        assertEquals(412290L, root.inodesUsed().orElseThrow());
        assertEquals(3, root.inodesUsedPercent().orElseThrow());
    }

    @Test
    void keepsSpacesInMountPointsAndJoinsWrappedDeviceNames() {
        String text = """
                Filesystem     1K-blocks    Used Available Use% Mounted on
                /dev/mapper/very-long-volume-group-name-root
                                17811456 1805580  16005876  11% /
                /dev/sdb1        1038336  237600    800736  23% /media/usb stick
                """;
        DfReport r = Fixtures.parsed(parser, text);
        assertEquals("/dev/mapper/very-long-volume-group-name-root", r.filesystems().get(0).filesystem());
        assertEquals(11, r.filesystems().get(0).usedPercent().orElseThrow());
        assertEquals("/media/usb stick", r.filesystems().get(1).mountedOn());
    }

    @Test
    void dashInodesBecomeEmpty() {
        DfReport r = Fixtures.parsed(parser, """
                Filesystem     Inodes IUsed IFree IUse% Mounted on
                /dev/sda2           0     0     0     - /boot/efi
                """);
        assertTrue(r.filesystems().get(0).inodesUsedPercent().isEmpty());
        assertEquals(0L, r.filesystems().get(0).inodes().orElseThrow());
    }

    @Test
    void badFieldIsEmptyWithWarning() {
        ParseOutcome<DfReport> o = parser.parse("""
                Filesystem     1K-blocks    Used Available Use% Mounted on
                /dev/sda1        1038336  237600    800736  23% /boot
                /dev/sda2        99999999999999999999  1  2  3% /x
                """);
        ParseOutcome.Parsed<DfReport> p = assertInstanceOf(ParseOutcome.Parsed.class, o);
        assertEquals(2, p.value().filesystems().size());
        assertTrue(p.value().filesystems().get(1).sizeBytes().isEmpty());
        assertEquals(1, p.warnings().size(), p.warnings().toString());
    }

    @Test
    void bsdDfIsReadBestEffortWithAWarning() throws Exception {
        ParseOutcome.Parsed<DfReport> p = assertInstanceOf(ParseOutcome.Parsed.class, parser.parse(read("jc/osx-10.11.6/df.out")));
        assertEquals(1, p.warnings().size(), p.warnings().toString());
        assertTrue(p.warnings().get(0).contains("BSD"));
        List<DfReport.Filesystem> fs = p.value().filesystems();
        assertEquals(6, fs.size());
        assertEquals("map -hosts", fs.get(3).filesystem());
        assertEquals(976490576L * 512, fs.get(0).sizeBytes().orElseThrow());
        assertEquals(9223372036854101397L, fs.get(0).inodesFree().orElseThrow());
        assertEquals("/Volumes/brazil", fs.get(5).mountedOn());
    }

    @Test
    void otherTextIsUnrecognisedAndEmptyIsEmpty() {
        assertInstanceOf(ParseOutcome.Unrecognised.class, parser.parse("total 12\ndrwxr-xr-x 2 root root 4096 .\n"));
        assertEquals(List.of(), Fixtures.parsed(parser, "").filesystems());
    }

    static String read(String path) throws Exception {
        return java.nio.file.Files.readString(Fixtures.root().resolve(path));
    }
}
