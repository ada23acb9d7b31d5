package io.github.scopedgroupauth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scopedgroupauth.runtime.internal.Versions;
import io.github.scopedgroupauth.runtime.policy.PolicyFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The construct writes the policy with the runtime on the app's classpath; it must be the one it embeds. */
class RuntimeVersionTest {

    @Test
    void refusesARuntimeOfAnotherVersionOnTheClasspath() {
        assertThat(Configuration.runtimeVersionProblem(Optional.of("0.2.0"), Optional.of("0.1.0")))
                .contains("the app's classpath has scoped-group-auth-runtime 0.1.0, but this ScopedGroupAuth embeds"
                        + " the handler of version 0.2.0, which must read the policy it writes: remove the app's own"
                        + " dependency on scoped-group-auth-runtime, or set it to 0.2.0");
    }

    @Test
    void acceptsTheSameVersion_orAnUnrecordedOne() {
        assertThat(Configuration.runtimeVersionProblem(Optional.of("0.1.0"), Optional.of("0.1.0")))
                .isEmpty();
        assertThat(Configuration.runtimeVersionProblem(Optional.empty(), Optional.of("0.1.0")))
                .isEmpty();
    }

    @Test
    void thisBuildRecordsTheSameVersionOnBothSides() {
        Optional<String> embedded = Versions.read(Configuration.class, "embedded-runtime.properties");

        assertThat(embedded).isPresent();
        assertThat(PolicyFormat.runtimeVersion()).isEqualTo(embedded);
    }
}
