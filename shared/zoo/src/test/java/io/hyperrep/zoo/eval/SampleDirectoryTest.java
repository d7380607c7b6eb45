package io.hyperrep.zoo.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.core.zoo.CheckpointMetrics;
import io.hyperrep.core.zoo.Initialization;
import io.hyperrep.core.zoo.ModelSeeds;
import io.hyperrep.events.CheckpointCodec;
import io.hyperrep.zoo.ZooException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleDirectoryTest {

    static Path write(Path dir, String id, io.hyperrep.core.arch.Architecture arch) throws IOException {
        float[] w = ModelSeeds.initialWeights(arch, Initialization.KAIMING_UNIFORM, id.hashCode());
        Checkpoint c =
                new Checkpoint("gen", id, 0, 0, arch.id(), arch.layoutHash(), new CheckpointMetrics(0, 0, 0, 0), w);
        Path f = dir.resolve("checkpoints").resolve(id).resolve("epoch-000.json");
        Files.createDirectories(f.getParent());
        Files.write(f, CheckpointCodec.encode(c));
        return f;
    }

    @Test
    void shouldReadEveryCheckpointBelowTheDirectoryAndNameThePopulationFromItsMetadata(@TempDir Path tmp)
            throws IOException {
        Path dir = tmp.resolve("kde run");
        write(dir, "s0001", Architectures.CNN_S);
        write(dir, "s0000", Architectures.CNN_S);
        Files.writeString(dir.resolve("manifest.json"), "{\"sampler\": \"kde\", \"count\": 2, \"nested\": {\"x\": 1}}");
        Population p = SampleDirectory.read(dir, Architectures.CNN_S);
        assertEquals("kde-run", p.name(), "directory name, made a valid population name");
        assertEquals(java.util.List.of("s0000", "s0001"), p.memberIds());
        assertEquals(PopulationKind.SAMPLE, p.kind());
        assertEquals("kde", p.lineage().get("sampler"));
        assertArrayEquals(
                ModelSeeds.initialWeights(Architectures.CNN_S, Initialization.KAIMING_UNIFORM, "s0000".hashCode()),
                p.weights()[0]);

        Files.writeString(dir.resolve("population.json"), "{\"name\": \"S_KDE30\"}");
        assertEquals("S_KDE30", SampleDirectory.read(dir, Architectures.CNN_S).name());
    }

    @Test
    void shouldRecordTheDirectoryRelativeToTheWorkingDirectoryWhenInsideIt(@TempDir Path tmp) throws IOException {
        // the working directory of a test is its module, so target/ lies inside it
        Path inside = Path.of("target", "sample-dir-" + System.nanoTime()).toAbsolutePath();
        write(inside, "s0000", Architectures.CNN_S);
        assertEquals(
                "target/" + inside.getFileName(),
                SampleDirectory.read(inside, Architectures.CNN_S).lineage().get("directory"));
        write(tmp, "s0000", Architectures.CNN_S);
        assertEquals(
                tmp.toAbsolutePath().normalize().toString(),
                SampleDirectory.read(tmp, Architectures.CNN_S).lineage().get("directory"),
                "outside it: absolute");
    }

    @Test
    void shouldNameTheFileOfAModelOfAnotherArchitecture(@TempDir Path tmp) throws IOException {
        write(tmp, "a", Architectures.CNN_S);
        Path bad = write(tmp, "b", Architectures.CNN_L);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SampleDirectory.read(tmp, Architectures.CNN_S));
        assertTrue(e.getMessage().contains(bad.toString()) && e.getMessage().contains("cnn-l"), e.getMessage());
    }

    @Test
    void shouldRefuseEmptyMissingAndBrokenDirectories(@TempDir Path tmp) throws IOException {
        IllegalArgumentException empty =
                assertThrows(IllegalArgumentException.class, () -> SampleDirectory.read(tmp, Architectures.CNN_S));
        assertTrue(empty.getMessage().contains("holds no generated models"), empty.getMessage());
        assertThrows(ZooException.class, () -> SampleDirectory.read(tmp.resolve("missing"), Architectures.CNN_S));
        Path f = write(tmp, "a", Architectures.CNN_S);
        Files.writeString(f, Files.readString(f).replace("\"count\":2464", "\"count\":2465"));
        ZooException e = assertThrows(ZooException.class, () -> SampleDirectory.read(tmp, Architectures.CNN_S));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        Files.writeString(f, "{not json");
        assertTrue(assertThrows(ZooException.class, () -> SampleDirectory.read(tmp, Architectures.CNN_S))
                .getMessage()
                .contains("not valid JSON"));
    }
}
