package io.hyperrep.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PortablePathsTest {

    @Test
    void shouldWritePathsInsideTheBaseRelativeAndOthersAbsolute() {
        Path base = Path.of("/srv/work");
        assertEquals("runs/hyper-1", PortablePaths.relativeTo(Path.of("/srv/work/runs/./hyper-1"), base));
        assertEquals("", PortablePaths.relativeTo(Path.of("/srv/work"), base), "the base itself");
        assertEquals(
                "/srv/other/hyper",
                PortablePaths.relativeTo(Path.of("/srv/work/../other/hyper"), base),
                "outside: absolute, normalised");
        assertEquals(
                "/srv/workshop",
                PortablePaths.relativeTo(Path.of("/srv/workshop"), base),
                "a name prefix is not containment");
        assertEquals(
                "target/x",
                PortablePaths.portable(Path.of("target/x")),
                "relative input stays relative to the working directory");
    }
}
