package io.hyperrep.lab.hyper;

import picocli.CommandLine.Command;

/** {@code hyperrep hyper}: hyper-representation commands. */
@Command(
        name = "hyper",
        mixinStandardHelpOptions = true,
        description = "Train hyper-representations of zoos; embed and reconstruct zoos with them.",
        subcommands = {HyperTrainCommand.class, HyperEncodeCommand.class, HyperReconstructCommand.class})
public final class HyperCommand {}
