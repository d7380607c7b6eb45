package io.hyperrep.launcher;

import io.hyperrep.bench.BenchCommand;
import io.hyperrep.broker.BrokerException;
import io.hyperrep.core.data.DatasetException;
import io.hyperrep.core.platform.NativeBuildException;
import io.hyperrep.core.platform.NativeBuildGuard;
import io.hyperrep.kafka.KafkaUnavailableException;
import io.hyperrep.lab.evaluate.EvaluateCommand;
import io.hyperrep.lab.export.ExportCommand;
import io.hyperrep.lab.hyper.HyperCommand;
import io.hyperrep.lab.sample.ReproduceCommand;
import io.hyperrep.lab.sample.SampleCommand;
import io.hyperrep.lab.zoo.ZooCommand;
import io.hyperrep.zoo.ZooException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hyperrep} command: composition root of the launcher. */
@Command(
        name = "hyperrep",
        mixinStandardHelpOptions = true,
        version = "hyperrep 0.1.0",
        description =
                "Hyper-representations of model zoos: train zoos, publish checkpoints to Kafka, sample, reproduce and export models, benchmark.",
        subcommands = {
            DemoCommand.class,
            ServeCommand.class,
            BrokerCommand.class,
            ZooCommand.class,
            HyperCommand.class,
            SampleCommand.class,
            ReproduceCommand.class,
            ExportCommand.class,
            EvaluateCommand.class,
            BenchCommand.class,
            KafkaToolCommand.class,
            DoctorCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Hyperrep {

    public static void main(String[] args) {
        try {
            // Before anything can load ND4J: JavaCPP would load the AVX-512 build on any CPU (SIGILL).
            NativeBuildGuard.apply();
        } catch (NativeBuildException e) {
            System.err.println("hyperrep: " + e.getMessage());
            System.exit(1);
        }
        System.exit(commandLine().execute(args));
    }

    /** The configured command line: known failures print one clear line and exit 1. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Hyperrep(), Hyperrep::command);
        // `hyperrep kafka <tool> ARGS`: everything after the tool name goes to Kafka's tool unchanged.
        cl.getSubcommands()
                .get("kafka")
                .setUnmatchedOptionsArePositionalParams(true)
                .setStopAtPositional(true);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof ZooException
                    || ex instanceof DatasetException
                    || ex instanceof KafkaUnavailableException
                    || ex instanceof BrokerException
                    || ex instanceof IllegalArgumentException
                    || ex instanceof NativeBuildException
                    || ex instanceof io.hyperrep.service.runtime.ConfigException
                    || ex instanceof io.hyperrep.kafka.MissingTopicsException
                    || ex instanceof io.hyperrep.ml.hyper.AutoencoderFileException
                    || ex instanceof io.hyperrep.events.EventFormatException
                    || ex instanceof java.io.UncheckedIOException
                    || ex instanceof java.nio.file.NoSuchFileException) {
                cmd.getErr().println("hyperrep: " + ex.getMessage());
                return 1;
            }
            throw ex;
        });
        return cl;
    }

    /** Picocli's factory: {@code bench} is handed the ingest service from the catalogue (shared/bench depends on no service). */
    private static <K> K command(Class<K> type) throws Exception {
        if (type == BenchCommand.class) {
            return type.cast(new BenchCommand(ServiceCatalog.get("ingest")));
        }
        return CommandLine.defaultFactory().create(type);
    }
}
