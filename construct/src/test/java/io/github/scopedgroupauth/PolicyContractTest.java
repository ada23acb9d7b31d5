package io.github.scopedgroupauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scopedgroupauth.runtime.PolicyFile;
import io.github.scopedgroupauth.runtime.ScopePolicy;
import io.github.scopedgroupauth.runtime.policy.PolicyFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.services.cognito.UserPoolClient;

/**
 * The configuration the construct writes, read back by the runtime's own reader: the contract between the
 * two modules, which both take from {@link PolicyFormat}, is round-tripped here through a synthesized app.
 */
class PolicyContractTest {

    /** The file the construct must write for this test's groups: the contract's one writer, used directly. */
    private static final PolicyFormat.Written WRITTEN = PolicyFormat.write(
            Map.of(
                    "ADMINS",
                    List.of("admin/*"),
                    "EVERYONE",
                    List.of("everyone/*"),
                    "AUDITORS",
                    List.of("https://api.example.com/audit.read")),
            List.of("everyone/ping"));

    private static Path code;
    private static Map<String, Object> function;
    private static ScopePolicy policy;

    @BeforeAll
    static void synthesize() throws IOException {
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth()
                .groupScopes(Map.of(
                        "ADMINS",
                        List.of("admin/*"),
                        "EVERYONE",
                        List.of("everyone/*"),
                        "AUDITORS",
                        List.of("https://api.example.com/audit.read")))
                .defaultScopes(List.of("everyone/ping"))
                .clients(List.of(given.web))
                .build();
        UserPoolClient mobile = given.client("Mobile");
        auth.grant(mobile, List.of("everyone/*", "everyone/ping"));
        CloudAssembly assembly = given.app.synth();
        function = given.template()
                .findResources("AWS::Lambda::Function")
                .values()
                .iterator()
                .next();
        String s3Key = (String) ((Map<?, ?>) properties().get("Code")).get("S3Key");
        code = Path.of(assembly.getDirectory()).resolve("asset." + s3Key.replace(".zip", ""));
        String clients = Substitution.resolve(
                environment().get(PolicyFormat.CLIENTS_VARIABLE),
                Map.of("PoolWeb", "web-client-id", "PoolMobile", "mobile-client-id"));
        policy = PolicyFile.read(
                Files.readAllBytes(code.resolve(PolicyFormat.FILE_NAME)),
                Map.of(PolicyFormat.CLIENTS_VARIABLE, clients));
    }

    @Test
    void codeAssetHoldsTheFunctionJarAndThePolicyFile() throws IOException {
        try (JarFile jar =
                new JarFile(code.resolve("lib/scoped-group-auth-runtime.jar").toFile())) {
            assertThat(jar.getEntry("io/github/scopedgroupauth/runtime/PreTokenGenerationHandler.class"))
                    .isNotNull();
        }
        // The exact bytes, pinned here rather than taken from the writer; the reader in @BeforeAll checked the seal.
        assertThat(Files.readString(code.resolve(PolicyFormat.FILE_NAME)))
                .isEqualTo(WRITTEN.text())
                .startsWith("# Written by the ScopedGroupAuth construct; read by its pre token generation handler.\n"
                        + "scoped-group-auth-policy 1\n"
                        + "group ADMINS admin/*\n"
                        + "group AUDITORS https://api.example.com/audit.read\n"
                        + "group EVERYONE everyone/*\n"
                        + "default everyone/ping\n"
                        + "end crc32c:");
    }

    @Test
    void grantVariableIsTiedToThePolicyFileInTheCode() {
        assertThat(Substitution.resolve(
                        environment().get(PolicyFormat.CLIENTS_VARIABLE), Map.of("PoolWeb", "w", "PoolMobile", "m")))
                .isEqualTo(WRITTEN.tie() + ":w=*;m=1,2");
    }

    @Test
    void runtimeReadsTheGroupsAndDefaultsTheConstructWrote() {
        assertThat(policy.groupScopes())
                .isEqualTo(Map.of(
                        "ADMINS", java.util.Set.of("admin/*"),
                        "AUDITORS", java.util.Set.of("https://api.example.com/audit.read"),
                        "EVERYONE", java.util.Set.of("everyone/*")));
        assertThat(policy.defaultScopes()).containsExactly("everyone/ping");
    }

    @Test
    void fullyGrantedClientGetsEveryEntitledScope() {
        assertThat(policy.decide("web-client-id", List.of("ADMINS", "AUDITORS"), List.of("openid"))
                        .tokenScopes())
                .containsExactly("admin/*", "everyone/ping", "https://api.example.com/audit.read", "openid");
    }

    @Test
    void subsetGrantedClientGetsOnlyItsSubset_andSuppressesTheRest() {
        assertThat(policy.decide("mobile-client-id", List.of("ADMINS", "EVERYONE"), List.of("admin/*"))
                        .tokenScopes())
                .containsExactly("everyone/*", "everyone/ping");
    }

    @Test
    void unknownClientGetsNoManagedScope() {
        assertThat(policy.decide("other-client-id", List.of("ADMINS"), List.of("admin/*", "openid"))
                        .tokenScopes())
                .containsExactly("openid");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties() {
        return (Map<String, Object>) function.get("Properties");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment() {
        return (Map<String, Object>) ((Map<String, Object>) properties().get("Environment")).get("Variables");
    }
}
