package io.github.scopedgroupauth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scopedgroupauth.ScopedGroupAuth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.services.cognito.UserPool;

/**
 * Attacks on staging the function code found in review: the CDK CLI's relative output directory.
 */
class FunctionCodeAttackTest {

    /** Relative to the working directory, as the CDK CLI passes it: CDK_OUTDIR=cdk.out by default. */
    private final Path relativeOutdir = Path.of("target", "attack-outdir-" + UUID.randomUUID());

    @AfterEach
    void removeOutdir() throws IOException {
        if (Files.exists(relativeOutdir)) {
            try (Stream<Path> paths = Files.walk(relativeOutdir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void keepsTheCode_whenAssetStagingIsDisabled_andTheOutdirIsRelativeAsTheCdkCliGivesIt() {
        // given `cdk synth --no-staging` (as SAM runs it): staging disabled, outdir "cdk.out" relative
        Map<String, Object> context = Map.of("aws:cdk:disable-asset-staging", true,
                "aws:cdk:enable-asset-metadata", true);
        App app = new App(AppProps.builder().outdir(relativeOutdir.toString()).context(context).build());
        Stack stack = new Stack(app, "Test");
        ScopedGroupAuth.Builder.create(stack, "Auth")
                .userPool(UserPool.Builder.create(stack, "Pool").build())
                .groupScopes(Map.of("ADMINS", List.of("admin/*")))
                .build();

        // when
        CloudAssembly assembly = app.synth();

        // then the directory the template names still holds the code (today removeIfCopied compares the
        // relative staging path with the CDK's absolute asset path, decides it was copied, and deletes it)
        Path code = codeOf(assembly);
        assertThat(code).isAbsolute();
        assertThat(code.resolve(io.github.scopedgroupauth.runtime.policy.PolicyFormat.FILE_NAME)).isRegularFile();
        assertThat(code.resolve(FunctionCode.JAR_PATH)).isRegularFile();
    }

    @SuppressWarnings("unchecked")
    private static Path codeOf(CloudAssembly assembly) {
        Map<String, Object> template = (Map<String, Object>) assembly.getStackByName("Test").getTemplate();
        Map<String, Object> resources = (Map<String, Object>) template.get("Resources");
        String assetPath = resources.values().stream()
                .map(resource -> (Map<String, Object>) resource)
                .filter(resource -> "AWS::Lambda::Function".equals(resource.get("Type")))
                .map(resource -> (String) ((Map<String, Object>) resource.get("Metadata")).get("aws:asset:path"))
                .findFirst().orElseThrow();
        return Path.of(assembly.getDirectory()).resolve(assetPath).normalize();
    }
}
