package io.hyperrep.events;

import java.util.Map;

/**
 * Reads a Kafka record of one of the record-shaped pipeline events ({@link JsonEventCodec}): the
 * CloudEvents headers must name the codec's event type in a major version this consumer reads, and
 * the value must decode. Anything else is a {@link Rejected} with the reason for the dead-letter
 * headers, never an exception, so a consumer can route it without try/catch.
 */
public final class EventEnvelope {

    private EventEnvelope() {}

    /** The outcome of reading one record. */
    public sealed interface Read<T> {}

    /** A valid event. */
    public record Accepted<T>(T event) implements Read<T> {}

    /** Not usable, and why. */
    public record Rejected<T>(RejectReason reason, String message) implements Read<T> {}

    public static <T extends Record> Read<T> read(JsonEventCodec<T> codec, Map<String, String> headers, byte[] value) {
        String expected = EventTypes.unversioned(codec.eventType());
        try {
            CloudEventHeaders ce = CloudEventHeaders.fromMap(headers);
            if (!expected.equals(EventTypes.unversioned(ce.type()))) {
                return new Rejected<>(
                        RejectReason.UNKNOWN_EVENT_TYPE, "ce_type '" + ce.type() + "' is not " + codec.eventType());
            }
            if (EventTypes.majorVersion(ce.type()) != EventTypes.majorVersion(codec.eventType())) {
                return new Rejected<>(
                        RejectReason.UNSUPPORTED_VERSION,
                        "ce_type '" + ce.type() + "': this consumer reads major version "
                                + EventTypes.majorVersion(codec.eventType()) + " only");
            }
            return new Accepted<>(codec.decode(value));
        } catch (EventFormatException e) {
            return new Rejected<>(RejectReason.of(e.reason()), e.getMessage());
        }
    }
}
