package io.hyperrep.service.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperrep.core.arch.Architecture;
import io.hyperrep.core.arch.Architectures;
import io.hyperrep.core.zoo.Checkpoint;
import io.hyperrep.core.zoo.CheckpointMetrics;
import io.hyperrep.events.CheckpointCodec;
import io.hyperrep.events.RejectReason;
import io.hyperrep.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/** Valid checkpoints and a corpus of bad records, each with the reason ingest must give. */
final class BadCheckpoints {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One input record. {@code expected} is null for a valid one. */
    record Input(String name, String key, byte[] value, Map<String, String> headers, RejectReason expected) {
        Input withExpected(RejectReason r) {
            return new Input(name, key, value, headers, r);
        }
    }

    private BadCheckpoints() {}

    static Checkpoint valid(String zoo, int model, int epoch, long seed) {
        return valid(zoo, model, epoch, seed, Architectures.CNN_S);
    }

    static Checkpoint valid(String zoo, int model, int epoch, long seed, Architecture arch) {
        Random r = new Random(zoo.hashCode() * 1_000_003L ^ (seed * 1000 + epoch));
        float[] w = new float[arch.parameterCount()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (r.nextGaussian() * 0.1);
        }
        return new Checkpoint(
                zoo,
                String.format("m%04d", model),
                seed,
                epoch,
                arch.id(),
                arch.layoutHash(),
                new CheckpointMetrics(0.5, 0.8, 0.79, 0.78),
                w);
    }

    static Input input(String name, Checkpoint c) {
        return new Input(
                name,
                c.key(),
                CheckpointCodec.encode(c),
                CheckpointCodec.headers(c, Instant.now()).asMap(),
                null);
    }

    /** At least one record of every reject reason; {@code zoo} must already hold {@code existing} (a cnn-s checkpoint). */
    static List<Input> corpus(String zoo, Checkpoint existing) {
        List<Input> bad = new ArrayList<>();
        Checkpoint base = valid(zoo, 900, 1, 900);
        bad.add(raw("not JSON", base, "this is not json".getBytes(StandardCharsets.UTF_8), RejectReason.NOT_JSON));
        bad.add(mutated("wrong type", base, n -> n.put("epoch", "five"), RejectReason.INVALID_FIELD));
        bad.add(mutated("missing field", base, n -> n.remove("seed"), RejectReason.MISSING_FIELD));
        bad.add(mutated(
                "unknown architecture", base, n -> n.put("arch", "resnet-50"), RejectReason.UNKNOWN_ARCHITECTURE));
        bad.add(weights(
                "wrong weight count",
                base,
                java.util.Arrays.copyOf(base.weights(), 100),
                RejectReason.WRONG_WEIGHT_COUNT));
        float[] nan = base.weights().clone();
        nan[7] = Float.NaN;
        bad.add(weights("NaN weight", base, nan, RejectReason.NON_FINITE_WEIGHTS));
        float[] inf = base.weights().clone();
        inf[3] = Float.POSITIVE_INFINITY;
        bad.add(weights("infinite weight", base, inf, RejectReason.NON_FINITE_WEIGHTS));
        float[] huge = base.weights().clone();
        huge[11] = 3e7f;
        bad.add(weights("huge weight", base, huge, RejectReason.OUT_OF_RANGE));
        bad.add(mutated(
                "digest mismatch",
                base,
                n -> ((ObjectNode) n.get("weights")).put("sha256", "00".repeat(32)),
                RejectReason.DIGEST_MISMATCH));
        bad.add(mutated(
                "unknown schema version",
                base,
                n -> n.put("schema", "io.hyperrep.checkpoint.v2"),
                RejectReason.UNSUPPORTED_VERSION));
        bad.add(mutated(
                "metric out of range",
                base,
                n -> ((ObjectNode) n.get("metrics")).put("testAcc", 7.5),
                RejectReason.INVALID_FIELD));
        byte[] big = new byte[Topics.MAX_RECORD_BYTES + 1000];
        java.util.Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        big[big.length - 1] = '}';
        bad.add(raw("oversize", base, big, RejectReason.TOO_LARGE));
        // another model's checkpoint at a later epoch (identical epoch-0 weights of one zoo are a shared
        // initialisation)
        Checkpoint copy = new Checkpoint(
                zoo,
                "m0901",
                901,
                existing.epoch() + 1,
                existing.arch(),
                existing.layoutHash(),
                existing.metrics(),
                existing.weights());
        bad.add(new Input(
                "duplicate weights",
                copy.key(),
                CheckpointCodec.encode(copy),
                CheckpointCodec.headers(copy, Instant.now()).asMap(),
                RejectReason.DUPLICATE));
        Map<String, String> v2 =
                new HashMap<>(CheckpointCodec.headers(base, Instant.now()).asMap());
        v2.put("ce_type", "io.hyperrep.checkpoint.published.v2");
        bad.add(new Input(
                "unknown major version",
                base.key(),
                CheckpointCodec.encode(base),
                v2,
                RejectReason.UNSUPPORTED_VERSION));
        Map<String, String> other = new HashMap<>(v2);
        other.put("ce_type", "com.example.something.v1");
        bad.add(new Input(
                "unknown event type",
                base.key(),
                CheckpointCodec.encode(base),
                other,
                RejectReason.UNKNOWN_EVENT_TYPE));
        bad.add(new Input(
                "no CloudEvents headers",
                base.key(),
                CheckpointCodec.encode(base),
                Map.of(),
                RejectReason.MISSING_HEADER));
        bad.add(new Input(
                "wrong key",
                zoo + "/other/key",
                CheckpointCodec.encode(base),
                CheckpointCodec.headers(base, Instant.now()).asMap(),
                RejectReason.KEY_MISMATCH));
        bad.add(input("other architecture in the zoo", valid(zoo, 902, 1, 902, Architectures.CNN_L))
                .withExpected(RejectReason.ARCH_MISMATCH));
        return bad;
    }

    private static Input raw(String name, Checkpoint c, byte[] value, RejectReason expected) {
        return new Input(
                name, c.key(), value, CheckpointCodec.headers(c, Instant.now()).asMap(), expected);
    }

    private static Input mutated(String name, Checkpoint c, Consumer<ObjectNode> mutation, RejectReason expected) {
        try {
            ObjectNode n = (ObjectNode) JSON.readTree(CheckpointCodec.encode(c));
            mutation.accept(n);
            return raw(name, c, JSON.writeValueAsBytes(n), expected);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces the weights and recomputes the digest, so only the weights themselves are wrong. */
    private static Input weights(String name, Checkpoint c, float[] w, RejectReason expected) {
        byte[] raw = Checkpoint.weightBytes(w);
        return mutated(
                name,
                c,
                n -> {
                    ObjectNode wn = (ObjectNode) n.get("weights");
                    wn.put("base64", Base64.getEncoder().encodeToString(raw));
                    wn.put("sha256", Checkpoint.sha256(raw));
                },
                expected);
    }
}
