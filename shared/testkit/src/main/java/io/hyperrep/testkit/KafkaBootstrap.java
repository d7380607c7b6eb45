package io.hyperrep.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Marks a {@code String} test parameter that receives the bootstrap servers of the run's real Kafka
 * broker ({@link KafkaForTests}).
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(KafkaBootstrap.Resolver.class)
public @interface KafkaBootstrap {

    /** Resolves {@link KafkaBootstrap} parameters. */
    final class Resolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
            return p.isAnnotated(KafkaBootstrap.class) && p.getParameter().getType() == String.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext c) {
            return KafkaForTests.bootstrap(c);
        }
    }
}
