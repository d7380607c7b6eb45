package io.hyperrep.lab.cli;

import io.hyperrep.zoo.ZooSpec;
import java.util.SortedSet;
import picocli.CommandLine.Option;

/**
 * {@code --epoch-window 4-8}: the zoo epochs an autoencoder is applied to, all kept epochs when absent (a
 * picocli mixin). Commands whose window means something else declare their own option and share {@link
 * #bounds} for reading it.
 */
public final class EpochWindowOption {

    @Option(names = "--epoch-window", description = "Only these zoo epochs, e.g. 4-8. Default: all kept epochs.")
    String window;

    /** The window as given, e.g. {@code 4-8}; null for all kept epochs. */
    public String text() {
        return window;
    }

    /**
     * The first and last epoch of a window given as {@code --epoch-window}, e.g. {@code {4, 8}} for {@code 4-8}.
     *
     * @throws IllegalArgumentException if it names no epoch
     */
    public static int[] bounds(String window) {
        SortedSet<Integer> epochs = ZooSpec.parseEpochs(window);
        if (epochs.isEmpty()) {
            throw new IllegalArgumentException("--epoch-window is empty");
        }
        return new int[] {epochs.first(), epochs.last()};
    }
}
