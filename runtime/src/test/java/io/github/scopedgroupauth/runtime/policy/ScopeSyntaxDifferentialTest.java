package io.github.scopedgroupauth.runtime.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The hand-written checks against the regular-expression rules they replaced, on whole values rather than single
 * characters: values at the length limits, with surrogate pairs, unpaired surrogates, unassigned and format code
 * points, controls, a byte-order mark and line breaks at any position.
 */
class ScopeSyntaxDifferentialTest {

    private static final Pattern IDENTIFIER = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");
    private static final Pattern NAME = Pattern.compile("[\\x21\\x23-\\x2E\\x30-\\x5B\\x5D-\\x7E]+");
    private static final Pattern GROUP_NAME = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");

    /** Characters near every rule's edge; the pair U+D83D U+DE00 is an emoji when adjacent and in order. */
    private static final char[] EDGES = {
        'a', 'Z', '0', '/', '*', '.', ':', '!', '~', '"', '\\', ' ', '\t', '\r', '\n', '\u0000', '\u001f', '\u007f',
        '\u0080', '\u0085', '\u00a0', '\u00c4', '\u0301', '\u0378', '\u200b', '\u2028', '\u3000', '\ud83d', '\ude00',
        '\ue000', '\ufeff', '\uffff'
    };

    @Provide
    Arbitrary<String> values() {
        Arbitrary<String> edges = Arbitraries.of(EDGES).list().ofMaxSize(6).map(chars -> {
            StringBuilder text = new StringBuilder();
            chars.forEach(text::append);
            return text.toString();
        });
        Arbitrary<Integer> lengths = Arbitraries.of(0, 1, 2, 127, 128, 129, 130, 255, 256, 257, 258);
        Arbitrary<Integer> positions = Arbitraries.integers().between(0, 300);
        // Plain letters padded to a length near a limit, with edge characters put in at some position.
        return Combinators.combine(edges, lengths, positions, Arbitraries.of("", "id/", "emoji"))
                .as((inserted, length, position, kind) -> {
                    StringBuilder value = new StringBuilder(kind.equals("id/") ? "id/" : "");
                    while (value.length() < length) {
                        value.append(kind.equals("emoji") ? "\ud83d\ude00" : "x");
                    }
                    value.setLength(Math.max(0, length - inserted.length()));
                    value.insert(Math.min(position, value.length()), inserted);
                    return value.toString();
                });
    }

    @Property(tries = 3000)
    void scopeProblemIsTheSameAsTheRegularExpressionRulesGave(@ForAll("values") String value) {
        assertThat(ScopeSyntax.problem(value)).isEqualTo(problemByRegularExpressions(value));
    }

    @Property(tries = 3000)
    void groupNameProblemIsTheSameAsTheRegularExpressionRuleGave(@ForAll("values") String value) {
        if (value.isEmpty()) {
            return;
        }
        boolean expected = value.length() <= ScopeSyntax.MAX_GROUP_NAME_LENGTH
                && GROUP_NAME.matcher(value).matches();
        assertThat(ScopeSyntax.groupNameProblem(value).isEmpty())
                .as("group name %s", Printable.escape(value))
                .isEqualTo(expected);
    }

    /** The checks as they were written with regular expressions, message for message. */
    private static Optional<String> problemByRegularExpressions(String scope) {
        Optional<String> early = ScopeSyntax.problem(scope);
        // The messages before the character rule come from checks the rewrite did not touch (empty, standard,
        // whitespace or control, no slash, length, empty parts); only the last rule moved from regex to loop.
        if (early.isPresent() && !early.get().startsWith("contains a character outside printable ASCII")) {
            return early;
        }
        boolean printable = IDENTIFIER.matcher(ScopeSyntax.identifier(scope)).matches()
                && NAME.matcher(ScopeSyntax.name(scope)).matches();
        return printable
                ? Optional.empty()
                : Optional.of("contains a character outside printable ASCII; Cognito scopes allow only"
                        + " printable ASCII characters");
    }
}
