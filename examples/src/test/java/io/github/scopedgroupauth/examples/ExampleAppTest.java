package io.github.scopedgroupauth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example app as the CDK CLI runs it, in a JVM of its own: a refused configuration is told first and plainly on
 * stderr, with exit status 1, and the stack trace only in the CDK's debug mode.
 */
class ExampleAppTest {

    private static final String REFUSAL = "`threatProtection` 'on' is not a threat protection mode of the example:"
            + " pass -c threatProtection=audit for the PLUS feature plan with audit-only threat protection, or leave"
            + " it out for the ESSENTIALS plan";

    @TempDir
    Path temp;

    @Test
    void refusedContext_isToldFirstOnStderr_withoutStackTrace_andExitsWith1() throws Exception {
        AppProcess run = run(Map.of());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.stderr())
                .containsExactly(REFUSAL, "(For the stack trace, synthesize with --debug or set CDK_DEBUG=true.)");
    }

    @Test
    void refusedContext_inDebugMode_isToldFirst_thenTheStackTrace() throws Exception {
        AppProcess run = run(Map.of("CDK_DEBUG", "true"));

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.stderr().subList(0, 3))
                .containsExactly(REFUSAL, "", "java.lang.IllegalArgumentException: " + REFUSAL);
        assertThat(run.stderr()).anyMatch(line -> line.startsWith("\tat " + ExampleApp.class.getName() + ".main("));
    }

    private AppProcess run(Map<String, String> environment) throws IOException, InterruptedException {
        Map<String, String> all = new HashMap<>(environment);
        all.put("CDK_CONTEXT_JSON", "{\"threatProtection\":\"on\"}");
        return AppProcess.run(ExampleApp.class.getName(), null, all, temp);
    }
}
