/** Latent-space samplers of hyper-representations (docs/METHOD.md §6): pure maths, no ND4J. */
package io.hyperrep.core.sample;
