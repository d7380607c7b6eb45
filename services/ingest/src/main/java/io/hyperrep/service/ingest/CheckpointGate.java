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

    /** A Kafka record: headers and key must be right as well as the value. */
    IngestDecision decide(String key, byte[] value, Map<String, String> headers) {
        try {
            CloudEventHeaders ce = CloudEventHeaders.fromMap(headers);
            if (!TYPE.equals(EventTypes.unversioned(ce.type()))) {
                return reject(RejectReason.UNKNOWN_EVENT_TYPE, "ce_type '" + ce.type() + "' is not a checkpoint event ("
                        + EventTypes.CHECKPOINT_PUBLISHED + ")", null);
            }
            if (EventTypes.majorVersion(ce.type()) != MAJOR) {
                return reject(RejectReason.UNSUPPORTED_VERSION, "ce_type '" + ce.type() + "': this ingest reads major version "
                        + MAJOR + " only", null);
            }
            Checkpoint c = CheckpointCodec.decode(value);
            if (!Objects.equals(key, c.key())) {
                return reject(RejectReason.KEY_MISMATCH, "record key '" + key + "' must be zooId/modelId/epoch = '" + c.key() + "'", null);
            }
            return decide(c);
        } catch (EventFormatException e) {
            return reject(RejectReason.of(e.reason()), e.getMessage(), e);
        }
    }

    /** An HTTP upload: the body alone is the event data; the key is derived from it. */
    IngestDecision decideUpload(byte[] value) {
        try {
            return decide(CheckpointCodec.decode(value));
        } catch (EventFormatException e) {
            return reject(RejectReason.of(e.reason()), e.getMessage(), e);
        }
    }

    private IngestDecision decide(Checkpoint c) {
        String arch = index.archOf(c.zooId()).orElse(c.arch());
        if (!arch.equals(c.arch())) {
            return reject(RejectReason.ARCH_MISMATCH, "zoo '" + c.zooId() + "' holds " + arch + " models; this checkpoint is "
                    + c.arch(), null);
        }
        String digest = c.weightsSha256();
        var holder = index.keyOf(digest);
        if (holder.isPresent()) {
            if (holder.get().equals(c.key())) {
                return new IngestDecision.Unchanged(c.key());
            }
            return reject(RejectReason.DUPLICATE, "the same weights (sha256 " + digest.substring(0, 16) + "...) are already in the dataset as '"
                    + holder.get() + "'", null);
        }
        return new IngestDecision.Accept(c, digest, !index.hasModel(c.zooId(), c.modelId()));
    }

    private static IngestDecision reject(RejectReason reason, String message, Exception e) {
        return new IngestDecision.Reject(reason, message, e == null ? CheckpointGate.class.getName() : e.getClass().getName());
    }
}
