package io.github.scopedgroupauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.cognito.FeaturePlan;
import software.amazon.awscdk.services.cognito.LambdaVersion;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.cognito.UserPoolOperation;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;

class ValidationTest {

    private static final String MANAGED = "[admin/*, everyone/*]";

    static Stream<Arguments> invalidGroupScopes() {
        return Stream.of(
                Arguments.of(
                        Map.of(),
                        "`groupScopes` is empty; map at least one group name to its scopes, e.g."
                                + " Map.of(\"ADMINS\", List.of(\"admin/*\"))"),
                Arguments.of(
                        Map.of("", List.of("a/b")),
                        "`groupScopes` has an empty group name; group names are 1 to 128 characters"),
                Arguments.of(
                        Map.of("G".repeat(129), List.of("a/b")),
                        "`groupScopes` group name '" + "G".repeat(129)
                                + "' is 129 characters long; group names are 1 to 128 characters"),
                Arguments.of(
                        Map.of("MY ADMINS", List.of("a/b")),
                        "`groupScopes` group name 'MY ADMINS' contains"
                                + " whitespace or a control character; group names may contain letters, marks, symbols,"
                                + " numbers and punctuation only"),
                Arguments.of(
                        Map.of("ADMINS", List.of()),
                        "`groupScopes` entry 'ADMINS' has no scopes; give each"
                                + " group at least one scope such as 'admin/*'"),
                Arguments.of(
                        Map.of("ADMINS", List.of("admin")),
                        "`groupScopes` entry 'ADMINS': scope 'admin' has"
                                + " no '/'; write scopes as 'identifier/scopeName', e.g. 'admin/*'"),
                Arguments.of(
                        Map.of("ADMINS", List.of("admin /*")),
                        "`groupScopes` entry 'ADMINS': scope 'admin /*'"
                                + " contains whitespace, a control character, '\"' or '\\'; scopes may not contain them"),
                Arguments.of(
                        Map.of("ADMINS", List.of("admin/\"x\"")),
                        "`groupScopes` entry 'ADMINS': scope"
                                + " 'admin/\"x\"' contains whitespace, a control character, '\"' or '\\'; scopes may not"
                                + " contain them"),
                Arguments.of(
                        Map.of("ADMINS", List.of("admin\\x/y")),
                        "`groupScopes` entry 'ADMINS': scope"
                                + " 'admin\\x/y' contains whitespace, a control character, '\"' or '\\'; scopes may not"
                                + " contain them"),
                Arguments.of(
                        Map.of("ADMINS", List.of("/read")),
                        "`groupScopes` entry 'ADMINS': scope '/read' has an"
                                + " empty identifier; write scopes as 'identifier/scopeName', e.g. 'admin/*'"),
                Arguments.of(
                        Map.of("ADMINS", List.of("admin/")),
                        "`groupScopes` entry 'ADMINS': scope 'admin/' has"
                                + " an empty scope name; write scopes as 'identifier/scopeName', e.g. 'admin/*'"),
                // Identifier and name may each have 256 characters, the whole scope no more than 256.
                Arguments.of(
                        Map.of("ADMINS", List.of("i".repeat(128) + "/" + "n".repeat(128))),
                        "`groupScopes`"
                                + " entry 'ADMINS': scope '" + "i".repeat(128) + "/" + "n".repeat(128)
                                + "' is 257 characters"
                                + " long; Cognito allows at most 256 characters in a whole scope 'identifier/scopeName':"
                                + " shorten the identifier or the scope name"),
                Arguments.of(
                        Map.of("ADMINS", List.of("i".repeat(257) + "/read")),
                        "`groupScopes` entry 'ADMINS':"
                                + " scope '" + "i".repeat(257)
                                + "/read' is 262 characters long; Cognito allows at most 256"
                                + " characters in a whole scope 'identifier/scopeName': shorten the identifier or the scope"
                                + " name"),
                Arguments.of(
                        Map.of("ADMINS", List.of("ädmin/x")),
                        "`groupScopes` entry 'ADMINS': scope 'ädmin/x'"
                                + " contains a character outside printable ASCII; Cognito scopes allow only printable"
                                + " ASCII characters"),
                Arguments.of(
                        Map.of("ADMINS", List.of("openid")),
                        "`groupScopes` entry 'ADMINS': scope 'openid' is"
                                + " a standard Cognito scope; only custom 'identifier/scopeName' scopes can be managed, and"
                                + " standard scopes are granted through the app client's OAuth settings"),
                Arguments.of(
                        Map.of("ADMINS", List.of("aws.cognito.signin.user.admin")),
                        "`groupScopes` entry"
                                + " 'ADMINS': scope 'aws.cognito.signin.user.admin' is a standard Cognito scope; only custom"
                                + " 'identifier/scopeName' scopes can be managed, and standard scopes are granted through"
                                + " the app client's OAuth settings"));
    }

