package io.hyperrep.zoo.eval;

import java.util.Arrays;

/**
 * Test accuracy of every model of a population on one task, at epoch 0 (before any fine-tuning) and
 * after each fine-tuning epoch. Arrays are owned by the record.
 *
 * @param accuracy [epoch][model]
 */
public record AccuracyCurve(String task, double[][] accuracy) {

    public AccuracyCurve {
        if (accuracy.length == 0) {
            throw new IllegalArgumentException("a curve needs at least epoch 0");
        }
    }

    /** The last epoch measured. */
    public int lastEpoch() {
        return accuracy.length - 1;
    }

    /** Every model's accuracy after {@code epoch} fine-tuning epochs. */
    public double[] at(int epoch) {
        if (epoch < 0 || epoch > lastEpoch()) {
            throw new IllegalArgumentException("epoch " + epoch + " is outside 0.." + lastEpoch() + " of task " + task);
        }
        return accuracy[epoch];
    }

    /** Mean accuracy per epoch. */
    public double[] means() {
        return Arrays.stream(accuracy)
                .mapToDouble(a -> Arrays.stream(a).average().orElse(Double.NaN))
                .toArray();
    }
}
