package io.github.scopedgroupauth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.constructs.Construct;

/** File names of the scope matrix: one per construct path, never shared by two paths. */
class ScopeMatrixFilesTest {

    private final App app = new App();

    @Test
    void joinsIdsWithDots_andPercentEncodesEverythingElse() {
        Construct auth = new Construct(new Stack(app, "My-Stack"), "Auth.v2 ü");

        assertThat(ScopeMatrixFiles.markdownFileName(auth)).isEqualTo("My-Stack.Auth%2Ev2%20%C3%BC.scope-matrix.md");
        assertThat(ScopeMatrixFiles.jsonFileName(auth)).isEqualTo("My-Stack.Auth%2Ev2%20%C3%BC.scope-matrix.json");
    }

    @Test
    void givesDifferentNames_toPathsThatOnlyDifferInWhereIdsSplit() {
        Construct first = new Construct(new Construct(app, "A"), "B.C");
        Construct second = new Construct(new Construct(app, "A.B"), "C");

        assertThat(ScopeMatrixFiles.baseName(first)).isEqualTo("A.B%2EC");
        assertThat(ScopeMatrixFiles.baseName(second)).isEqualTo("A%2EB.C");
    }

    @Test
    void usesTheConstructsAddress_whenThePathIsTooLongForAFileName() {
        Construct deep = new Construct(new Stack(app, "S"), "x".repeat(ScopeMatrixFiles.MAX_BASE_NAME_LENGTH));

        assertThat(ScopeMatrixFiles.baseName(deep))
                .isEqualTo("ScopedGroupAuth-" + deep.getNode().getAddr());
    }
}