    @ParameterizedTest
    @MethodSource("invalidGroupScopes")
    void rejectsInvalidGroupScopes_withAMessageNamingTheValue(Map<String, List<String>> groupScopes, String message) {
        Fixture given = new Fixture();

        assertThatThrownBy(() -> given.auth().groupScopes(groupScopes).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
        assertThat(given.stack.getNode().tryFindChild("Auth").getNode().getChildren())
                .isEmpty();
    }

    @Test
    void rejectsStandardScopes_inEveryStandardName() {
        for (String standard : List.of("openid", "email", "phone", "profile", "aws.cognito.signin.user.admin")) {
            Fixture given = new Fixture();
            assertThatThrownBy(
                            () -> given.auth().defaultScopes(List.of(standard)).build())
                    .hasMessageStartingWith("`defaultScopes`: scope '" + standard + "' is a standard Cognito scope");
        }
    }

    @Test
    void rejectsMoreThan100ScopesOnOneResourceServer() {
        List<String> scopes = IntStream.range(0, 101).mapToObj(i -> "api/s" + i).toList();
        Fixture given = new Fixture();

        assertThatThrownBy(() -> given.auth().groupScopes(Map.of("G", scopes)).build())
                .hasMessage("resource server 'api' would have 101 scopes; Cognito allows at most 100 per resource"
                        + " server: spread them over several identifiers");
    }

    @Test
    void acceptsExactly100ScopesOnOneResourceServer() {
        List<String> scopes = IntStream.range(0, 100).mapToObj(i -> "api/s" + i).toList();
        Fixture given = new Fixture();

        given.auth().groupScopes(Map.of("G", scopes)).build();

        given.template().resourceCountIs("AWS::Cognito::UserPoolResourceServer", 1);
    }

    @Test
    void warnsAbove25ResourceServers_andFailsAbove300() {
        Fixture warned = new Fixture();
        warned.auth().groupScopes(Map.of("G", servers(26))).build();
        Annotations.fromStack(warned.stack)
                .hasWarning(
                        "/Test/Auth",
                        Match.stringLikeRegexp(
                                "26 resource servers exceed Cognito's default quota of 25 per user pool; request an increase"
                                        + " \\(up to 300\\) before deploying.*"));

        Fixture quiet = new Fixture();
        quiet.auth()
                .groupScopes(Map.of("G", servers(25)))
                .clients(List.of(quiet.web))
                .build();
        Annotations.fromStack(quiet.stack).hasNoWarning("/Test/Auth", Match.anyValue());

        Fixture failed = new Fixture();
        assertThatThrownBy(() ->
                        failed.auth().groupScopes(Map.of("G", servers(301))).build())
                .hasMessage("`groupScopes` and `defaultScopes` name 301 resource server identifiers; Cognito allows"
                        + " at most 300 per user pool: use fewer identifiers");
    }

    private static List<String> servers(int count) {
        return IntStream.range(0, count).mapToObj(i -> "api" + i + "/read").toList();
    }

    @Test
    void rejectsAClientAllowedMoreThan50Scopes() {
        Fixture given = new Fixture();
        List<String> scopes = IntStream.range(0, 46).mapToObj(i -> "api/s" + i).toList();

        // The web client already allows the 5 standard scopes: 5 + 46 = 51.
        assertThatThrownBy(() -> given.auth()
                        .groupScopes(Map.of("G", scopes))
                        .clients(List.of(given.web))
                        .build())
                .hasMessage("`clients` entry 'Test/Pool/Web' would allow 51 OAuth scopes; Cognito allows at most 50"
                        + " per app client: grant it fewer scopes with grant(client, scopes)");
    }

    @Test
    void acceptsAClientAllowedExactly50Scopes() {
        Fixture given = new Fixture();
        List<String> scopes = IntStream.range(0, 45).mapToObj(i -> "api/s" + i).toList();

        given.auth()
                .groupScopes(Map.of("G", scopes))
                .clients(List.of(given.web))
                .build();

        given.template().resourceCountIs("AWS::Cognito::UserPoolResourceServer", 1);
    }

    @Test
    void rejectsLongOrEmptyDescriptions_andDescriptionsOfUnmanagedScopes() {
        Fixture given = new Fixture();
        Map<String, String> descriptions = new HashMap<>();
        descriptions.put("admin/*", "d".repeat(257));

        assertThatThrownBy(() -> given.auth().scopeDescriptions(descriptions).build())
                .hasMessage("`scopeDescriptions` entry 'admin/*' is 257 characters long; scope descriptions are 1 to"
                        + " 256 characters");
        assertThatThrownBy(() -> new Fixture()
                        .auth()
                        .scopeDescriptions(Map.of("admin/*", ""))
                        .build())
                .hasMessage("`scopeDescriptions` entry 'admin/*' is 0 characters long; scope descriptions are 1 to"
                        + " 256 characters");
        assertThatThrownBy(() -> new Fixture()
                        .auth()
                        .scopeDescriptions(Map.of("other/x", "X"))
                        .build())
                .hasMessage("`scopeDescriptions` names scope 'other/x', which no group or default grants; describe"
                        + " only managed scopes: " + MANAGED);
    }

    @Test
    void rejectsGrantsOfUnmanagedScopes() {
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth().build();
        UserPoolClient mobile = given.client("Mobile");

        assertThatThrownBy(() -> auth.grant(mobile, List.of("everyone/*", "other/x")))
                .hasMessage("`grant` for client 'Test/Pool/Mobile' names scope 'other/x', which no group or default"
                        + " grants; grant only managed scopes: " + MANAGED);
        assertThatThrownBy(() -> auth.grant(mobile, List.of()))
                .hasMessage("`grant` for client 'Test/Pool/Mobile' is granted no scopes; name at least one managed"
                        + " scope: " + MANAGED);
    }

    @Test
    void rejectsAPoolOnTheLiteFeaturePlan() {
        Fixture given = new Fixture(FeaturePlan.LITE);

        assertThatThrownBy(() -> given.auth().build())
                .hasMessage("`userPool` has feature plan LITE, which cannot customize access tokens; set its"
                        + " featurePlan to FeaturePlan.ESSENTIALS or FeaturePlan.PLUS");
    }

    static Stream<Arguments> existingTriggers() {
        return Stream.of(
                Arguments.of(UserPoolOperation.PRE_TOKEN_GENERATION, null, "preTokenGeneration"),
                Arguments.of(
                        UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, LambdaVersion.V2_0, "preTokenGenerationConfig"),
                Arguments.of(
                        UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, LambdaVersion.V1_0, "preTokenGenerationConfig"));
    }

    @ParameterizedTest
    @MethodSource("existingTriggers")
    void rejectsAPoolThatAlreadyHasAPreTokenTrigger(
            UserPoolOperation operation, LambdaVersion version, String setting) {
        Fixture given = new Fixture();
        given.pool.addTrigger(operation, otherFunction(given), version);

        assertThatThrownBy(() -> given.auth().build())
                .hasMessage("`userPool` already has a pre token generation trigger (" + setting + "); a pool has"
                        + " only one, and ScopedGroupAuth adds its own: remove the existing trigger or merge its"
                        + " logic into another trigger");
    }

    @Test
    void failsSynth_whenAV1TriggerIsAddedAfterTheConstruct() {
        Fixture given = new Fixture();
        given.auth().build();
        given.pool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION, otherFunction(given));

        assertThatThrownBy(() -> given.app.synth())
                .hasMessageContaining("`userPool` also has a V1_0 pre token generation trigger (preTokenGeneration)"
                        + " beside ScopedGroupAuth's; a pool runs only one: remove it");
    }

