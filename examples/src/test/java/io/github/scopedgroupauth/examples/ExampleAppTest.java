package io.github.scopedgroupauth.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchRuntimeException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.services.cognito.OAuthFlows;
import software.amazon.awscdk.services.cognito.OAuthSettings;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;

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

    @Test
    void problemFoundAtSynthesis_isToldWithoutTheJavaScriptStackOfTheCdk() {
        // given the example with a machine client added to its pool that allows admin/* without a grant, which
        // the construct refuses in its validation, at app.synth(), where the CDK's JavaScript raises the error
        App app = new App(
                AppProps.builder().outdir(temp.resolve("cdk.out").toString()).build());
        ScopedGroupAuthExample example = new ScopedGroupAuthExample(app, "ScopedGroupAuthExample", null);
        example.getAuth()
                .getUserPool()
                .addClient(
                        "Machine",
                        UserPoolClientOptions.builder()
                                .generateSecret(true)
                                .oAuth(OAuthSettings.builder()
                                        .flows(OAuthFlows.builder()
                                                .clientCredentials(true)
                                                .build())
                                        .scopes(example.getAuth().oauthScopesFor("ADMINS"))
                                        .build())
                                .build());
        RuntimeException failure = catchRuntimeException(app::synth);

        // when
        List<String> told = ExampleApp.failure(failure, false).lines().toList();

        // then: the CDK's own message and the construct's, once, and no line of the CDK's JavaScript
        assertThat(told)
                .containsExactly(
                        "ValidationFailedWithErrors: Validation failed with the following errors:",
                        "  [ScopedGroupAuthExample/Auth] app client 'ScopedGroupAuthExample/UserPool/Machine' uses the"
                                + " client credentials flow and allows the managed scopes [admin/*] without a grant,"
                                + " so its machine-to-machine tokens carry them with no user and no group check: if"
                                + " that is meant, say so with auth.grant(client, scopes) (then grant every client"
                                + " that should receive managed scopes), otherwise remove them from the client",
                        "(For the stack trace, synthesize with --debug or set CDK_DEBUG=true.)");
    }

    private AppProcess run(Map<String, String> environment) throws IOException, InterruptedException {
        Map<String, String> all = new HashMap<>(environment);
        all.put("CDK_CONTEXT_JSON", "{\"threatProtection\":\"on\"}");
        return AppProcess.run(ExampleApp.class.getName(), null, all, temp);
    }
}
