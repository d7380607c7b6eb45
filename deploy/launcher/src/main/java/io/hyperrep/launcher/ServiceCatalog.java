package io.hyperrep.launcher;

import io.hyperrep.service.dashboard.DashboardVerticle;
import io.hyperrep.service.evaluator.EvaluatorVerticle;
import io.hyperrep.service.ingest.IngestVerticle;
import io.hyperrep.service.registry.RegistryVerticle;
import io.hyperrep.service.runtime.ServiceContext;
import io.hyperrep.service.sampler.SamplerVerticle;
import io.hyperrep.service.trainer.PlannerVerticle;
import io.hyperrep.service.trainer.TrainerVerticle;
import io.vertx.core.Deployable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The services a hyperrep process can host, by the name {@code serve} and the demo use. */
final class ServiceCatalog {

    private static final Map<String, List<Function<ServiceContext, Deployable>>> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("ingest", List.of(IngestVerticle::new));
        SERVICES.put("trainer", List.of(PlannerVerticle::new, TrainerVerticle::new));
        SERVICES.put("sampler", List.of(SamplerVerticle::new));
        SERVICES.put("evaluator", List.of(EvaluatorVerticle::new));
        SERVICES.put("dashboard", List.of(DashboardVerticle::new));
        SERVICES.put("registry", List.of(RegistryVerticle::new));
    }

    private ServiceCatalog() {}

    static List<String> names() {
        return List.copyOf(SERVICES.keySet());
    }

    /** The verticles of a service, in deployment order. */
    static List<Function<ServiceContext, Deployable>> get(String name) {
        var s = SERVICES.get(name);
        if (s == null) {
            throw new IllegalArgumentException(
                    "unknown service '" + name + "'; known: " + String.join(", ", names()) + ", all");
        }
        return s;
    }

    /** {@code all} expands to every service, in pipeline order. */
    static List<String> expand(List<String> requested) {
        return requested.contains("all")
                ? names()
                : requested.stream().peek(ServiceCatalog::get).toList();
    }
}
