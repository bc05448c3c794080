package org.incidentworkbench.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code df --total} and {@code df -h --total} (coreutils 9.1, this machine): the total row is kept as the total, not a filesystem. */
class DfTotalTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"debian-12/df--total.out", "debian-12/df-h--total.out"})
    void theTotalRowIsTheTotal(String file) {
        String text = Fixtures.text(file);
        DfReport df = Fixtures.parsed(new DfParser(), text);
        assertEquals(text.lines().count() - 2, df.filesystems().size(), "header and total are not filesystems");
        assertFalse(df.filesystems().stream().anyMatch(f -> f.filesystem().equals("total") || f.mountedOn().equals("-")));
        DfReport.Filesystem total = df.total().orElseThrow();
        assertEquals("total", total.filesystem());
        assertTrue(total.sizeBytes().orElseThrow() > df.mount("/").orElseThrow().sizeBytes().orElseThrow());
        if (file.endsWith("df--total.out")) {
            long sum = df.filesystems().stream().mapToLong(f -> f.sizeBytes().orElseThrow()).sum();
            assertEquals(sum, total.sizeBytes().orElseThrow(), "df's total sums the filesystems");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"debian-12/df-h.out", "debian-12/df-PTk.out"})
    void aListingWithoutTotalHasNone(String file) {
        assertEquals(Optional.empty(), Fixtures.parsed(new DfParser(), Fixtures.text(file)).total());
    }
}