    @Test
    void failsSynth_whenAGroupIsDefinedAgainAfterTheConstruct() {
        Fixture given = new Fixture();
        given.auth().build();
        given.pool.addGroup(
                "Late",
                software.amazon.awscdk.services.cognito.UserPoolGroupOptions.builder()
                        .groupName("ADMINS")
                        .build());

        assertThatThrownBy(() -> given.app.synth())
                .hasMessageContaining("group 'ADMINS' is defined twice on the user pool; define it before"
                        + " ScopedGroupAuth so that it is reused, or leave it to ScopedGroupAuth");
    }

    private static Function otherFunction(Fixture fixture) {
        return Function.Builder.create(fixture.stack, "Other")
                .runtime(Runtime.NODEJS_22_X)
                .handler("index.handler")
                .code(Code.fromInline("exports.handler = async (e) => e;"))
                .build();
    }

    @Test
    void rejectsGrantingAClientWithOAuthDisabled() {
        Fixture given = new Fixture();
        UserPoolClient backend = given.pool.addClient(
                "Backend", UserPoolClientOptions.builder().disableOAuth(true).build());

        assertThatThrownBy(() -> given.auth().clients(List.of(backend)).build())
                .hasMessage("`clients` entry 'Test/Pool/Backend' has OAuth disabled (disableOAuth); a client can only"
                        + " be granted scopes with OAuth enabled: remove disableOAuth or do not grant this client");
    }

