package io.hyperrep.report.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AxisTest {

    @Test
    void shouldLabelTicksWithAsManyDigitsAsTheirStepNeeds() {
        Axis x = Axis.covering(-0.25, 1.75, 8, 0, 500);
        assertEquals(0.25, x.step(), 1e-12);
        List<String> labels = x.ticks().stream().map(v -> x.label(v, 1)).toList();
        assertEquals(
                List.of("-0.25", "0.00", "0.25", "0.50", "0.75", "1.00", "1.25", "1.50", "1.75"),
                labels,
                "a step of 0.25 needs two decimals, else 0.25 and 0.75 both read 0.3 / 0.8");
        Axis y = Axis.covering(0, 1, 5, 0, 100);
        assertEquals("20", y.label(0.2, 100), "steps of 0.2 as percent: whole numbers");
        Axis z = Axis.covering(0, 5, 2, 0, 100);
        assertEquals("2.5", z.label(2.5, 1));
    }
}
