package io.hyperrep.service.trainer;

import io.hyperrep.core.platform.NativeBuildGuard;
import io.hyperrep.service.runtime.ServiceHost;
import io.hyperrep.service.runtime.Settings;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A trainer group member (planner and trainer, as {@code serve trainer} deploys them) in a JVM of its own,
 * so a fault test can kill it outright. Arguments are settings, {@code key=value}; prints
 * {@code MEMBER_READY <instance id>} once deployed and runs until killed.
 */
public final class TrainerMemberMain {

    private TrainerMemberMain() {}

    public static void main(String[] args) throws Exception {
        NativeBuildGuard.apply();
        Map<String, String> settings = new HashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            settings.put(a.substring(0, eq), a.substring(eq + 1));
        }
        ServiceHost host = ServiceHost.create(Settings.empty().with(settings, "command line"), "trainer-member");
        host.deploy(PlannerVerticle::new)
                .compose(v -> host.deploy(TrainerVerticle::new))
                .toCompletionStage()
                .toCompletableFuture()
                .get(120, TimeUnit.SECONDS);
        System.out.println("MEMBER_READY " + host.context().instanceId());
        System.out.flush();
        Thread.currentThread().join();
    }
}
