package io.hyperrep.lab.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --hyper DIR}: the autoencoder a command applies, as {@code hyperrep hyper train} wrote it (a picocli mixin). */
public final class AutoencoderDirOption {

    @Option(names = "--hyper", required = true, description = "Autoencoder directory (from 'hyperrep hyper train').")
    Path hyper;

    /** The autoencoder directory given. */
    public Path dir() {
        return hyper;
    }
}
