package io.github.scopedgroupauth.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.lambda.thirdparty.com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scopedgroupauth.runtime.policy.PolicyFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The no-argument constructor the Lambda runtime calls: it reads {@code scoped-group-auth.conf} from the
 * classpath (here the test one: ADMINS and EVERYONE) and {@code SCOPED_GROUP_AUTH_CLIENTS} from the process
 * environment. A test cannot set a variable in its own JVM, so the constructor runs in a child JVM with the
 * test classpath and exactly the environment each test gives it, as in a fresh Lambda execution environment.
 */
class DefaultHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The checksum that ties a variable to the test classpath's policy file. */
    private static final String TIE = tieOfClasspathPolicy();

    @TempDir
    Path output;

    @Test
    void findsThePolicyFileOnTheClasspath() {
        ScopePolicy policy = PolicyFile.load(
                DefaultHandlerTest.class.getClassLoader(), Map.of(PolicyFormat.CLIENTS_VARIABLE, TIE + ":*"));

        assertThat(policy.groupScopes())
                .isEqualTo(Map.of("ADMINS", Set.of("admin/*"), "EVERYONE", Set.of("everyone/*")));
        assertThat(policy.defaultScopes()).isEmpty();
        assertThat(policy.clientGrants()).isEmpty();
    }

    @Test
    void appliesClasspathPolicy_whenCreatedWithoutArgumentsAndEveryClientIsAllowed() throws Exception {
        // given a fresh execution environment whose variable lets every client receive managed scopes
        // when a user of EVERYONE requests admin/*
        ColdStart run =
                coldStart(Map.of(PolicyFormat.CLIENTS_VARIABLE, TIE + ":*"), "events/hosted-auth-escalation.json");

        // then
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(JSON.readTree(run.stdout()).get("response"))
                .isEqualTo(JSON.readTree("{\"claimsAndScopeOverrideDetails\":{\"accessTokenGeneration\":"
                        + "{\"scopesToAdd\":[\"everyone/*\"],\"scopesToSuppress\":[\"admin/*\"]}}}"));
    }

    @Test
    void grantsByScopeNumberFromTheVariable_whenCreatedWithoutArguments() throws Exception {
        // given sdk-client-1 may carry only scope number 1, everyone/* (admin/* is 0)
        // when a user of ADMINS and EVERYONE signs in there with the SDK
        ColdStart run = coldStart(
                Map.of(PolicyFormat.CLIENTS_VARIABLE, TIE + ":web-client-1=*;sdk-client-1=1"),
                "events/authentication.json");

        // then only everyone/* is added
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(JSON.readTree(run.stdout()).get("response"))
                .isEqualTo(JSON.readTree("{\"claimsAndScopeOverrideDetails\":{\"accessTokenGeneration\":"
                        + "{\"scopesToAdd\":[\"everyone/*\"]}}}"));
    }

    @Test
    void failsAtInitWithMessageNamingTheVariable_whenItIsUnset() throws Exception {
        ColdStart run = coldStart(Map.of(), "events/hosted-auth-escalation.json");

        assertThat(run.exitCode()).isEqualTo(ColdStartMain.INVALID_POLICY);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr())
                .endsWith("SCOPED_GROUP_AUTH_CLIENTS is not set; set it to '" + TIE + ":*' to let"
                        + " every app client receive managed scopes, or to '" + TIE + ":clientId=numbers' grants"
                        + System.lineSeparator());
    }

    private static String tieOfClasspathPolicy() {
        try (var stream = DefaultHandlerTest.class.getClassLoader().getResourceAsStream(PolicyFormat.FILE_NAME)) {
            String file = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            return SealedPolicy.crc32c(file.substring(0, file.lastIndexOf("end crc32c:")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record ColdStart(int exitCode, String stdout, String stderr) {}

    private ColdStart coldStart(Map<String, String> environment, String fixture)
            throws IOException, InterruptedException {
        Path stdout = output.resolve("stdout");
        Path stderr = output.resolve("stderr");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        ColdStartMain.class.getName(),
                        fixture)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().remove(PolicyFormat.CLIENTS_VARIABLE);
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the child JVM did not finish within 2 minutes");
        }
        return new ColdStart(
                process.exitValue(),
                Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
