/** Neuron tokenisation of canonical weight vectors and the weight-space augmentations of the hyper-representation. */
package io.hyperrep.core.token;
