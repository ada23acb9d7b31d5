package io.github.scopedgroupauth.runtime.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PolicyFormat} as the contract's one writer: it never writes what its own reader would refuse, since a
 * function that cannot read its policy fails every sign-in.
 */
class PolicyFormatTest {

    private static final PolicyFormat.Written WRITTEN =
            PolicyFormat.write(Map.of("ADMINS", List.of("admin/*"), "EVERYONE", List.of("everyone/*")), List.of());

    @Test
    void sealsTheFileWithTheCrc32cOfEverythingBeforeTheEndLine_andTiesTheVariableToIt() {
        // 123456789 is CRC32C's check value in RFC 3720 (B.4): e3069283.
        assertThat(PolicyFormat.crc32c("123456789")).isEqualTo("e3069283");

        String body = WRITTEN.text().substring(0, WRITTEN.text().lastIndexOf("end crc32c:"));
        assertThat(WRITTEN.text()).endsWith("\nend crc32c:" + PolicyFormat.crc32c(body) + "\n");
        assertThat(WRITTEN.tie()).isEqualTo(PolicyFormat.crc32c(body)).matches("[0-9a-f]{8}");
    }

    @Test
    void numbersEveryScopeTheFileNames_inAscendingOrder() {
        PolicyFormat.Written written =
                PolicyFormat.write(Map.of("B", List.of("b/2", "a/1"), "A", List.of("c/3")), List.of("a/0", "b/2"));

        assertThat(written.numberedScopes()).containsExactly("a/0", "a/1", "b/2", "c/3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"other/x", "admin/*,other/x"})
    void entryRefusesAGrantedScopeTheFileDoesNotNumber(String granted) {
        List<String> scopes = List.of(granted.split(","));

        // when / then: refused as an argument, not written as "web=-1" or "web=0,-1"
        assertThatThrownBy(() -> WRITTEN.entry("web", scopes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("client 'web' is granted scope 'other/x', which the policy file does not number; grant"
                        + " only managed scopes: [admin/*, everyone/*]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin/*", "everyone/*,admin/*", "admin/*,everyone/*,admin/*"})
    void entryNumbersTheGrantedScopes_orWritesStarForAll(String granted) {
        String entry = WRITTEN.entry("web", List.of(granted.split(",")));

        assertThat(entry).isEqualTo(granted.contains("everyone") ? "web=*" : "web=0");
    }
}