    @Test
    void rejectsLambdaVersionV1() {
        assertThatThrownBy(() ->
                        new Fixture().auth().lambdaVersion(LambdaVersion.V1_0).build())
                .hasMessage("`lambdaVersion` is V1_0, whose events cannot change access tokens; use"
                        + " LambdaVersion.V2_0 or LambdaVersion.V3_0");
    }

    @Test
    void rejectsATokenForMemorySize_sayingItMustBeAPlainNumber() {
        Fixture given = new Fixture();
        Number token = software.amazon.awscdk.Token.asNumber(software.amazon.awscdk.Fn.ref("Memory"));

        assertThatThrownBy(() -> given.auth().memorySize(token).build())
                .hasMessage("`memorySize` is a deploy-time token; it must be a plain number of megabytes, such as 512,"
                        + " from 128 to 10240");
    }

    @Test
    void reportsOnlyTheEmptyMap_whenGroupScopesIsEmptyAndClientsAreGiven() {
        Fixture given = new Fixture();

        assertThatThrownBy(() -> given.auth()
                        .groupScopes(Map.of())
                        .clients(List.of(given.web))
                        .build())
                .hasMessage("`groupScopes` is empty; map at least one group name to its scopes, e.g."
                        + " Map.of(\"ADMINS\", List.of(\"admin/*\"))");
    }

    @Test
    void rejectsMoreGroupsThanFitTheStack_beforeDefiningAnything() {
        // given a stack that already holds the pool and the web client, and 492 groups: 2 + 492 + 2 + 7 = 503
        Fixture given = new Fixture();
        Map<String, List<String>> groups = new HashMap<>();
        IntStream.range(0, 492).forEach(i -> groups.put("G" + i, List.of(i % 2 == 0 ? "a/x" : "b/y")));

        assertThatThrownBy(() -> given.auth().groupScopes(groups).build())
                .hasMessage("ScopedGroupAuth would add 501 resources to stack Test (492 groups, 2 resource servers"
                        + " and 7 for the trigger), which already has 2: 503 in all, more than the 500 resources"
                        + " CloudFormation allows in one stack. Pass createGroups(false) and manage the groups"
                        + " elsewhere (another stack, or outside CloudFormation), or define ScopedGroupAuth and its"
                        + " user pool in a stack with room");
        assertThat(given.stack.getNode().tryFindChild("Auth").getNode().getChildren())
                .isEmpty();
    }

