/**
 * Which native build of ND4J this machine can run. JavaCPP loads the fastest native build it finds on
 * the classpath without asking the CPU, so an AVX-512 build dies with SIGILL on an AVX2 machine; this
 * package decides from the CPU's flags before ND4J loads (docs/decisions/native-build-selection.md).
 */
package io.hyperrep.core.platform;
