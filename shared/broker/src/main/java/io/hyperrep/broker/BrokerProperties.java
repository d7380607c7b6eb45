package io.hyperrep.broker;

import java.nio.file.Path;
import java.util.Properties;

/** The server.properties of the local single-node broker (docs/decisions/stack.md). */
final class BrokerProperties {

    /** Broker-wide record limit; topics set their own 2 MiB limit, this leaves headroom. */
    static final int MESSAGE_MAX_BYTES = 8 * 1024 * 1024;

    private BrokerProperties() {}

    /** A plaintext broker: one client listener on {@code port}, the controller on {@code cport}. */
    static Properties of(Path dir, int port, int cport) {
        Properties p = common(dir, cport);
        p.setProperty("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + cport);
        p.setProperty("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        return p;
    }

    /**
     * A broker whose clients must speak {@code security}: the secured CLIENT listener on {@code port}, a
     * plaintext INTERNAL listener on {@code internalPort} for the broker's own traffic, the controller on
     * {@code cport}.
     */
    static Properties of(Path dir, int port, int internalPort, int cport, BrokerSecurity security) {
        if (security instanceof BrokerSecurity.Plaintext) {
            return of(dir, port, cport);
        }
        Properties p = common(dir, cport);
        p.setProperty(
                "listeners",
                "CLIENT://localhost:" + port + ",INTERNAL://localhost:" + internalPort + ",CONTROLLER://localhost:"
                        + cport);
        p.setProperty("advertised.listeners", "CLIENT://localhost:" + port + ",INTERNAL://localhost:" + internalPort);
        p.setProperty("inter.broker.listener.name", "INTERNAL");
        p.setProperty(
                "listener.security.protocol.map",
                "CONTROLLER:PLAINTEXT,INTERNAL:PLAINTEXT,CLIENT:" + security.protocol());
        if (security instanceof BrokerSecurity.Scram) {
            p.setProperty("sasl.enabled.mechanisms", BrokerSecurity.MECHANISM);
            p.setProperty("listener.name.client.sasl.enabled.mechanisms", BrokerSecurity.MECHANISM);
            p.setProperty(
                    "listener.name.client.scram-sha-512.sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        } else if (security instanceof BrokerSecurity.Tls t) {
            p.setProperty(
                    "listener.name.client.ssl.keystore.location",
                    t.keystore().toAbsolutePath().toString());
            p.setProperty("listener.name.client.ssl.keystore.type", "PKCS12");
            p.setProperty("listener.name.client.ssl.keystore.password", t.password());
            p.setProperty("listener.name.client.ssl.key.password", t.password());
            p.setProperty("listener.name.client.ssl.client.auth", "none");
        }
        return p;
    }

    private static Properties common(Path dir, int cport) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@localhost:" + cport);
        p.setProperty("controller.listener.names", "CONTROLLER");
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
