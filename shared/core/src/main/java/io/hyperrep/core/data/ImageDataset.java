package io.hyperrep.core.data;

/**
 * A classification dataset split for zoo training: a training set, a validation set carved from the
 * official training data with a fixed seed, and the official test set.
 */
public record ImageDataset(String id, ImageSet train, ImageSet validation, ImageSet test) {}
