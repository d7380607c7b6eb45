package io.hyperrep.lab.zoo;

import picocli.CommandLine.Command;

/** {@code hyperrep zoo}: the zoo subcommands. */
@Command(
        name = "zoo",
        mixinStandardHelpOptions = true,
        description = "Train model zoos and publish their checkpoints.",
        subcommands = {ZooTrainCommand.class, ZooPublishCommand.class, ZooStatsCommand.class})
public final class ZooCommand {}