    @Test
    void acceptsAsManyGroupsAsFitTheStack_andManyMoreWithoutCreatingThem() {
        Map<String, List<String>> fitting = new HashMap<>();
        IntStream.range(0, 489).forEach(i -> fitting.put("G" + i, List.of("a/x")));
        Fixture given = new Fixture();
        given.auth().groupScopes(fitting).build();
        given.template().resourceCountIs("AWS::Cognito::UserPoolGroup", 489);

        Map<String, List<String>> many = new HashMap<>(fitting);
        IntStream.range(489, 2_000).forEach(i -> many.put("G" + i, List.of("a/x")));
        Fixture referenced = new Fixture();
        referenced.auth().groupScopes(many).createGroups(false).build();
        referenced.template().resourceCountIs("AWS::Cognito::UserPoolGroup", 0);
    }

    @Test
    void countsOnlyTheStacksOwnResources_notThoseOfANestedStack() {
        // given 2 resources, a nested stack (1 resource here, 5 of its own) and 489 groups: 2 + 1 + 489 + 1 + 7
        Fixture given = new Fixture();
        software.amazon.awscdk.NestedStack nested = new software.amazon.awscdk.NestedStack(given.stack, "Inner");
        IntStream.range(0, 5).forEach(i -> new software.amazon.awscdk.CfnWaitConditionHandle(nested, "H" + i));
        Map<String, List<String>> groups = new HashMap<>();
        IntStream.range(0, 489).forEach(i -> groups.put("G" + i, List.of("a/x")));

        // when
        given.auth().groupScopes(groups).build();

        // then 500 in all: accepted
        given.template().resourceCountIs("AWS::Cognito::UserPoolGroup", 489);
    }

    @Test
    void warnsAboutGroupsAndIdentifiersThatDifferOnlyByCase() {
        Fixture given = new Fixture();

        given.auth()
                .groupScopes(
                        Map.of("ADMINS", List.of("api/x"), "Admins", List.of("API/x"), "EVERYONE", List.of("api/y")))
                .build();

        Annotations annotations = Annotations.fromStack(given.stack);
        annotations.hasWarning(
                "/Test/Auth",
                Match.stringLikeRegexp("`groupScopes` names groups 'ADMINS' and"
                        + " 'Admins', which differ only by case; that is easy to mix up when adding users to groups: use one"
                        + " spelling unless you mean separate groups.*"));
        annotations.hasWarning(
                "/Test/Auth",
                Match.stringLikeRegexp("the managed scopes name resource servers 'API'"
                        + " and 'api', which differ only by case; tokens and API authorization scopes must then use the"
                        + " exact spelling: use one spelling unless you mean separate resource servers.*"));
    }

    @Test
    void warnsAboutGroupNamesThatDifferOnlyByNormalization_withTheirCodePoints() {
        Fixture given = new Fixture();

        given.auth()
                .groupScopes(Map.of("\u00C9QUIPE", List.of("api/x"), "E\u0301QUIPE", List.of("api/y")))
                .build();

        assertThat(warningsOf(given, "/Test/Auth"))
                .filteredOn(message -> message.contains("differ only by"))
                .containsExactly("`groupScopes` names groups 'E\u0301QUIPE' (U+0045 U+0301 U+0051 U+0055 U+0049"
                        + " U+0050 U+0045) and '\u00C9QUIPE' (U+00C9 U+0051 U+0055 U+0049 U+0050 U+0045), which differ"
                        + " only by Unicode normalization (NFKC) or case and may look alike; that is easy to mix up"
                        + " when adding users to groups: use one spelling unless you mean separate groups"
                        + " [ack: scoped-group-auth:caseOnlyDifference]");
    }

