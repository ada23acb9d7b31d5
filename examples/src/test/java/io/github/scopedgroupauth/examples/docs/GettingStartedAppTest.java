package io.github.scopedgroupauth.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scopedgroupauth.examples.AppProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app of {@code docs/getting-started.md}, with one scope written wrong or a problem found at synthesis, as the
 * CDK CLI runs it: the message comes first and alone on stderr, and the app exits with status 1. (The invoker builds the
 * page's app as written and checks what it synthesizes.)
 */
class GettingStartedAppTest {

    /** Set by the examples module's surefire configuration. */
    private static final String ROOT_PROPERTY = "scopedgroupauth.repositoryRoot";

    @TempDir
    Path temp;

    @Test
    void refusedScope_isToldFirstOnStderr_andTheAppExitsWith1() throws Exception {
        AppProcess run = runAppWith(GettingStartedAppTest::withScopeWithoutSlash);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.stderr())
                .containsExactly("`groupScopes` entry 'ADMINS': scope 'admin' has no '/'; write scopes as"
                        + " 'identifier/scopeName', e.g. 'admin/*'");
    }

    @Test
    void problemFoundAtSynthesis_isToldAlone_withoutTheJavaScriptStackOfTheCdk() throws Exception {
        AppProcess run = runAppWith(GettingStartedAppTest::withProblemAtSynthesis);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.stderr())
                .containsExactly(
                        "ValidationFailedWithErrors: Validation failed with the following errors:",
                        "  [AuthStack] a problem found at synthesis");
    }

    /** Runs the page's app, each of its Java files changed by the substitution. */
    private AppProcess runAppWith(UnaryOperator<JavaBlocks.Block> substitution) throws Exception {
        Path root = Path.of(System.getProperty(ROOT_PROPERTY, ".."))
                .toAbsolutePath()
                .normalize();
        List<JavaBlocks.Block> app = JavaBlocks.blocksIn(root.resolve("docs/getting-started.md")).stream()
                .filter(JavaBlocks.Block::isUnit)
                .map(substitution)
                .toList();
        Path classes = Files.createDirectory(temp.resolve("classes"));
        assertThat(app).extracting(JavaBlocks.Block::code).anyMatch(code -> code.contains("class AuthApp"));
        assertThat(JavaBlockCheck.problems(root, app, classes)).isEmpty();
        return AppProcess.run("com.example.auth.AuthApp", classes, Map.of(), temp);
    }

    /** A problem that the CDK raises in app.synth(), from a validation, rather than in a constructor. */
    private static JavaBlocks.Block withProblemAtSynthesis(JavaBlocks.Block block) {
        String stack = "new AuthStack(app, \"AuthStack\");";
        String failing = block.code()
                .replace(
                        stack,
                        "new AuthStack(app, \"AuthStack\").getNode().addValidation("
                                + "() -> java.util.List.of(\"a problem found at synthesis\"));");
        if (block.code().contains("class AuthApp") && failing.equals(block.code())) {
            throw new IllegalStateException("AuthApp of getting-started.md no longer has " + stack);
        }
        return new JavaBlocks.Block(block.file(), block.line(), failing, Optional.empty());
    }

    private static JavaBlocks.Block withScopeWithoutSlash(JavaBlocks.Block block) {
        String wrong = block.code().replace("\"ADMINS\", List.of(\"admin/*\")", "\"ADMINS\", List.of(\"admin\")");
        if (block.code().contains("class AuthStack") && wrong.equals(block.code())) {
            throw new IllegalStateException("AuthStack of getting-started.md no longer maps ADMINS to admin/*");
        }
        return new JavaBlocks.Block(block.file(), block.line(), wrong, Optional.empty());
    }
}
