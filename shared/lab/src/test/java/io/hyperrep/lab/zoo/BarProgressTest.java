package io.hyperrep.lab.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyperrep.report.ProgressBar;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The zoo bar with two worker groups: never steps back when one group finishes its epoch first. */
class BarProgressTest {

    @Test
    void shouldKeepTheOtherGroupsPartialEpochWhenOneGroupFinishes() {
        ZooTrainCommand.BarProgress p = new ZooTrainCommand.BarProgress(new ProgressBar(
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), "model-epochs"));
        p.started(200, 0);
        p.stepped(0, 1, 10, 10, 50); // group 0 has trained its epoch and is evaluating
        p.stepped(1, 1, 10, 10, 50); // so has group 1
        assertEquals(100, p.done(), 1e-9);
        p.epochDone(1, 1, 50, 0.8);
        assertEquals(100, p.done(), 1e-9, "group 0's trained epoch still counts while it is evaluated");
        p.epochDone(0, 1, 50, 0.8);
        assertEquals(100, p.done(), 1e-9);
        p.stepped(0, 2, 5, 10, 50);
        assertEquals(125, p.done(), 1e-9);
    }
}
