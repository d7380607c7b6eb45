package io.hyperrep.launcher;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandTest {

    private static DemoCommand parse(String... args) {
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs(args);
        return demo;
    }

    private static String rejection(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> parse(args).validate())
                .getMessage();
    }

    @Test
    void acceptsItsDefaultsAndFreePorts() {
        assertDoesNotThrow(() -> parse().validate());
        assertDoesNotThrow(() ->
                parse("--port", "0", "--http-port", "0", "--generate", "1").validate());
    }

    @Test
    void rejectsPortsOutsideTheRangeAndNothingToGenerate() {
        assertEquals("--port must be in 0..65535, got 70000", rejection("--port", "70000"));
        assertEquals("--http-port must be in 0..65535, got -1", rejection("--http-port", "-1"));
        assertEquals("--generate must be at least 1, got 0", rejection("--generate", "0"));
    }
}
