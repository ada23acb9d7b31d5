package io.github.scopedgroupauth.examples.e2e;

import io.github.scopedgroupauth.runtime.policy.PolicyFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Lays out function code the way the CDK asset of the {@code ScopedGroupAuth} construct holds it: the function
 * jar in {@code lib/}, the policy file at the root. Until the examples synthesize that asset, the tests build
 * the directory with this from the jar Maven copied for them.
 */
final class CodeAssetLayout {

    /** The system property that Maven sets to the copied function jar. */
    static final String LAMBDA_JAR_PROPERTY = "scopedgroupauth.e2e.lambdaJar";
    /** The handler string of the pre token generation function. */
    static final String HANDLER = PolicyFormat.HANDLER;
    /** Where the jar goes in the code directory. */
    static final String JAR_PATH = "lib/scoped-group-auth-runtime.jar";
    /** Where the policy goes in the code directory. */
    static final String POLICY_PATH = PolicyFormat.FILE_NAME;

    private CodeAssetLayout() {}

    /**
     * The function jar (the runtime module's {@code lambda} classifier) that Maven copied for the tests.
     *
     * @return the jar
     * @throws IllegalStateException if it is not there
     */
    static Path lambdaJar() {
        Path jar = Path.of(System.getProperty(LAMBDA_JAR_PROPERTY, "target/lambda/scoped-group-auth-runtime.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the function jar " + jar.toAbsolutePath() + " is missing; run"
                    + " 'mvn -pl runtime install -DskipTests' at the root, then 'mvn verify' in examples");
        }
        return jar;
    }

    /**
     * Writes a code directory.
     *
     * @param directory an empty directory
     * @param jar the function jar, or null to leave {@code lib/} out
     * @param policy the text of {@value #POLICY_PATH}, or null to leave it out
     * @return the directory
     * @throws IOException if writing fails
     */
    static Path layOut(Path directory, Path jar, String policy) throws IOException {
        if (jar != null) {
            Path target = directory.resolve(JAR_PATH);
            Files.createDirectories(target.getParent());
            Files.copy(jar, target);
        }
        if (policy != null) {
            Files.writeString(directory.resolve(POLICY_PATH), policy, StandardCharsets.UTF_8);
        }
        return directory;
    }
}
