/** Image datasets: the IDX reader, the Fashion-MNIST loader and its seeded splits, preprocessing. */
package io.hyperrep.core.data;
