package io.hyperrep.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.export.Onnx;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.events.CheckpointCodec;
import io.hyperrep.events.ModelExport;
import io.hyperrep.events.PipelineEvents;
import io.hyperrep.events.PipelineEvents.GeneratedModel;
import io.hyperrep.events.Topics;
import io.hyperrep.events.Weights;
import io.hyperrep.kafka.KafkaClients;
import io.hyperrep.kafka.TopicAdmin;
import io.hyperrep.testkit.KafkaBootstrap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hyperrep export} through the launcher's command line: a zoo checkpoint file and a generated
 * model read from Kafka by sample id, in each format (the formats themselves are checked by independent
 * readers in shared/core's OnnxTest and SafetensorsTest).
 */
class ExportCommandIT {

    static final Path CHECKPOINT = Path.of("../../data/zoo/fashion-mnist-cnn-s/checkpoints/m0003/epoch-008.json");

    @Test
    void shouldExportACheckpointFileInEveryFormat(@TempDir Path tmp) throws Exception {
        Checkpoint c = CheckpointCodec.decode(Files.readAllBytes(CHECKPOINT));
        for (ModelExport.Format f : ModelExport.Format.values()) {
            Path out = tmp.resolve("m" + f.suffix());
            SampleCommandTest.Outcome o =
                    SampleCommandTest.run("export", CHECKPOINT.toString(), "--format", f.id(), "--out", out.toString());
            assertEquals(0, o.code(), o.err());
            assertTrue(o.out().contains("wrote " + out), o.out());
            assertArrayEquals(ModelExport.of(c, f), Files.readAllBytes(out), f.id());
        }
        assertTrue(new String(Files.readAllBytes(tmp.resolve("m.onnx")), java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains(Onnx.INPUT));

        assertExportRefused("unknown format 'pickle'", CHECKPOINT.toString(), "pickle", tmp.resolve("x"));
        assertExportRefused("--bootstrap", "ae-1/kde/s1/n1/0", "onnx", tmp.resolve("y"));
    }

    /** {@code export MODEL --format FORMAT --out OUT} exits 1 and says {@code message}. */
    private static void assertExportRefused(String message, String model, String format, Path out) {
        SampleCommandTest.Outcome o =
                SampleCommandTest.run("export", model, "--format", format, "--out", out.toString());
        assertEquals(1, o.code(), o.out());
        assertTrue(o.err().contains(message), o.err());
    }

    @Test
    void shouldExportAGeneratedModelBySampleId(@KafkaBootstrap String bootstrap, @TempDir Path tmp) throws Exception {
        try (TopicAdmin admin = TopicAdmin.connect(KafkaClients.of(bootstrap), Duration.ofSeconds(30))) {
            admin.ensureAllTopics(io.hyperrep.kafka.TopicPolicy.create(4));
        }
        Checkpoint c = CheckpointCodec.decode(Files.readAllBytes(CHECKPOINT));
        String id = "ae-" + UUID.randomUUID().toString().substring(0, 8) + "/kde/s42/n5/3";
        GeneratedModel g = new GeneratedModel(
                id,
                "zoo",
                id.substring(0, id.indexOf('/')),
                "zoo@s",
                "kde",
                Map.of(),
                42,
                3,
                "cnn-s",
                Architectures.CNN_S.layoutHash(),
                Weights.of(c.weights()),
                "2026-01-01T00:00:00Z",
                "a".repeat(64),
                "job",
                5);
        try (KafkaProducer<String, byte[]> p =
                new KafkaProducer<>(KafkaClients.of(bootstrap).producerConfig("export-it"))) {
            p.send(new ProducerRecord<>(Topics.GENERATED, id, PipelineEvents.GENERATED_MODEL.encode(g)))
                    .get();
        }
        Path out = tmp.resolve("g.json");
        SampleCommandTest.Outcome o = SampleCommandTest.run(
                "export", id, "--bootstrap", bootstrap, "--format", "checkpoint", "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        Checkpoint read = CheckpointCodec.decode(Files.readAllBytes(out));
        assertEquals(c.weightsSha256(), read.weightsSha256());
        Path onnx = tmp.resolve("g.onnx");
        assertEquals(
                0,
                SampleCommandTest.run(
                                "export", id, "--bootstrap", bootstrap, "--format", "onnx", "--out", onnx.toString())
                        .code());
        assertArrayEquals(ModelExport.of(g, null, ModelExport.Format.ONNX), Files.readAllBytes(onnx));
        SampleCommandTest.Outcome missing = SampleCommandTest.run(
                "export",
                id + "9",
                "--bootstrap",
                bootstrap,
                "--format",
                "onnx",
                "--out",
                tmp.resolve("z").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("no generated model"), missing.err());
    }
}
