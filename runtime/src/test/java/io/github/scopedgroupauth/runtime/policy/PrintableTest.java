package io.github.scopedgroupauth.runtime.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The one escaper of error messages and log lines. */
class PrintableTest {

    @Test
    void escapesLineBreaksControlsAndFormatCharacters_andKeepsLettersOfAnyScript() {
        assertThat(Printable.escape("a\nb\r\u0000\u001b[31m\u202e\u200b\u00a0 \u00c4\u0436"))
                .isEqualTo("a\\u000Ab\\u000D\\u0000\\u001B[31m\\u202E\\u200B\\u00A0 \u00c4\u0436");
    }

    @Test
    void keepsAPairedEmoji_andEscapesLoneSurrogatesAndHiddenSupplementaryCharacters() {
        // An emoji, a reversed pair, a lone high surrogate, a tag character (Cf) and a private-use one of plane 15.
        assertThat(Printable.escape("\ud83d\ude00 \ude00\ud83d x\ud83d \udb40\udc41 \udb80\udc00"))
                .isEqualTo("\ud83d\ude00 \\uDE00\\uD83D x\\uD83D \\uDB40\\uDC41 \\uDB80\\uDC00");
    }

    @Test
    void excerptEscapesTheHalfOfAPairThatTheCutLeaves() {
        assertThat(Printable.excerpt("a\ud83d\ude00", 2)).isEqualTo("a\\uD83D... (1 more characters)");
        assertThat(Printable.excerpt("a\ud83d\ude00", 3)).isEqualTo("a\ud83d\ude00");
    }

    @Test
    void excerptCutsAfterTheGivenLength_andCountsTheRest() {
        assertThat(Printable.excerpt("abcdef", 4)).isEqualTo("abcd... (2 more characters)");
        assertThat(Printable.excerpt("abcd", 4)).isEqualTo("abcd");
        assertThat(Printable.excerpt(null, 4)).isEqualTo("null");
    }

    @Test
    void excerptRefusesANegativeLength() {
        assertThatThrownBy(() -> Printable.excerpt("abc", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxLength is -1; keep 0 or more characters");
    }
}
