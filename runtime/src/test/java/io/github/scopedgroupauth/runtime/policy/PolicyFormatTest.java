package io.github.scopedgroupauth.runtime.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PolicyFormat} as the contract's one writer: it never writes what its own reader would refuse, since a
 * function that cannot read its policy fails every sign-in.
 */
class PolicyFormatTest {

    private static final List<String> MANAGED = List.of("admin/*", "everyone/*");

    @ParameterizedTest
    @ValueSource(strings = {"other/x", "admin/*,other/x"})
    void entryRefusesAGrantedScopeTheFileDoesNotNumber(String granted) {
        List<String> scopes = List.of(granted.split(","));

        // when / then: refused as an argument, not written as "web=-1" or "web=0,-1"
        assertThatThrownBy(() -> PolicyFormat.entry("web", MANAGED, scopes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("client 'web' is granted scope 'other/x', which the policy file does not number; grant"
                        + " only managed scopes: [admin/*, everyone/*]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin/*", "everyone/*,admin/*", "admin/*,everyone/*,admin/*"})
    void entryNumbersTheGrantedScopes_orWritesStarForAll(String granted) {
        String entry = PolicyFormat.entry("web", MANAGED, List.of(granted.split(",")));

        assertThat(entry).isEqualTo(granted.contains("everyone") ? "web=*" : "web=0");
    }
}
