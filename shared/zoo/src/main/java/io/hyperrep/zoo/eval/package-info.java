/**
 * Evaluation of generated models against baselines (docs/METHOD.md §7, §9): epoch-0 accuracy, population-batched
 * fine-tuning curves in-distribution and on transfer tasks, softmax ensembles, novelty against the zoo's
 * training split, and the statistics reports are built from. No I/O beyond reading sample directories.
 */
package io.hyperrep.zoo.eval;
