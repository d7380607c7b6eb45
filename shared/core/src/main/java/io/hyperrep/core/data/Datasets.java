package io.hyperrep.core.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The datasets hyperrep trains zoos on, by id. {@code fashion-mnist} reads the IDX files that the
 * Debian package {@code dataset-fashion-mnist} installs; {@code fashion-mnist-rot90} is the same data
 * rotated by 90 degrees (a transfer task).
 */
public final class Datasets {

    /** Where Debian's {@code dataset-fashion-mnist} installs the IDX files. */
    public static final Path DEFAULT_FASHION_MNIST_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** Environment variable that overrides the Fashion-MNIST directory. */
    public static final String FASHION_MNIST_DIR_ENV = "HYPERREP_FASHION_MNIST_DIR";
    /** The seed of the train/validation split (docs/METHOD.md §1.4 uses 42 for MNIST's random_split). */
    public static final long SPLIT_SEED = 42;
    /** Size of the validation split carved from the 60k official training images. */
    public static final int VALIDATION_SIZE = 10_000;

    private static final List<String> IDS = List.of("fashion-mnist", "fashion-mnist-rot90");

    private Datasets() {}

    /** Known dataset ids. */
    public static List<String> ids() {
        return IDS;
    }

    /** Checks that {@code id} names a known dataset. */
    public static String requireKnown(String id) {
        if (!IDS.contains(id)) {
            throw new DatasetException("unknown dataset '" + id + "'; known: " + String.join(", ", IDS));
        }
        return id;
    }

    /** The Fashion-MNIST directory: {@code override} if given, else the environment, else Debian's. */
    public static Path fashionMnistDir(Path override) {
        if (override != null) {
            return override;
        }
        String env = System.getenv(FASHION_MNIST_DIR_ENV);
        return env != null && !env.isBlank() ? Path.of(env) : DEFAULT_FASHION_MNIST_DIR;
    }

    /** Loads dataset {@code id} from {@code dir} (null: the default location) and splits it. */
    public static ImageDataset load(String id, Path dir) {
        requireKnown(id);
        Path d = fashionMnistDir(dir);
        if (!Files.isDirectory(d)) {
            throw new DatasetException("Fashion-MNIST not found at " + d + ". Install it with "
                    + "'sudo apt-get install dataset-fashion-mnist', or point " + FASHION_MNIST_DIR_ENV
                    + " (or --data-dir) at a directory with the four *-ubyte.gz IDX files.");
        }
        ImageSet fullTrain = IdxReader.read(find(d, "train-images-idx3-ubyte"), find(d, "train-labels-idx1-ubyte"));
        ImageSet test = IdxReader.read(find(d, "t10k-images-idx3-ubyte"), find(d, "t10k-labels-idx1-ubyte"));
        if (fullTrain.count() <= VALIDATION_SIZE) {
            throw new DatasetException(d + ": training set has only " + fullTrain.count() + " images");
        }
        int[][] split = splitIndices(fullTrain.count(), VALIDATION_SIZE, SPLIT_SEED);
        ImageSet train = fullTrain.select(split[0]);
        ImageSet val = fullTrain.select(split[1]);
        if (id.equals("fashion-mnist-rot90")) {
            return new ImageDataset(id, rotate90(train), rotate90(val), rotate90(test));
        }
        return new ImageDataset(id, train, val, test);
    }

    /** A seeded permutation cut into {n - holdout, holdout} index sets, each sorted ascending. */
    static int[][] splitIndices(int n, int holdout, long seed) {
        int[] perm = Permutations.shuffled(n, new SplittableRandom(seed));
        int[] train = java.util.Arrays.copyOfRange(perm, 0, n - holdout);
        int[] val = java.util.Arrays.copyOfRange(perm, n - holdout, n);
        java.util.Arrays.sort(train);
        java.util.Arrays.sort(val);
        return new int[][] {train, val};
    }

    private static Path find(Path dir, String stem) {
        for (String name : new String[] {stem + ".gz", stem}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                if (!Files.isReadable(p)) {
                    throw new DatasetException(p + " exists but is not readable; check its permissions");
                }
                return p;
            }
        }
        throw new DatasetException(dir + " lacks " + stem + ".gz; reinstall with "
                + "'sudo apt-get install --reinstall dataset-fashion-mnist'");
    }

    /** Rotates every image by 90 degrees counter-clockwise. */
    static ImageSet rotate90(ImageSet s) {
        int h = s.height();
        int w = s.width();
        byte[] out = new byte[s.pixels().length];
        int size = s.imageSize();
        for (int i = 0; i < s.count(); i++) {
            int base = i * size;
            for (int c = 0; c < s.channels(); c++) {
                int cb = base + c * h * w;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        // new[y][x] = old[x][w-1-y]  (counter-clockwise)
                        out[cb + y * w + x] = s.pixels()[cb + x * w + (w - 1 - y)];
                    }
                }
            }
        }
        return new ImageSet(s.count(), s.channels(), w, h, out, s.labels());
    }
}