    @Test
    void acknowledgedNameWarning_isNotReported() {
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth()
                .groupScopes(Map.of("\u00C9QUIPE", List.of("api/x"), "E\u0301QUIPE", List.of("api/y")))
                .build();

        software.amazon.awscdk.Annotations.of(auth)
                .acknowledgeWarning("scoped-group-auth:caseOnlyDifference", "separate groups on purpose");

        Annotations.fromStack(given.stack).hasNoWarning("/Test/Auth", Match.stringLikeRegexp(".*differ only by.*"));
    }

    @Test
    void warnsThatEveryClientCarriesManagedScopes_whenNoClientIsGranted() {
        Fixture given = new Fixture();

        given.auth().build();

        assertThat(warningsOf(given, "/Test/Auth/Function/Resource"))
                .containsExactly("no app client is granted (`clients` is empty and `grant` was not called), so every"
                        + " app client of the pool may carry the managed scopes of its users' groups: list the"
                        + " clients that may carry them in `clients` or grant them with `auth.grant(client)`, or"
                        + " acknowledge this warning if every client of the pool should"
                        + " [ack: scoped-group-auth:noClientGranted]");
    }

    @Test
    void doesNotWarnAboutUngrantedClients_whenAClientIsListedOrGrantedLater() {
        Fixture listed = new Fixture();
        Fixture grantedLater = new Fixture();

        listed.auth().clients(List.of(listed.web)).build();
        grantedLater.auth().build().grant(grantedLater.web, List.of("everyone/*"));

        assertThat(warningsOf(listed, "*")).noneMatch(warning -> warning.contains("noClientGranted"));
        assertThat(warningsOf(grantedLater, "*")).noneMatch(warning -> warning.contains("noClientGranted"));
    }

    @Test
    void acknowledgedUngrantedClientsWarning_isNotReported() {
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth().build();

        software.amazon.awscdk.Annotations.of(auth)
                .acknowledgeWarning("scoped-group-auth:noClientGranted", "every client of this pool is ours");

        assertThat(warningsOf(given, "*")).noneMatch(warning -> warning.contains("noClientGranted"));
    }

    /** The warnings at a construct path, exactly, with the CDK's acknowledgement hint. */
    // Annotations.findWarning returns the cxapi SynthesisMessage, deprecated without a replacement in this CDK.
    @SuppressWarnings("deprecation")
    private static List<String> warningsOf(Fixture given, String path) {
        return Annotations.fromStack(given.stack).findWarning(path, Match.anyValue()).stream()
                .map(warning -> warning.getEntry().getData().toString())
                .toList();
    }

    @Test
    void doesNotWarnAboutCase_whenNamesDifferOtherwise() {
        Fixture given = new Fixture();

        given.auth().build();

        Annotations.fromStack(given.stack)
                .hasNoWarning("/Test/Auth", Match.stringLikeRegexp(".*differ only by case.*"));
    }

    @Test
    void rejectsMemoryOutsideLambdasRange() {
        assertThatThrownBy(() -> new Fixture().auth().memorySize(64).build())
                .hasMessage("`memorySize` is 64; Lambda allows whole megabytes from 128 to 10240");
    }

    @Test
    void requiresAUserPool() {
        Fixture given = new Fixture();

        assertThatThrownBy(() -> ScopedGroupAuth.Builder.create(given.stack, "Auth")
                        .groupScopes(Fixture.ADMINS_AND_EVERYONE)
                        .build())
                .hasMessage("`userPool` is required; pass the UserPool whose access tokens should carry the scopes");
    }

    @Test
    void reportsTheScopesOfABadGroupName_inTheSameRun() {
        Fixture given = new Fixture(FeaturePlan.ESSENTIALS);

        assertThatThrownBy(() -> given.auth()
                        .groupScopes(Map.of("SUPER ADMINS", List.of("admin")))
                        .build())
                .hasMessage("Test/Auth has 2 problems:\n"
                        + "- `groupScopes` group name 'SUPER ADMINS' contains whitespace or a control character;"
                        + " group names may contain letters, marks, symbols, numbers and punctuation only\n"
                        + "- `groupScopes` entry 'SUPER ADMINS': scope 'admin' has no '/'; write scopes as"
                        + " 'identifier/scopeName', e.g. 'admin/*'");
    }

