package io.hyperrep.service.settings;

import static io.hyperrep.service.settings.SettingType.duration;
import static io.hyperrep.service.settings.SettingType.integer;
import static io.hyperrep.service.settings.SettingType.string;

import io.hyperrep.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The ingest service's settings. */
public final class IngestKeys {

    private IngestKeys() {}

    private static final Set<Reader> INGEST = Set.of(Reader.INGEST);

    // Kept apart (duplicates): a table of settings, one declaration per key (SettingsTable prints it).
    public static final Setting<String> GROUP =
            Setting.of("ingest.group", string(), "hyperrep-ingest", INGEST, "consumer group on `hyperrep.checkpoints`");
    // records per poll: each batch pays one round of acks and one commit; 2,000 measured x1.3 faster than 500
    public static final Setting<Integer> BATCH = Setting.of(
            "ingest.batch",
            integer(1, 100_000),
            2000,
            INGEST,
            "records per poll; a batch is committed once all its writes are acknowledged");
    public static final Setting<Integer> SNAPSHOT_MODELS = Setting.of(
            "ingest.snapshot.models",
            integer(0, 1_000_000),
            0,
            INGEST,
            "cut a snapshot after this many new models of a zoo, 0 = never by count");
    public static final Setting<Duration> SNAPSHOT_QUIET = Setting.of(
            "ingest.snapshot.quiet",
            duration(Duration.ofMillis(1), Duration.ofDays(1)),
            Duration.ofSeconds(5),
            INGEST,
            "cut a snapshot once a zoo with new checkpoints was quiet this long");
    public static final Setting<Integer> UPLOAD_MAXBYTES = Setting.of(
            "ingest.upload.maxbytes",
            integer(1024, Topics.MAX_RECORD_BYTES),
            Topics.MAX_RECORD_BYTES,
            INGEST,
            "body limit of `POST /api/checkpoints` (at most 2 MiB, `Topics.MAX_RECORD_BYTES`)");

    static final List<Setting<?>> ALL = List.of(GROUP, BATCH, SNAPSHOT_MODELS, SNAPSHOT_QUIET, UPLOAD_MAXBYTES);
}
