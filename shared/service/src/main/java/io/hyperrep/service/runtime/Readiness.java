package io.hyperrep.service.runtime;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Named readiness conditions of one process: {@code /ready} answers 200 only when every registered
 * component says it is ready (connected, topics created, state rebuilt), and lists the ones that are not.
 */
public final class Readiness {

    private final Map<String, String> notReady = new ConcurrentHashMap<>();

    /** Registers a component, initially not ready for {@code reason}. */
    public Check register(String component, String reason) {
        notReady.put(component, reason);
        return new Check(component);
    }

    public boolean ready() {
        return notReady.isEmpty();
    }

    /** Components that are not ready, with why. */
    public Map<String, String> pending() {
        return new TreeMap<>(notReady);
    }

    /** One component's handle. */
    public final class Check {
        private final String component;

        private Check(String component) {
            this.component = component;
        }

        public void ready() {
            notReady.remove(component);
        }

        public void notReady(String reason) {
            notReady.put(component, reason);
        }

        /** This component's own state, whatever the others of the process say. */
        public boolean isReady() {
            return !notReady.containsKey(component);
        }
    }
}
