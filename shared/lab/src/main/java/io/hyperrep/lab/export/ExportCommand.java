package io.hyperrep.lab.export;

import io.hyperrep.core.io.AtomicFiles;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.events.CheckpointCodec;
import io.hyperrep.events.ModelExport;
import io.hyperrep.events.PipelineEvents;
import io.hyperrep.events.PipelineEvents.EvaluatedModel;
import io.hyperrep.events.PipelineEvents.GeneratedModel;
import io.hyperrep.events.Topics;
import io.hyperrep.kafka.KafkaClients;
import io.hyperrep.kafka.KeyedRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hyperrep export MODEL --format F --out FILE}: a generated model (by sample id, read from
 * {@code hyperrep.models.generated}) or a checkpoint file (a zoo directory's, or an exported one) as a
 * checkpoint JSON, a safetensors file or an ONNX model ({@link ModelExport}; docs/EXPORTS.md).
 */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Write a model for use outside hyperrep: a generated model by sample id (with --bootstrap) or a checkpoint JSON file,",
            "as checkpoint JSON, safetensors (PyTorch state_dict names) or ONNX (opset 13, input = raw pixels / 255)."
        })
public final class ExportCommand implements Callable<Integer> {

    // Kept apart (duplicates): each option is this command's own (name, default, description); other commands'
    // options share only picocli's declaration shape, and a shared mixin would change their --help text.
    @Parameters(index = "0", paramLabel = "MODEL", description = "A sample id, or a checkpoint JSON file.")
    String model;

    @Option(names = "--format", required = true, description = "checkpoint, safetensors or onnx.")
    String format;

    @Option(names = "--out", required = true, description = "File to write.")
    Path out;

    @Option(names = "--bootstrap", description = "Kafka bootstrap servers (to read a generated model by sample id).")
    String bootstrap;

    @Override
    public Integer call() throws IOException {
        ModelExport.Format f = ModelExport.Format.parse(format);
        byte[] bytes;
        Path file = Path.of(model);
        if (Files.isRegularFile(file)) {
            Checkpoint c = CheckpointCodec.decode(Files.readAllBytes(file));
            bytes = ModelExport.of(c, f);
        } else {
            if (bootstrap == null) {
                throw new IllegalArgumentException("'" + model
                        + "' is not a file; to export a generated model by sample id, pass --bootstrap HOST:PORT");
            }
            Duration timeout = Duration.ofMinutes(2);
            KafkaClients kafka = KafkaClients.fromEnvironment(bootstrap);
            GeneratedModel g = KeyedRecords.first(kafka, Topics.GENERATED, model, timeout)
                    .map(r -> PipelineEvents.GENERATED_MODEL.decode(r.value()))
                    .orElseThrow(() ->
                            new IllegalArgumentException("no generated model '" + model + "' on " + Topics.GENERATED));
            EvaluatedModel e = KeyedRecords.first(kafka, Topics.EVALUATED, model, timeout)
                    .map(r -> PipelineEvents.EVALUATED_MODEL.decode(r.value()))
                    .orElse(null);
            bytes = ModelExport.of(g, e, f);
        }
        AtomicFiles.write(out, bytes);
        System.out.println("wrote " + out + " (" + f.id() + ", " + bytes.length + " bytes)");
        return 0;
    }
}
