package io.hyperrep.service.ingest;

import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.events.CheckpointCodec;
import io.hyperrep.events.CloudEventHeaders;
import io.hyperrep.events.EventFormatException;
import io.hyperrep.events.EventTypes;
import io.hyperrep.events.RejectReason;
import java.util.Map;
import java.util.Objects;

/**
 * Decides what happens to an input checkpoint: the event envelope (CloudEvents headers, type and
 * major version), the data (everything {@link CheckpointCodec#decode} checks), the record key, the
 * zoo's architecture, and duplicates by weight digest. Pure: no Kafka, no Vert.x.
 */
final class CheckpointGate {

    private static final String TYPE = EventTypes.unversioned(EventTypes.CHECKPOINT_PUBLISHED);
    private static final int MAJOR = EventTypes.majorVersion(EventTypes.CHECKPOINT_PUBLISHED);

    private final DatasetIndex index;

    CheckpointGate(DatasetIndex index) {
        this.index = index;
    }

    /**
     * The stateless half of a decision: envelope, data and key checks. Thread-safe, so a batch can be
     * checked on worker threads; {@link #decide(Checked)} then applies the dataset state.
     */
    record Checked(CheckpointCodec.Verified verified, IngestDecision.Reject rejected) {}

    /** A Kafka record: headers and key must be right as well as the value. */
    static Checked check(String key, byte[] value, Map<String, String> headers) {
        try {
            CloudEventHeaders ce = CloudEventHeaders.fromMap(headers);
            if (!TYPE.equals(EventTypes.unversioned(ce.type()))) {
                return rejected(
                        RejectReason.UNKNOWN_EVENT_TYPE,
                        "ce_type '" + ce.type() + "' is not a checkpoint event (" + EventTypes.CHECKPOINT_PUBLISHED
                                + ")");
            }
            if (EventTypes.majorVersion(ce.type()) != MAJOR) {
                return rejected(
                        RejectReason.UNSUPPORTED_VERSION,
                        "ce_type '" + ce.type() + "': this ingest reads major version " + MAJOR + " only");
            }
            CheckpointCodec.Verified v = CheckpointCodec.decodeVerified(value);
            if (!Objects.equals(key, v.checkpoint().key())) {
                return rejected(
                        RejectReason.KEY_MISMATCH,
                        "record key '" + key + "' must be zooId/modelId/epoch = '"
                                + v.checkpoint().key() + "'");
            }
            return new Checked(v, null);
        } catch (EventFormatException e) {
            return new Checked(null, (IngestDecision.Reject) reject(RejectReason.of(e.reason()), e.getMessage(), e));
        }
    }

    /** An HTTP upload: the body alone is the event data; the key is derived from it. */
    static Checked checkUpload(byte[] value) {
        try {
            return new Checked(CheckpointCodec.decodeVerified(value), null);
        } catch (EventFormatException e) {
            return new Checked(null, (IngestDecision.Reject) reject(RejectReason.of(e.reason()), e.getMessage(), e));
        }
    }

    /** The stateful half: architecture of the zoo, duplicates, new model or not. Event-loop only. */
    IngestDecision decide(Checked checked) {
        return checked.rejected() != null ? checked.rejected() : decide(checked.verified());
    }

    IngestDecision decide(String key, byte[] value, Map<String, String> headers) {
        return decide(check(key, value, headers));
    }

    IngestDecision decideUpload(byte[] value) {
        return decide(checkUpload(value));
    }

    private static Checked rejected(RejectReason reason, String message) {
        return new Checked(null, (IngestDecision.Reject) reject(reason, message, null));
    }

    private IngestDecision decide(CheckpointCodec.Verified v) {
        Checkpoint c = v.checkpoint();
        String arch = index.archOf(c.zooId()).orElse(c.arch());
        if (!arch.equals(c.arch())) {
            return reject(
                    RejectReason.ARCH_MISMATCH,
                    "zoo '" + c.zooId() + "' holds " + arch + " models; this checkpoint is " + c.arch(),
                    null);
        }
        String digest = v.sha256();
        if (index.digestOf(c.key()).filter(digest::equals).isPresent()) {
            return new IngestDecision.Unchanged(c.key());
        }
        // a shared initialisation is held by several keys: the digest maps to the latest, so ask by key first (above)
        var holder = index.keyOf(digest);
        if (holder.isPresent()) {
            if (sharedInitialisation(c, holder.get())) {
                return new IngestDecision.Accept(c, digest, !index.hasModel(c.zooId(), c.modelId()));
            }
            return reject(
                    RejectReason.DUPLICATE,
                    "the same weights (sha256 " + digest.substring(0, 16) + "...) are already in the dataset as '"
                            + holder.get() + "'",
                    null);
        }
        return new IngestDecision.Accept(c, digest, !index.hasModel(c.zooId(), c.modelId()));
    }

    /**
     * Models of a zoo that share one initialisation (zoo v2's recipe) have the same epoch-0 weights by design:
     * those are checkpoints of different models, not a duplicate upload.
     */
    private static boolean sharedInitialisation(Checkpoint c, String holderKey) {
        return c.epoch() == 0 && holderKey.startsWith(c.zooId() + "/") && holderKey.endsWith("/0");
    }

    private static IngestDecision reject(RejectReason reason, String message, Exception e) {
        return new IngestDecision.Reject(
                reason,
                message,
                e == null ? CheckpointGate.class.getName() : e.getClass().getName());
    }
}
