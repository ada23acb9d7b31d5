package io.github.scopedgroupauth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which names count as the same name spelled differently: equal after NFKC and case folding. */
class CaseCollisionsTest {

    @Test
    void findsNamesThatDifferOnlyByCase() {
        assertThat(CaseCollisions.collisions(List.of("ADMINS", "Admins", "EVERYONE")))
                .containsExactly(List.of("ADMINS", "Admins"));
    }

    @Test
    void findsComposedAndDecomposedAccents() {
        assertThat(CaseCollisions.collisions(List.of("\u00C9QUIPE", "E\u0301QUIPE", "\u00E9quipe")))
                .containsExactly(List.of("E\u0301QUIPE", "\u00C9QUIPE", "\u00E9quipe"));
    }

    @Test
    void findsCompatibilityFormsAndSharpS() {
        assertThat(CaseCollisions.collisions(List.of("\uFF21DMINS", "admins", "STRASSE", "stra\u00DFe")))
                .containsExactly(List.of("admins", "\uFF21DMINS"), List.of("STRASSE", "stra\u00DFe"));
    }

    @Test
    void missesLookAlikesFromOtherScripts_andTheDottedCapitalI() {
        assertThat(CaseCollisions.collisions(List.of("ADMINS", "\u0410DMINS", "ADM\u0130NS")))
                .isEmpty();
    }
}
