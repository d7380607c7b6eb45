/**
 * Novelty and memorisation metrics of generated models (docs/METHOD.md §9): nearest-neighbour L2 distances
 * to the training checkpoints, error-set IoU similarity, and a gate on relative distance.
 */
package io.hyperrep.core.novelty;
