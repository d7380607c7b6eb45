/** Zoo architectures and their canonical (PyTorch-order) flat parameter layouts. */
package io.hyperrep.core.arch;
