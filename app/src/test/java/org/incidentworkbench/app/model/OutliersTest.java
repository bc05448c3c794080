package org.incidentworkbench.app.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The fleet's outlier rule, without JavaFX: median and MAD, with a minimum difference. */
class OutliersTest {

    @Test
    void outliersUseMedianAndMadAndIgnoreSmallDifferences() {
        List<Outliers.Mark> marks = Outliers.mark(List.of(OptionalDouble.of(10), OptionalDouble.of(11), OptionalDouble.of(10.5),
                OptionalDouble.of(9.5), OptionalDouble.of(60), OptionalDouble.empty()), 5);
        assertEquals(List.of(Outliers.Mark.NONE, Outliers.Mark.NONE, Outliers.Mark.NONE, Outliers.Mark.NONE, Outliers.Mark.HIGH,
                Outliers.Mark.NONE), marks);
        // mostly equal (MAD 0): the one that differs beyond the minimum stands out, low or high
        assertEquals(List.of(Outliers.Mark.NONE, Outliers.Mark.NONE, Outliers.Mark.NONE, Outliers.Mark.LOW),
                Outliers.mark(List.of(OptionalDouble.of(50), OptionalDouble.of(50), OptionalDouble.of(50), OptionalDouble.of(20)), 5));
        assertEquals(List.of(Outliers.Mark.NONE, Outliers.Mark.NONE, Outliers.Mark.NONE),
                Outliers.mark(List.of(OptionalDouble.of(1), OptionalDouble.of(1), OptionalDouble.of(3)), 5), "within the minimum difference");
        assertEquals(List.of(Outliers.Mark.NONE, Outliers.Mark.NONE),
                Outliers.mark(List.of(OptionalDouble.of(1), OptionalDouble.of(100)), 0), "two values are no group");
    }
}
