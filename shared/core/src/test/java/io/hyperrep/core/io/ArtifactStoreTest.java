package io.hyperrep.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactStoreTest {

    @Test
    void shouldAddressByContentStoreIdempotentlyAndVerify(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a");
        Files.createDirectories(a.resolve("state"));
        Files.writeString(a.resolve("model.sd"), "weights");
        Files.writeString(a.resolve("config.json"), "{}");
        Files.writeString(a.resolve("state/big.bin"), "optimizer");
        ArtifactStore store = new ArtifactStore(tmp.resolve("store"));
        var ref = store.put(a, p -> !p.toString().contains("state"));
        assertEquals(ref, store.put(a, p -> !p.toString().contains("state")), "same content, same address");
        Path got = store.get(ref.sha256());
        assertEquals("weights", Files.readString(got.resolve("model.sd")));
        assertTrue(Files.notExists(got.resolve("state")), "excluded files stay out");

        Files.writeString(a.resolve("config.json"), "{\"x\":1}");
        assertNotEquals(ref.sha256(), store.put(a, p -> true).sha256());

        Files.writeString(got.resolve("model.sd"), "tampered");
        assertTrue(assertThrows(IllegalStateException.class, () -> store.get(ref.sha256()))
                .getMessage()
                .contains("corrupt"));
        assertThrows(IllegalArgumentException.class, () -> store.get("nothex"));
        assertThrows(IllegalArgumentException.class, () -> store.jobDir("../escape"));
        assertTrue(Files.isDirectory(store.jobDir("job-1")));
    }
}
