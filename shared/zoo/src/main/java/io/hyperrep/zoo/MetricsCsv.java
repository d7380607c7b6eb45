package io.hyperrep.zoo;

import io.hyperrep.core.zoo.CheckpointMetrics;
import java.util.Locale;

/** The per-epoch metrics rows of a zoo. */
final class MetricsCsv {

    static final String HEADER = "model,epoch,train_loss,train_acc,val_acc,test_acc";

    private MetricsCsv() {}

    static String row(String modelId, int epoch, CheckpointMetrics m) {
        return String.format(
                Locale.ROOT,
                "%s,%d,%.6f,%.6f,%.6f,%.6f",
                modelId,
                epoch,
                m.trainLoss(),
                m.trainAcc(),
                m.valAcc(),
                m.testAcc());
    }
}
