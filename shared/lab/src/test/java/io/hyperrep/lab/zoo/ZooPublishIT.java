package io.hyperrep.lab.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.events.CheckpointCodec;
import io.hyperrep.events.Topics;
import io.hyperrep.testkit.KafkaBootstrap;
import io.hyperrep.testkit.TopicProbe;
import io.hyperrep.zoo.ZooDirectory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Train a tiny zoo, publish it to a real broker, read every checkpoint back; bad input fails clearly. */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ZooPublishIT {

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            CommandLine cl = new CommandLine(new ZooCommand());
            cl.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
            cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
                cmd.getErr().println("hyperrep: " + ex.getMessage());
                return 1;
            });
            int code = cl.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
        }
    }

    /** {@code zoo train} of the same small zoo {@code r} (2 models, 2 epochs, 100 images) into {@code out}. */
    static Run trainZooR(Path out) {
        return run(
                "train",
                "--models",
                "2",
                "--epochs",
                "2",
                "--train-images",
                "100",
                "--zoo-id",
                "r",
                "--out",
                out.toString());
    }

    @Test
    void shouldTrainPublishAndReadBackEveryCheckpoint(@KafkaBootstrap String bootstrap, @TempDir Path tmp) {
        Path zoo = tmp.resolve("zoo");
        Run train = run(
                "train",
                "--models",
                "3",
                "--epochs",
                "2",
                "--train-images",
                "300",
                "--keep-epochs",
                "0,2",
                "--zoo-id",
                "it-zoo",
                "--out",
                zoo.toString(),
                "--publish",
                "--bootstrap",
                bootstrap);
        assertEquals(0, train.code(), train.err());
        List<Checkpoint> files = ZooDirectory.open(zoo).readAll();
        assertEquals(6, files.size());
        Map<String, Checkpoint> read = consumeAll(bootstrap, 6);
        for (Checkpoint c : files) {
            Checkpoint k = read.get(c.key());
            assertArrayEquals(c.weights(), k.weights(), c.key());
            assertEquals(c.metrics(), k.metrics());
        }
        assertNotEquals(files.get(0).metrics().testAcc(), files.get(1).metrics().testAcc());

        Run again = run("publish", "--from", zoo.toString(), "--bootstrap", bootstrap);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("published 6 checkpoints"), again.out());
    }

    @Test
    void shouldBeDeterministicAndRefuseADifferentZooInTheSameDirectory(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertEquals(0, trainZooR(a).code());
        assertEquals(0, trainZooR(b).code());
        for (Checkpoint x : ZooDirectory.open(a).readAll()) {
            Checkpoint y = ZooDirectory.readCheckpoint(ZooDirectory.open(b).checkpointFile(x.modelId(), x.epoch()));
            assertArrayEquals(x.weights(), y.weights(), "deterministic per seed: " + x.key());
        }
        Run done = trainZooR(a);
        assertEquals(0, done.code());
        assertTrue(Files.exists(a.resolve("zoo.json")));
        Run other = run("train", "--models", "3", "--epochs", "2", "--zoo-id", "r", "--out", a.toString());
        assertEquals(1, other.code());
        assertTrue(other.err().contains("already holds a different zoo"), other.err());
    }

    @Test
    void shouldFailClearlyOnBadInput(@TempDir Path tmp) throws Exception {
        assertTrue(run("train", "--models", "2", "--epochs", "1", "--arch", "resnet", "--out", tmp.toString())
                .err()
                .contains("unknown architecture 'resnet'"));
        assertTrue(run("train", "--models", "2", "--epochs", "1", "--dataset", "cifar", "--out", tmp.toString())
                .err()
                .contains("unknown dataset 'cifar'"));
        assertTrue(run("train", "--models", "0", "--epochs", "1", "--out", tmp.toString())
                .err()
                .contains("--models must be"));
        assertEquals(2, run("train", "--models", "two").code());
        Run noData = run(
                "train",
                "--models",
                "1",
                "--epochs",
                "1",
                "--data-dir",
                tmp.resolve("none").toString(),
                "--out",
                tmp.resolve("z").toString());
        assertTrue(noData.err().contains("apt-get install dataset-fashion-mnist"), noData.err());
        Path ro = Files.createDirectory(tmp.resolve("ro"));
        ro.toFile().setWritable(false);
        if (!Files.isWritable(ro)) {
            assertTrue(run(
                            "train",
                            "--models",
                            "1",
                            "--epochs",
                            "1",
                            "--out",
                            ro.resolve("zoo").toString())
                    .err()
                    .contains("cannot create"));
        }
        Run noBroker = run("publish", "--from", tmp.resolve("none").toString(), "--bootstrap", "localhost:1");
        assertTrue(noBroker.err().contains("not a zoo directory"), noBroker.err());
        Path zoo = tmp.resolve("zoo2");
        assertEquals(
                0,
                run("train", "--models", "1", "--epochs", "1", "--train-images", "50", "--out", zoo.toString())
                        .code());
        Run unreachable = run("publish", "--from", zoo.toString(), "--bootstrap", "localhost:1");
        assertEquals(1, unreachable.code());
        assertTrue(unreachable.err().contains("no Kafka broker answered at localhost:1"), unreachable.err());
    }

    static Map<String, Checkpoint> consumeAll(String bootstrap, int expected) {
        Map<String, Checkpoint> out = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : TopicProbe.read(
                bootstrap, Topics.CHECKPOINTS, rs -> rs.size() >= expected, Duration.ofSeconds(60), Duration.ZERO)) {
            Checkpoint ck = CheckpointCodec.decode(r.value());
            assertEquals(ck.key(), r.key());
            assertEquals("io.hyperrep.checkpoint.published.v1", TopicProbe.header(r, "ce_type"));
            out.put(r.key(), ck);
        }
        assertEquals(expected, out.size(), "checkpoints read back");
        return out;
    }
}