    @Test
    void reportsEveryProblemOfOneCallTogether_beforeDefiningAnything() {
        Fixture given = new Fixture(FeaturePlan.LITE);
        Map<String, List<String>> groupScopes = new HashMap<>();
        groupScopes.put("ADMINS", List.of("admin"));
        groupScopes.put("EVERYONE", new ArrayList<>());

        assertThatThrownBy(() -> given.auth()
                        .groupScopes(groupScopes)
                        .lambdaVersion(LambdaVersion.V1_0)
                        .build())
                .hasMessage("Test/Auth has 4 problems:\n"
                        + "- `groupScopes` entry 'ADMINS': scope 'admin' has no '/'; write scopes as"
                        + " 'identifier/scopeName', e.g. 'admin/*'\n"
                        + "- `groupScopes` entry 'EVERYONE' has no scopes; give each group at least one scope such"
                        + " as 'admin/*'\n"
                        + "- `lambdaVersion` is V1_0, whose events cannot change access tokens; use"
                        + " LambdaVersion.V2_0 or LambdaVersion.V3_0\n"
                        + "- `userPool` has feature plan LITE, which cannot customize access tokens; set its"
                        + " featurePlan to FeaturePlan.ESSENTIALS or FeaturePlan.PLUS");
        assertThat(given.stack.getNode().tryFindChild("Auth").getNode().getChildren())
                .isEmpty();
    }

    @Test
    void rejectsUnknownGroups_inScopesFor() {
        ScopedGroupAuth auth = new Fixture().auth().build();

        assertThatThrownBy(() -> auth.scopesFor("OTHERS"))
                .hasMessage("group 'OTHERS' is not in `groupScopes`; known groups: [ADMINS, EVERYONE]");
    }

    @Test
    void rejectsAResourceServerDefinedOnlyAsL1() {
        Fixture given = new Fixture();
        software.amazon.awscdk.services.cognito.CfnUserPoolResourceServer.Builder.create(given.stack, "Raw")
                .userPoolId(given.pool.getUserPoolId())
                .identifier("admin")
                .name("admin")
                .build();

        assertThatThrownBy(() -> given.auth().build())
                .hasMessage("`userPool` already has resource server 'admin' defined as a CfnUserPoolResourceServer at"
                        + " Test/Raw; define it with UserPoolResourceServer (or userPool.addResourceServer) so"
                        + " ScopedGroupAuth can reuse it");
    }

    @Test
    void rejectsAClientOfAnotherUserPool() {
        Fixture given = new Fixture();
        UserPoolClient foreign = software.amazon.awscdk.services.cognito.UserPool.Builder.create(given.stack, "Other")
                .build()
                .addClient("Foreign");

        assertThatThrownBy(() -> given.auth().clients(List.of(foreign)).build())
                .hasMessage("`clients` entry 'Test/Other/Foreign' belongs to another user pool; grant only clients"
                        + " of `userPool` Test/Pool");
    }

    @Test
    void rejectsAConstructOutsideThePoolsStack() {
        Fixture given = new Fixture();
        software.amazon.awscdk.Stack other = new software.amazon.awscdk.Stack(given.app, "Other");

        assertThatThrownBy(() -> ScopedGroupAuth.Builder.create(other, "Auth")
                        .userPool(given.pool)
                        .groupScopes(Fixture.ADMINS_AND_EVERYONE)
                        .build())
                .hasMessage("`userPool` is in stack Test; define ScopedGroupAuth in the same stack, because the pool"
                        + " refers to the trigger and the trigger to the clients");
    }

    @Test
    void requiresProps() {
        Fixture given = new Fixture();

        assertThatThrownBy(() -> new ScopedGroupAuth(given.stack, "Auth", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("`props` is required; pass ScopedGroupAuthProps.builder().userPool(pool).groupScopes(map)"
                        + ".build()");
    }
}
