package io.github.scopedgroupauth.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scopedgroupauth.runtime.policy.PolicyFormat;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The policy reader at the edges of Cognito's limits and of the seal, on files sealed as the construct seals. */
class PolicyFileBoundaryTest {

    private static final String HEADER = "scoped-group-auth-policy 1\n";

    private static ScopePolicy read(String body) {
        return PolicyFile.read(
                SealedPolicy.seal(body).getBytes(StandardCharsets.UTF_8),
                Map.of(PolicyFormat.CLIENTS_VARIABLE, SealedPolicy.grants(body, "*")));
    }

    @ParameterizedTest
    @ValueSource(ints = {127, 128})
    void acceptsGroupNamesUpTo128Characters(int length) {
        String group = "G".repeat(length);

        assertThat(read(HEADER + "group " + group + " api/read\n").groupScopes())
                .containsKey(group);
    }

    @ParameterizedTest
    @ValueSource(ints = {129, 130})
    void refusesGroupNamesOver128Characters(int length) {
        assertThatThrownBy(() -> read(HEADER + "group " + "G".repeat(length) + " api/read\n"))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("is " + length + " characters long");
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 65})
    void countsASurrogatePairInAGroupNameAsTwoCharacters_asCognitosLimitDoes(int emoji) {
        // 64 emoji are 128 UTF-16 characters, 65 are 130.
        String group = "\ud83d\ude00".repeat(emoji);
        String body = HEADER + "group " + group + " api/read\n";

        if (emoji == 64) {
            assertThat(read(body).groupScopes()).containsKey(group);
        } else {
            assertThatThrownBy(() -> read(body)).isInstanceOf(InvalidPolicyException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"G\u0000", "G\u0378", "\ufeffG", "G\u200b", "G\u00a0", "G\u2028"})
    void refusesGroupNamesWithControlUnassignedFormatOrSpaceCharacters(String group) {
        assertThatThrownBy(() -> read(HEADER + "group " + group + " api/read\n"))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("line 2");
    }

    @Test
    void refusesAnEncodedUnpairedSurrogate_asMalformedUtf8() {
        // A lone surrogate has no UTF-8 form; its 3-byte CESU-8 encoding (ED A0 BD) must not decode into a name.
        byte[] body = (HEADER + "group G_ api/read\n").getBytes(StandardCharsets.UTF_8);
        int at = HEADER.length() + "group G".length();
        byte[] file = new byte[body.length + 2];
        System.arraycopy(body, 0, file, 0, at);
        file[at] = (byte) 0xED;
        file[at + 1] = (byte) 0xA0;
        file[at + 2] = (byte) 0xBD;
        System.arraycopy(body, at + 1, file, at + 3, body.length - at - 1);

        assertThatThrownBy(() -> PolicyFile.read(file, Map.of(PolicyFormat.CLIENTS_VARIABLE, "x:*")))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("not valid UTF-8");
    }

    @ParameterizedTest
    @ValueSource(ints = {255, 256})
    void acceptsScopesUpTo256Characters(int length) {
        String scope = "api/" + "s".repeat(length - 4);

        assertThat(read(HEADER + "group G " + scope + "\n").managedScopes()).containsExactly(scope);
    }

    @ParameterizedTest
    @ValueSource(ints = {257, 258})
    void refusesScopesOver256Characters(int length) {
        assertThatThrownBy(() -> read(HEADER + "group G api/" + "s".repeat(length - 4) + "\n"))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("is " + length + " characters long");
    }

    @ParameterizedTest
    @ValueSource(strings = {"api/re\u0000ad", "api/r\u00e9ad", "api/\ud83d\ude00", "api/\ufeffread"})
    void refusesScopesOutsidePrintableAscii(String scope) {
        assertThatThrownBy(() -> read(HEADER + "group G " + scope + "\n")).isInstanceOf(InvalidPolicyException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 7})
    void refusesASealWithOneDigitChanged(int position) {
        String body = HEADER + "group G api/read\n";
        String sealed = SealedPolicy.seal(body);
        int at = sealed.length() - 9 + position;
        char digit = sealed.charAt(at);
        String forged = sealed.substring(0, at) + (digit == '0' ? '1' : '0') + sealed.substring(at + 1);

        assertThatThrownBy(() -> PolicyFile.read(
                        forged.getBytes(StandardCharsets.UTF_8),
                        Map.of(PolicyFormat.CLIENTS_VARIABLE, SealedPolicy.grants(body, "*"))))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("does not match the checksum");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r\n", "\n\n"})
    void refusesASealLineEndedOtherwiseThanByOneLineFeed(String ending) {
        String body = HEADER + "group G api/read\n";
        String sealed = SealedPolicy.seal(body);
        String file = sealed.substring(0, sealed.length() - 1) + ending;

        assertThatThrownBy(() -> PolicyFile.read(
                        file.getBytes(StandardCharsets.UTF_8),
                        Map.of(PolicyFormat.CLIENTS_VARIABLE, SealedPolicy.grants(body, "*"))))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("incomplete");
    }
}
