package io.github.scopedgroupauth.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionLogTest {

    @Test
    void writesTheWholeDecision_onTheDebugLine() {
        DecisionLog log = new DecisionLog(
                "TokenGeneration_RefreshTokens",
                "web-client-1",
                List.of("ADMINS", "EVERYONE"),
                List.of("everyone/*"),
                List.of("admin/*", "other/x"));

        assertThat(log.decision())
                .isEqualTo(
                        "scope decision: trigger=TokenGeneration_RefreshTokens"
                                + " client=web-client-1 groups=[ADMINS,EVERYONE] added=[everyone/*] suppressed=[admin/*,other/x]");
        assertThat(log.suppression())
                .isEqualTo("suppressed requested scopes [admin/*,other/x] not entitled by"
                        + " groups [ADMINS,EVERYONE] on client web-client-1");
    }

    @Test
    void writesDash_forMissingValues() {
        DecisionLog log = new DecisionLog(null, null, Arrays.asList(null, "G"), List.of(), List.of());

        assertThat(log.decision()).isEqualTo("scope decision: trigger=- client=- groups=[-,G] added=[] suppressed=[]");
    }

    @Test
    void escapesControlAndFormatCharacters_asPrintableEscapes() {
        DecisionLog log =
                new DecisionLog("a\nb", "c\rd\u0000", List.of("e\tf\u001b[31m", "\u202eg\u200b"), List.of(), List.of());

        assertThat(log.decision())
                .isEqualTo("scope decision: trigger=a\\u000Ab client=c\\u000Dd\\u0000"
                        + " groups=[e\\u0009f\\u001B[31m,\\u202Eg\\u200B] added=[] suppressed=[]");
    }

    @Test
    void cutsEachValueTo256Characters_andCountsTheRest() {
        String longGroup = "G".repeat(300);

        DecisionLog log = new DecisionLog("t", "x".repeat(256), List.of(longGroup), List.of(), List.of());

        assertThat(log.decision())
                .isEqualTo("scope decision: trigger=t client=" + "x".repeat(256) + " groups=[" + "G".repeat(256)
                        + "... (44 more characters)] added=[] suppressed=[]");
    }

    @Test
    void listsTwentyValues_thenCountsTheRest() {
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            groups.add("G" + i);
        }

        DecisionLog log = new DecisionLog("t", "c", groups, List.of(), List.of());

        assertThat(log.decision())
                .isEqualTo("scope decision: trigger=t client=c groups=[G0,G1,G2,G3,G4,G5,G6,G7,"
                        + "G8,G9,G10,G11,G12,G13,G14,G15,G16,G17,G18,G19,... 3 more] added=[] suppressed=[]");
    }

    @Test
    void listsExactlyTwentyValues_withoutCount() {
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            groups.add("G" + i);
        }

        DecisionLog log = new DecisionLog("t", "c", groups, List.of(), List.of());

        assertThat(log.decision()).endsWith("G18,G19] added=[] suppressed=[]").doesNotContain("more");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "DEBUG,true",
        "TRACE,true",
        "debug,true",
        "INFO,false",
        "WARN,false",
        "ERROR,false",
        "FATAL,false",
        "' warn ',false"
    })
    void debugLinesAreFormattedOnlyWhenLambdaWouldWriteThem(String level, boolean logged) {
        assertThat(DecisionLog.debugLogged(level)).isEqualTo(logged);
    }

    @Test
    void debugLinesAreWritten_whenThereIsNoLogLevel_asInLambdasTextFormat() {
        assertThat(DecisionLog.debugLogged(null)).isTrue();
    }
}
