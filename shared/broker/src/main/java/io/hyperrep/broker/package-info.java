/** The local single-node KRaft broker: the child-JVM entry point and its JDK-only supervisor. */
package io.hyperrep.broker;
