package io.hyperrep.broker;

import java.nio.file.Path;
import java.util.Properties;

/** The server.properties of the local single-node broker (STACK-NOTES §2.1). */
final class BrokerProperties {

    /** Broker-wide record limit; topics set their own 2 MiB limit, this leaves headroom. */
    static final int MESSAGE_MAX_BYTES = 8 * 1024 * 1024;

    private BrokerProperties() {
    }

    static Properties of(Path dir, int port, int cport) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@localhost:" + cport);
        p.setProperty("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + cport);
        p.setProperty("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.setProperty("log.dirs", dir.resolve("logs").toString());
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("message.max.bytes", String.valueOf(MESSAGE_MAX_BYTES));
        p.setProperty("group.consumer.heartbeat.interval.ms", "500");
        p.setProperty("group.consumer.min.heartbeat.interval.ms", "500");
        p.setProperty("auto.create.topics.enable", "false");
        return p;
    }
}
