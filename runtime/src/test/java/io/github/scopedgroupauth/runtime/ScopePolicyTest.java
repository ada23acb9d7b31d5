package io.github.scopedgroupauth.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class ScopePolicyTest {

    private static final ScopePolicy ADMINS_AND_EVERYONE = ScopePolicy.builder()
            .groupScopes(Map.of("ADMINS", List.of("admin/*"), "EVERYONE", List.of("everyone/*")))
            .build();

    @Nested
    class AdminsAndEveryoneExample {

        @Test
        void addsAdminAndEveryoneScopes_whenUserIsInBothGroups() {
            // given a user in both groups who signed in with the SDK
            List<String> groups = List.of("ADMINS", "EVERYONE");

            // when
            ScopeDecision decision =
                    ADMINS_AND_EVERYONE.decide("web", groups, List.of("aws.cognito.signin.user.admin"));

            // then
            assertThat(decision.scopesToAdd()).containsExactly("admin/*", "everyone/*");
            assertThat(decision.scopesToSuppress()).isEmpty();
            assertThat(decision.tokenScopes())
                    .containsExactly("admin/*", "aws.cognito.signin.user.admin", "everyone/*");
        }

        @Test
        void addsOnlyAdminScope_whenUserIsOnlyInAdmins() {
            ScopeDecision decision = ADMINS_AND_EVERYONE.decide("web", List.of("ADMINS"), List.of("openid"));

            assertThat(decision.scopesToAdd()).containsExactly("admin/*");
            assertThat(decision.scopesToSuppress()).isEmpty();
            assertThat(decision.tokenScopes()).containsExactly("admin/*", "openid");
        }

        @Test
        void addsEveryoneScopeAndSuppressesAdminScope_whenUserIsOnlyInEveryone() {
            // given the example from the ScopePolicy Javadoc
            List<String> requested = List.of("openid", "admin/*");

            // when
            ScopeDecision decision = ADMINS_AND_EVERYONE.decide("web-client-id", List.of("EVERYONE"), requested);

            // then
            assertThat(decision.scopesToAdd()).containsExactly("everyone/*");
            assertThat(decision.scopesToSuppress()).containsExactly("admin/*");
            assertThat(decision.tokenScopes()).containsExactly("everyone/*", "openid");
        }

        @Test
        void suppressesEveryRequestedManagedScope_whenUserIsInNeitherGroup() {
            ScopeDecision decision =
                    ADMINS_AND_EVERYONE.decide("web", List.of(), List.of("openid", "everyone/*", "admin/*"));

            assertThat(decision.scopesToAdd()).isEmpty();
            assertThat(decision.scopesToSuppress()).containsExactly("admin/*", "everyone/*");
            assertThat(decision.tokenScopes()).containsExactly("openid");
        }

        @Test
        void ignoresGroupsThePolicyDoesNotName() {
            ScopeDecision decision = ADMINS_AND_EVERYONE.decide("web", List.of("admins", "OTHER"), List.of("admin/*"));

            assertThat(decision.scopesToAdd()).isEmpty();
            assertThat(decision.scopesToSuppress()).containsExactly("admin/*");
        }

        @Test
        void changesNothing_whenUserAlreadyRequestedExactlyTheEntitledScopes() {
            ScopeDecision decision = ADMINS_AND_EVERYONE.decide(
                    "web", List.of("ADMINS", "EVERYONE"), List.of("everyone/*", "admin/*", "openid"));

            assertThat(decision.isUnchanged()).isTrue();
            assertThat(decision.scopesToAdd()).isEmpty();
            assertThat(decision.scopesToSuppress()).isEmpty();
            assertThat(decision.tokenScopes()).containsExactly("admin/*", "everyone/*", "openid");
        }

        @Test
        void managesExactlyTheScopesTheGroupsName() {
            assertThat(ADMINS_AND_EVERYONE.managedScopes()).containsExactlyInAnyOrder("admin/*", "everyone/*");
            assertThat(ADMINS_AND_EVERYONE.groupScopes())
                    .isEqualTo(Map.of("ADMINS", Set.of("admin/*"), "EVERYONE", Set.of("everyone/*")));
            assertThat(ADMINS_AND_EVERYONE.defaultScopes()).isEmpty();
            assertThat(ADMINS_AND_EVERYONE.clientGrants()).isEmpty();
        }
    }

    @Nested
    class DefaultScopes {

        private final ScopePolicy policy = ScopePolicy.builder()
                .group("ADMINS", List.of("admin/*"))
                .defaultScopes(List.of("profile/read", "everyone/*"))
                .build();

        @Test
        void addsDefaultScopes_whenUserIsInNoGroup() {
            ScopeDecision decision = policy.decide("web", List.of(), List.of("openid"));

            assertThat(decision.scopesToAdd()).containsExactly("everyone/*", "profile/read");
            assertThat(decision.scopesToSuppress()).isEmpty();
        }

        @Test
        void addsDefaultAndGroupScopes_whenUserIsInAGroup() {
            ScopeDecision decision = policy.decide("web", List.of("ADMINS"), List.of());

            assertThat(decision.scopesToAdd()).containsExactly("admin/*", "everyone/*", "profile/read");
        }

        @Test
        void keepsRequestedDefaultScope_andSuppressesUnentitledGroupScope() {
            ScopeDecision decision = policy.decide("web", null, List.of("profile/read", "admin/*"));

            assertThat(decision.scopesToAdd()).containsExactly("everyone/*");
            assertThat(decision.scopesToSuppress()).containsExactly("admin/*");
            assertThat(decision.tokenScopes()).containsExactly("everyone/*", "profile/read");
        }

        @Test
        void countsDefaultScopesAsManaged() {
            assertThat(policy.managedScopes()).containsExactlyInAnyOrder("admin/*", "everyone/*", "profile/read");
            assertThat(policy.defaultScopes()).containsExactlyInAnyOrder("everyone/*", "profile/read");
        }

        @Test
        void managesScopes_whenPolicyHasOnlyDefaultScopes() {
            ScopePolicy defaultsOnly =
                    ScopePolicy.builder().defaultScopes(List.of("everyone/*")).build();

            ScopeDecision decision = defaultsOnly.decide(null, null, null);

            assertThat(decision.scopesToAdd()).containsExactly("everyone/*");
            assertThat(defaultsOnly.groupScopes()).isEmpty();
        }
    }

    @Nested
    class ClientGrants {

        private final ScopePolicy policy = ScopePolicy.builder()
                .group("ADMINS", List.of("admin/*"))
                .group("EVERYONE", List.of("everyone/*"))
                .defaultScopes(List.of("profile/read"))
                .clientGrant("admin-console", List.of("admin/*", "everyone/*", "profile/read"))
                .clientGrant("web", List.of("everyone/*"))
                .clientGrant("kiosk", List.of())
                .build();

        @Test
        void entitlesEveryScopeOfUsersGroups_onClientGrantedThemAll() {
            ScopeDecision decision = policy.decide("admin-console", List.of("ADMINS", "EVERYONE"), List.of("openid"));

            assertThat(decision.scopesToAdd()).containsExactly("admin/*", "everyone/*", "profile/read");
            assertThat(decision.scopesToSuppress()).isEmpty();
        }

        @Test
        void limitsEntitlementToGrant_onClientGrantedASubset() {
            // given an admin signing in to a client that may only carry everyone/*
            List<String> requested = List.of("openid", "admin/*", "profile/read");

            // when
            ScopeDecision decision = policy.decide("web", List.of("ADMINS", "EVERYONE"), requested);

            // then the default scope is also limited by the grant
            assertThat(decision.scopesToAdd()).containsExactly("everyone/*");
            assertThat(decision.scopesToSuppress()).containsExactly("admin/*", "profile/read");
            assertThat(decision.tokenScopes()).containsExactly("everyone/*", "openid");
        }

        @Test
        void entitlesNothingManaged_onClientWithEmptyGrant() {
            ScopeDecision decision = policy.decide("kiosk", List.of("ADMINS"), List.of("admin/*", "openid"));

            assertThat(decision.scopesToAdd()).isEmpty();
            assertThat(decision.scopesToSuppress()).containsExactly("admin/*");
        }

        @Test
        void entitlesNothingManaged_onUnknownClient() {
            // given an app client the policy does not grant
            List<String> requested = List.of("openid", "admin/*", "everyone/*", "profile/read");

            // when
            ScopeDecision decision = policy.decide("unknown-client", List.of("ADMINS", "EVERYONE"), requested);

            // then every managed scope is taken out and nothing is added
            assertThat(decision.scopesToAdd()).isEmpty();
            assertThat(decision.scopesToSuppress()).containsExactly("admin/*", "everyone/*", "profile/read");
            assertThat(decision.tokenScopes()).containsExactly("openid");
            assertThat(policy.entitledScopes("unknown-client", List.of("ADMINS")))
                    .isEmpty();
        }

        @Test
        void entitlesNothingManaged_whenClientIdIsNull() {
            ScopeDecision decision = policy.decide(null, List.of("ADMINS"), List.of("admin/*"));

            assertThat(decision.scopesToAdd()).isEmpty();
            assertThat(decision.scopesToSuppress()).containsExactly("admin/*");
        }

        @Test
        void entitlesEveryClient_whenNoGrantsExist() {
            assertThat(ADMINS_AND_EVERYONE
                            .decide("any-client", List.of("ADMINS"), List.of())
                            .scopesToAdd())
                    .containsExactly("admin/*");
            assertThat(ADMINS_AND_EVERYONE
                            .decide(null, List.of("ADMINS"), List.of())
                            .scopesToAdd())
                    .containsExactly("admin/*");
        }

        @Test
        void exposesGrantsPerClient() {
            assertThat(policy.clientGrants())
                    .isEqualTo(Map.of(
                            "admin-console", Set.of("admin/*", "everyone/*", "profile/read"),
                            "web", Set.of("everyone/*"),
                            "kiosk", Set.of()));
        }

        @Test
        void mergesScopes_whenSameClientIsGrantedTwice() {
            ScopePolicy merged = ScopePolicy.builder()
                    .group("ADMINS", List.of("admin/*", "admin/read"))
                    .clientGrant("web", List.of("admin/read"))
                    .clientGrant("web", List.of("admin/*"))
                    .build();

            assertThat(merged.clientGrants()).isEqualTo(Map.of("web", Set.of("admin/*", "admin/read")));
        }
    }

    @Nested
    class Escalation {

        @Test
        void suppressesRequestedAdminScope_whenNonAdminRequestsIt() {
            // given a user of EVERYONE who asks /oauth2/authorize for admin/*
            List<String> requested = List.of("admin/*");

            // when
            ScopeDecision decision = ADMINS_AND_EVERYONE.decide("web", List.of("EVERYONE"), requested);

            // then
            assertThat(decision.scopesToSuppress()).containsExactly("admin/*");
            assertThat(decision.tokenScopes()).doesNotContain("admin/*");
        }

        @Test
        void suppressesRequestedAdminScope_evenOnClientGrantedIt_whenUserLacksGroup() {
            // given a client that may carry admin/*, so Cognito lets any of its users request it
            ScopePolicy policy = ScopePolicy.builder()
                    .group("ADMINS", List.of("admin/*"))
                    .group("EVERYONE", List.of("everyone/*"))
                    .clientGrant("admin-console", List.of("admin/*", "everyone/*"))
                    .build();

            // when a non-admin signs in there and Cognito issues every allowed scope
            ScopeDecision decision =
                    policy.decide("admin-console", List.of("EVERYONE"), List.of("admin/*", "everyone/*", "openid"));

            // then
            assertThat(decision.scopesToSuppress()).containsExactly("admin/*");
            assertThat(decision.scopesToAdd()).isEmpty();
            assertThat(decision.tokenScopes()).containsExactly("everyone/*", "openid");
        }
    }

    @Nested
    class UrlStyleIdentifiers {

        private final ScopePolicy policy = ScopePolicy.builder()
                .group("ORDERS", List.of("https://api.example.com/orders.read", "https://api.example.com/orders.write"))
                .group("READERS", List.of("https://api.example.com/orders.read"))
                .build();

        @Test
        void addsUrlStyleScopes_whenUserIsInGroup() {
            ScopeDecision decision = policy.decide("web", List.of("READERS"), List.of("openid"));

            assertThat(decision.scopesToAdd()).containsExactly("https://api.example.com/orders.read");
        }

        @Test
        void suppressesUrlStyleScope_whenUserLacksGroup() {
            ScopeDecision decision =
                    policy.decide("web", List.of("READERS"), List.of("https://api.example.com/orders.write"));

            assertThat(decision.scopesToAdd()).containsExactly("https://api.example.com/orders.read");
            assertThat(decision.scopesToSuppress()).containsExactly("https://api.example.com/orders.write");
        }

        @Test
        void suppressesScopeWhoseIdentifierStartsWithASlash_whenUserLacksGroup() {
            // Cognito allows '/' anywhere in an identifier, so a managed scope may start with one.
            ScopePolicy slashed = ScopePolicy.builder()
                    .group("ADMINS", List.of("/api/admin"))
                    .group("READERS", List.of("/api/read"))
                    .build();

            ScopeDecision decision = slashed.decide("web", List.of("READERS"), List.of("/api/admin", "/api/read"));

            assertThat(decision.scopesToSuppress()).containsExactly("/api/admin");
            assertThat(decision.tokenScopes()).containsExactly("/api/read");
        }

        @Test
        void leavesOtherScopesOfSameIdentifierAlone_whenNoGroupNamesThem() {
            ScopeDecision decision = policy.decide("web", List.of(), List.of("https://api.example.com/orders.delete"));

            assertThat(decision.isUnchanged()).isTrue();
        }
    }

    @Nested
    class UnmanagedScopes {

        @Test
        void neverSuppressesUnmanagedScopes_evenOnUnknownClientWithGrantsPresent() {
            // given a policy with grants, and a client it does not know
            ScopePolicy policy = ScopePolicy.builder()
                    .group("ADMINS", List.of("admin/*"))
                    .clientGrant("web", List.of("admin/*"))
                    .build();
            List<String> requested = List.of(
                    "openid",
                    "email",
                    "phone",
                    "profile",
                    "aws.cognito.signin.user.admin",
                    "admin/read",
                    "other-api/orders.read");

            // when
            ScopeDecision decision = policy.decide("unknown-client", List.of("ADMINS"), requested);

            // then
            assertThat(decision.isUnchanged()).isTrue();
            assertThat(decision.tokenScopes())
                    .containsExactly(
                            "admin/read",
                            "aws.cognito.signin.user.admin",
                            "email",
                            "openid",
                            "other-api/orders.read",
                            "phone",
                            "profile");
        }
    }

    @Nested
    class DuplicatesAndNulls {

        @Test
        void listsEachScopeOnce_whenRequestedScopesRepeat() {
            ScopeDecision decision = ADMINS_AND_EVERYONE.decide(
                    "web", List.of("EVERYONE"), List.of("admin/*", "openid", "admin/*", "openid"));

            assertThat(decision.scopesToSuppress()).containsExactly("admin/*");
            assertThat(decision.tokenScopes()).containsExactly("everyone/*", "openid");
        }

        @Test
        void listsEachScopeOnce_whenGroupsRepeatOrShareScopes() {
            ScopePolicy policy = ScopePolicy.builder()
                    .group("A", List.of("api/read", "api/write"))
                    .group("B", List.of("api/read", "api/read"))
                    .build();

            ScopeDecision decision = policy.decide("web", List.of("B", "A", "B", "A"), List.of());

            assertThat(decision.scopesToAdd()).containsExactly("api/read", "api/write");
        }

        @Test
        void treatsNullArgumentsAsEmpty() {
            ScopeDecision decision = ADMINS_AND_EVERYONE.decide(null, null, null);

            assertThat(decision.isUnchanged()).isTrue();
            assertThat(decision.tokenScopes()).isEmpty();
        }

        @Test
        void skipsNullElements() {
            List<String> groups = Arrays.asList(null, "EVERYONE", null);
            List<String> requested = Arrays.asList("admin/*", null);

            ScopeDecision decision = ADMINS_AND_EVERYONE.decide("web", groups, requested);

            assertThat(decision.scopesToAdd()).containsExactly("everyone/*");
            assertThat(decision.scopesToSuppress()).containsExactly("admin/*");
            assertThat(decision.tokenScopes()).containsExactly("everyone/*");
        }
    }

    @Nested
    class Decision {

        @Test
        void tokenScopesAreRequestedMinusSuppressedPlusAdded_sortedWithoutDuplicates() {
            ScopeDecision decision = ADMINS_AND_EVERYONE.decide(
                    "web", List.of("EVERYONE"), List.of("profile", "admin/*", "openid", "profile"));

            assertThat(decision.tokenScopes()).containsExactly("everyone/*", "openid", "profile");
        }

        @Test
        void returnsImmutableLists() {
            ScopeDecision decision = ADMINS_AND_EVERYONE.decide("web", List.of("EVERYONE"), List.of("admin/*"));

            assertThatThrownBy(() -> decision.scopesToAdd().add("x/y"))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> decision.scopesToSuppress().clear())
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> decision.tokenScopes().add("x/y"))
                    .isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void isUnchanged_onlyWhenNothingIsAddedOrSuppressed() {
            assertThat(ADMINS_AND_EVERYONE
                            .decide("web", List.of(), List.of("openid"))
                            .isUnchanged())
                    .isTrue();
            assertThat(ADMINS_AND_EVERYONE
                            .decide("web", List.of("ADMINS"), List.of())
                            .isUnchanged())
                    .isFalse();
            assertThat(ADMINS_AND_EVERYONE
                            .decide("web", List.of(), List.of("admin/*"))
                            .isUnchanged())
                    .isFalse();
        }

        @Test
        void equalsAnotherDecision_withSameRequestedAddedAndSuppressedScopes() {
            ScopeDecision first = ADMINS_AND_EVERYONE.decide("a", List.of("EVERYONE"), List.of("admin/*", "openid"));
            ScopeDecision same =
                    ADMINS_AND_EVERYONE.decide("b", List.of("EVERYONE", "EVERYONE"), List.of("openid", "admin/*"));
            ScopeDecision otherRequest = ADMINS_AND_EVERYONE.decide("a", List.of("EVERYONE"), List.of("admin/*"));

            assertThat(first).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(otherRequest);
            assertThat(first).isNotEqualTo("ScopeDecision");
        }

        @Test
        void describesAddedAndSuppressedScopes() {
            ScopeDecision decision = ADMINS_AND_EVERYONE.decide("web", List.of("EVERYONE"), List.of("admin/*"));

            assertThat(decision).hasToString("ScopeDecision{add=[everyone/*], suppress=[admin/*]}");
        }

        @Test
        void entitledScopesIgnoreWhatWasRequested() {
            assertThat(ADMINS_AND_EVERYONE.entitledScopes("web", List.of("EVERYONE", "ADMINS")))
                    .containsExactly("admin/*", "everyone/*");
        }
    }

    @Nested
    class Immutability {

        @Test
        void keepsItsOwnCopies_whenCallerChangesTheCollectionsItBuiltFrom() {
            // given
            List<String> scopes = new ArrayList<>(List.of("admin/*"));
            Map<String, List<String>> groups = new HashMap<>(Map.of("ADMINS", scopes));
            ScopePolicy policy = ScopePolicy.builder().groupScopes(groups).build();

            // when
            scopes.add("admin/write");
            groups.put("OTHERS", List.of("others/*"));

            // then
            assertThat(policy.groupScopes()).isEqualTo(Map.of("ADMINS", Set.of("admin/*")));
            assertThat(policy.managedScopes()).containsExactly("admin/*");
        }

        @Test
        void exposesUnmodifiableViews() {
            assertThatThrownBy(() -> ADMINS_AND_EVERYONE.managedScopes().add("x/y"))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() ->
                            ADMINS_AND_EVERYONE.groupScopes().get("ADMINS").add("x/y"))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> ADMINS_AND_EVERYONE
                            .entitledScopes("web", List.of("ADMINS"))
                            .add("x/y"))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    class BuilderValidation {

        @ParameterizedTest
        @NullAndEmptySource
        void rejectsEmptyGroupName(String group) {
            assertThatThrownBy(() -> ScopePolicy.builder().group(group, List.of("admin/*")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a group name is empty; give every group a name");
        }

        static Stream<Arguments> groupNamesWithWhitespaceOrControlCharacter() {
            return Stream.of(
                    Arguments.of("MY ADMINS", "MY ADMINS"),
                    Arguments.of("ADMINS\t", "ADMINS\\u0009"),
                    Arguments.of("\nADMINS", "\\u000AADMINS"),
                    Arguments.of("AD\u0007MINS", "AD\\u0007MINS"),
                    Arguments.of("ADMINS\u2003", "ADMINS\\u2003"));
        }

        @ParameterizedTest
        @MethodSource("groupNamesWithWhitespaceOrControlCharacter")
        void rejectsGroupName_withWhitespaceOrControlCharacter_quotingItEscaped(String group, String quoted) {
            assertThatThrownBy(() -> ScopePolicy.builder().group(group, List.of("admin/*")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("group name '" + quoted + "' contains whitespace or a control character; group names"
                            + " may contain letters, marks, symbols, numbers and punctuation only");
        }

        @Test
        void acceptsGroupName_withPunctuationSymbolsAndLetters() {
            ScopePolicy policy = ScopePolicy.builder()
                    .group("Admins-é_ü.+@:ß", List.of("admin/*"))
                    .build();

            assertThat(policy.groupScopes()).containsOnlyKeys("Admins-é_ü.+@:ß");
        }

        @ParameterizedTest
        @NullAndEmptySource
        void rejectsGroupWithoutScopes(List<String> scopes) {
            assertThatThrownBy(() -> ScopePolicy.builder().group("ADMINS", scopes))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("group 'ADMINS' has no scopes; give each group at least one scope");
        }

        @Test
        void rejectsGroupWithoutScopes_givenThroughGroupScopesMap() {
            Map<String, List<String>> groups = new HashMap<>();
            groups.put("ADMINS", null);

            assertThatThrownBy(() -> ScopePolicy.builder().groupScopes(groups))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("group 'ADMINS' has no scopes; give each group at least one scope");
        }

        @Test
        void rejectsEmptyScope() {
            assertThatThrownBy(() -> ScopePolicy.builder().group("ADMINS", List.of("")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("scope '' is empty; write scopes as 'identifier/scopeName'");
        }

        @Test
        void rejectsNullScope() {
            assertThatThrownBy(() -> ScopePolicy.builder().defaultScopes(Arrays.asList("admin/*", null)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("scope 'null' is empty; write scopes as 'identifier/scopeName'");
        }

        static Stream<Arguments> scopesWithWhitespaceControlCharacterQuoteOrBackslash() {
            return Stream.of(
                    Arguments.of("admin /*", "admin /*"),
                    Arguments.of("admin/\t*", "admin/\\u0009*"),
                    Arguments.of("admin/*\n", "admin/*\\u000A"),
                    Arguments.of("admin/\"*\"", "admin/\"*\""),
                    Arguments.of("admin\\x/read", "admin\\x/read"),
                    Arguments.of("admin/\u0000", "admin/\\u0000"));
        }

        @ParameterizedTest
        @MethodSource("scopesWithWhitespaceControlCharacterQuoteOrBackslash")
        void rejectsScope_withWhitespaceControlCharacterQuoteOrBackslash_quotingItEscaped(String scope, String quoted) {
            assertThatThrownBy(() -> ScopePolicy.builder().group("ADMINS", List.of(scope)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("scope '" + quoted + "' contains whitespace, a control character, '\"' or '\\';"
                            + " scopes may not contain them");
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "admin                    | has no '/'",
                    "/read                    | has an empty identifier",
                    "/                        | has an empty identifier",
                    "admin/                   | has an empty scope name",
                    "https://api.example.com/ | has an empty scope name"
                })
        void rejectsScope_withoutIdentifierOrName(String scope, String problem) {
            assertThatThrownBy(() -> ScopePolicy.builder().defaultScopes(List.of(scope)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("scope '" + scope + "' " + problem + "; write scopes as 'identifier/scopeName',"
                            + " e.g. 'admin/*'");
        }

        @Test
        void rejectsScopesTheConstructRefuses_becauseBothUseOneSetOfRules() {
            assertThatThrownBy(() -> ScopePolicy.builder().defaultScopes(List.of("a/" + "n".repeat(255))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageEndingWith("is 257 characters long; Cognito allows at most 256 characters in a whole"
                            + " scope 'identifier/scopeName': shorten the identifier or the scope name");
            assertThatThrownBy(() -> ScopePolicy.builder().group("G".repeat(129), List.of("a/b")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("group name '" + "G".repeat(120) + "... (9 more characters)' is 129 characters long;"
                            + " group names are 1 to 128 characters");
        }

        @Test
        void rejectsMalformedScope_inClientGrant() {
            assertThatThrownBy(() -> ScopePolicy.builder().clientGrant("web", List.of("admin")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("scope 'admin' has no '/'; write scopes as 'identifier/scopeName', e.g. 'admin/*'");
        }

        @ParameterizedTest
        @NullAndEmptySource
        void rejectsClientGrant_withEmptyClientId(String clientId) {
            assertThatThrownBy(() -> ScopePolicy.builder().clientGrant(clientId, List.of("admin/*")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("client grant has an empty client id; give the app client id");
        }

        @Test
        void rejectsClientGrant_namingScopeNoGroupOrDefaultNames() {
            ScopePolicy.Builder builder = ScopePolicy.builder()
                    .group("ADMINS", List.of("admin/*"))
                    .defaultScopes(List.of("everyone/*"))
                    .clientGrant("web", List.of("everyone/*", "other/read"));

            assertThatThrownBy(builder::build)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("client grant for 'web' names scope 'other/read', which no group or default grants;"
                            + " grant only scopes that a group or the defaults name");
        }

        @Test
        void rejectsNullCollections_withTheirNames() {
            assertThatThrownBy(() -> ScopePolicy.builder().groupScopes(null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("groupScopes");
            assertThatThrownBy(() -> ScopePolicy.builder().defaultScopes(null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("defaultScopes");
            assertThatThrownBy(() -> ScopePolicy.builder().clientGrant("web", null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("scopes");
        }
    }
}
