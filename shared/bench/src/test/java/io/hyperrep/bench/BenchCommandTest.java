package io.hyperrep.bench;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {

    private static BenchCommand parse(String... args) {
        BenchCommand command = new BenchCommand(List.of());
        new CommandLine(command).parseArgs(args);
        return command;
    }

    private static String rejection(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> parse(args).validate())
                .getMessage();
    }

    @Test
    void acceptsEveryBenchmarkWithItsDefaults() {
        for (String what : List.of("zoo", "hyper", "ingest", "eval")) {
            assertDoesNotThrow(() -> parse(what).validate(), what);
        }
        assertDoesNotThrow(() -> parse("zoo", "--steps", "3", "--sizes", "1,4").validate());
    }

    @Test
    void rejectsAnUnknownBenchmarkNamingTheKnownOnes() {
        String message = rejection("zo");
        assertTrue(message.contains("'zo'") && message.contains("zoo, hyper, ingest, eval"), message);
    }

    @Test
    void rejectsSizesStepsAndRatesBelowOne() {
        assertTrue(rejection("zoo", "--steps", "0").contains("--steps"));
        assertTrue(rejection("zoo", "--sizes", "8,0").contains("--sizes must all be at least 1, got 0"));
        assertTrue(rejection("ingest", "--checkpoints", "-1").contains("--checkpoints"));
        assertTrue(rejection("ingest", "--rate", "0").contains("--rate"));
    }
}
