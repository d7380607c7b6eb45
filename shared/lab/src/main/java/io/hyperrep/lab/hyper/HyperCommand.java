package io.hyperrep.lab.hyper;

import picocli.CommandLine.Command;

/** {@code hyperrep hyper}: hyper-representation commands. */
// Kept apart (duplicates): picocli's @Command header has this shape in every command; each one's text says what it
// does.
@Command(
        name = "hyper",
        mixinStandardHelpOptions = true,
        description = "Train hyper-representations of zoos; embed and reconstruct zoos with them.",
        subcommands = {HyperTrainCommand.class, HyperEncodeCommand.class, HyperReconstructCommand.class})
public final class HyperCommand {}
