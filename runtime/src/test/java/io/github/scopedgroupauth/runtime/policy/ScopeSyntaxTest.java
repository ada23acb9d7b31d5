package io.github.scopedgroupauth.runtime.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The checks are written as loops for a cheap cold start; these tests hold them to the regular expressions that
 * state Cognito's rules, over every code point.
 */
class ScopeSyntaxTest {

    private static final Pattern GROUP_NAME = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
    private static final Pattern IDENTIFIER = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");
    private static final Pattern NAME = Pattern.compile("[\\x21\\x23-\\x2E\\x30-\\x5B\\x5D-\\x7E]+");

    @Test
    void acceptsAGroupNameCodePoint_exactlyWhenUnicodeCategoriesLMSNOrPAccept() {
        List<String> disagreements = new ArrayList<>();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String name = "G" + new String(Character.toChars(codePoint));
            boolean accepted = ScopeSyntax.groupNameProblem(name).isEmpty();
            if (accepted != GROUP_NAME.matcher(name).matches()) {
                disagreements.add(Integer.toHexString(codePoint));
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void refusesAnUnpairedSurrogate_inAGroupName() {
        assertThat(ScopeSyntax.groupNameProblem("G\uD800")).isPresent();
        assertThat(ScopeSyntax.groupNameProblem("G\uD83D\uDE00")).isEmpty();
    }

    @Test
    void acceptsAScopeCharacter_exactlyWhenCognitosPrintableAsciiRuleAccepts() {
        List<String> disagreements = new ArrayList<>();
        for (char c = 0; c < 0x3000; c++) {
            for (String scope : List.of("id" + c + "/name", "id/na" + c + "me")) {
                boolean accepted = ScopeSyntax.problem(scope).isEmpty();
                boolean expected =
                        IDENTIFIER.matcher(ScopeSyntax.identifier(scope)).matches()
                                && NAME.matcher(ScopeSyntax.name(scope)).matches();
                if (accepted != expected) {
                    disagreements.add(Integer.toHexString(c) + " in " + scope);
                }
            }
        }
        assertThat(disagreements).isEmpty();
    }
}
