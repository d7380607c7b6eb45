package io.hyperrep.core.zoo;

/**
 * Metrics of a model at a checkpoint. Accuracies are fractions in [0, 1]; the training metrics are
 * measured on a fixed 10k subset of the training split after the epoch (not a running average), so
 * epoch 0 has them too.
 */
public record CheckpointMetrics(double trainLoss, double trainAcc, double valAcc, double testAcc) {}
