package io.hyperrep.service.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.Router;

/**
 * What a hosted verticle gets from its process: settings, the meter registry behind {@code /metrics},
 * the HTTP router to mount its API on, readiness, and a process-unique instance id (for client ids
 * and dead-letter provenance).
 */
public record ServiceContext(
        Settings settings, MeterRegistry registry, Router router, Readiness readiness, String instanceId) {}
