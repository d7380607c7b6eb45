/** Event contracts: the checkpoint event codec, CloudEvents headers, event types and the topic catalogue. */
package io.hyperrep.events;
