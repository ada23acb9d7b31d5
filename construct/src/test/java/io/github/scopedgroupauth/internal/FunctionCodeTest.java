package io.github.scopedgroupauth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scopedgroupauth.ScopedGroupAuth;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.services.cognito.UserPool;

/**
 * Where the function code is staged: never in a shared, predictable folder, never through a symbolic link,
 * and nothing left behind once the CDK has its copy.
 */
class FunctionCodeTest {

    private static final String POLICY = "scoped-group-auth.conf";

    @TempDir
    Path outdir;

    /** Relative to the working directory, as the CDK CLI passes it: CDK_OUTDIR=cdk.out by default. */
    private final Path relativeOutdir = Path.of("target", "relative-outdir-" + UUID.randomUUID());

    @AfterEach
    void removeOutdir() throws IOException {
        if (Files.exists(relativeOutdir)) {
            try (Stream<Path> paths = Files.walk(relativeOutdir)) {
                paths.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void ignoresAFolderPreparedInTheSharedTempDirectory_underTheNameAnEarlierVersionUsed() throws Exception {
        // given the code of a first synth, and another user's folder under the name the old scheme predicted
        Path first = codeOf(synth(outdir.resolve("first"), Map.of()));
        byte[] policy = Files.readAllBytes(first.resolve(POLICY));
        Path planted = Path.of(System.getProperty("java.io.tmpdir"), "scoped-group-auth-" + oldHash(policy));
        Files.createDirectories(planted.resolve("lib"));
        Files.writeString(planted.resolve(POLICY), "scoped-group-auth-policy 1\ngroup EVERYONE admin/*\n");
        Files.write(planted.resolve("lib/scoped-group-auth-runtime.jar"), new byte[] {1});
        try {
            // when the same app is synthesized again
            Path second = codeOf(synth(outdir.resolve("second"), Map.of()));

            // then its code is its own
            assertThat(Files.readAllBytes(second.resolve(POLICY))).isEqualTo(policy);
            assertThat(Files.readAllBytes(second.resolve(FunctionCode.JAR_PATH)))
                    .isEqualTo(embeddedJar());
        } finally {
            Files.delete(planted.resolve(POLICY));
            Files.delete(planted.resolve("lib/scoped-group-auth-runtime.jar"));
            Files.delete(planted.resolve("lib"));
            Files.delete(planted);
        }
    }

    @Test
    void leavesNothingInTheTempDirectoryOrBesideTheAsset_afterSynthesis() throws Exception {
        Set<String> before = scopedGroupAuthEntries(Path.of(System.getProperty("java.io.tmpdir")));

        CloudAssembly assembly = synth(outdir, Map.of());

        assertThat(scopedGroupAuthEntries(Path.of(System.getProperty("java.io.tmpdir"))))
                .isEqualTo(before);
        assertThat(scopedGroupAuthEntries(Path.of(assembly.getDirectory()))).isEmpty();
        assertThat(Files.exists(codeOf(assembly).resolve(POLICY))).isTrue();
    }

    @Test
    void keepsAPrivateStagingDirectoryInTheAssembly_whenAssetStagingIsDisabled() throws Exception {
        // given asset staging disabled, as SAM and `cdk synth --no-staging` do: the CDK uses our directory itself
        CloudAssembly assembly = synth(outdir, Map.of("aws:cdk:disable-asset-staging", true));

        Path code = codeOf(assembly);
        assertThat(code.getParent()).isEqualTo(Path.of(assembly.getDirectory()));
        assertThat(code.getFileName().toString()).startsWith(FunctionCode.DIRECTORY_PREFIX);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(code)))
                .isEqualTo("rwx------");
        assertThat(Files.readAllBytes(code.resolve(FunctionCode.JAR_PATH))).isEqualTo(embeddedJar());
    }

    @Test
    void keepsTheCode_whenAssetStagingIsDisabled_andTheOutdirIsRelativeAsTheCdkCliGivesIt() {
        // given `cdk synth --no-staging` (as SAM runs it): staging disabled, outdir "cdk.out" relative
        Map<String, Object> context =
                Map.of("aws:cdk:disable-asset-staging", true, "aws:cdk:enable-asset-metadata", true);
        App app = new App(AppProps.builder()
                .outdir(relativeOutdir.toString())
                .context(context)
                .build());
        Stack stack = new Stack(app, "Test");
        ScopedGroupAuth.Builder.create(stack, "Auth")
                .userPool(UserPool.Builder.create(stack, "Pool").build())
                .groupScopes(Map.of("ADMINS", List.of("admin/*")))
                .build();

        // when
        CloudAssembly assembly = app.synth();

        // then the directory the template names still holds the code: it was not taken for a copy and removed
        Path code = codeOf(assembly);
        assertThat(code).isAbsolute();
        assertThat(code.resolve(POLICY)).isRegularFile();
        assertThat(code.resolve(FunctionCode.JAR_PATH)).isRegularFile();
    }

    @Test
    void refusesStagedCodeThatContainsASymbolicLink() throws IOException {
        Path staged = FunctionCode.stage(outdir, "policy");
        Files.delete(staged.resolve(POLICY));
        Path elsewhere = Files.writeString(outdir.resolve("elsewhere.conf"), "policy");
        Files.createSymbolicLink(staged.resolve(POLICY), elsewhere);

        assertThatThrownBy(() -> FunctionCode.checkStaged(staged, expected("policy")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the ScopedGroupAuth function code staged in " + staged + " contains " + POLICY + ","
                        + " which is a symbolic link or not a regular file; function code is never taken through a"
                        + " link: synthesize into a directory only you can write to");
    }

    @Test
    void refusesStagedCodeWhoseContentChanged() throws IOException {
        Path staged = FunctionCode.stage(outdir, "policy");
        Files.writeString(staged.resolve(POLICY), "other policy");

        assertThatThrownBy(() -> FunctionCode.checkStaged(staged, expected("policy")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the ScopedGroupAuth function code staged in " + staged + " holds [lib/"
                        + "scoped-group-auth-runtime.jar, scoped-group-auth.conf] with other content than was"
                        + " written; something else writes to the cloud assembly's output directory: synthesize"
                        + " into a directory only you can write to");
    }

    @Test
    void stagesEachCallIntoANewDirectory() {
        assertThat(FunctionCode.stage(outdir, "policy")).isNotEqualTo(FunctionCode.stage(outdir, "policy"));
    }

    private static Map<String, byte[]> expected(String policy) {
        return Map.of(FunctionCode.JAR_PATH, embeddedJar(), POLICY, policy.getBytes(StandardCharsets.UTF_8));
    }

    private static CloudAssembly synth(Path directory, Map<String, Object> context) {
        // Asset metadata, as the CDK CLI asks for it, names the code directory in the template.
        Map<String, Object> withMetadata = new java.util.HashMap<>(context);
        withMetadata.put("aws:cdk:enable-asset-metadata", true);
        App app = new App(AppProps.builder()
                .outdir(directory.toString())
                .context(withMetadata)
                .build());
        Stack stack = new Stack(app, "Test");
        ScopedGroupAuth.Builder.create(stack, "Auth")
                .userPool(UserPool.Builder.create(stack, "Pool").build())
                .groupScopes(Map.of("ADMINS", List.of("admin/*"), "EVERYONE", List.of("everyone/*")))
                .build();
        return app.synth();
    }

    /** The function's code directory, as the asset metadata of the template names it. */
    @SuppressWarnings("unchecked")
    private static Path codeOf(CloudAssembly assembly) {
        Map<String, Object> template =
                (Map<String, Object>) assembly.getStackByName("Test").getTemplate();
        Map<String, Object> resources = (Map<String, Object>) template.get("Resources");
        String assetPath = resources.values().stream()
                .map(resource -> (Map<String, Object>) resource)
                .filter(resource -> "AWS::Lambda::Function".equals(resource.get("Type")))
                .map(resource -> (String) ((Map<String, Object>) resource.get("Metadata")).get("aws:asset:path"))
                .findFirst()
                .orElseThrow();
        return Path.of(assembly.getDirectory()).resolve(assetPath).normalize();
    }

    private static Set<String> scopedGroupAuthEntries(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(entry -> entry.getFileName().toString())
                    .filter(name -> name.startsWith("scoped-group-auth"))
                    .collect(Collectors.toSet());
        }
    }

    /** The directory name the staging of version 0.1.0-SNAPSHOT before this fix derived from its inputs. */
    private static String oldHash(byte[] policy) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(embeddedJar());
        digest.update((byte) 0);
        digest.update(policy);
        return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
    }

    private static byte[] embeddedJar() {
        try (InputStream jar = FunctionCode.class.getResourceAsStream(FunctionCode.EMBEDDED_JAR)) {
            return jar.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
