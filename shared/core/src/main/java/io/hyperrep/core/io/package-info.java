/** File helpers shared by every module that persists state. */
package io.hyperrep.core.io;
