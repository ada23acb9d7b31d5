package io.github.scopedgroupauth.benchmarks;

import io.github.scopedgroupauth.runtime.PolicyFile;
import io.github.scopedgroupauth.runtime.ScopeDecision;
import io.github.scopedgroupauth.runtime.ScopePolicy;
import io.github.scopedgroupauth.runtime.policy.PolicyFormat;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A synthetic policy file of a given number of groups, and one user of it, shared by the benchmarks.
 *
 * <p>Each group {@code group-<i>} has two scopes drawn in turn from a pool of scopes
 * {@code https://api.example.com/rs-<k>/scope-<j>} over 100 resource-server identifiers ({@code k}) with at most
 * 100 scopes each, Cognito's limit per resource server; so 10,000 groups share 10,000 scopes. App client
 * {@value #CLIENT_ID} is granted every managed scope and a second client two of them, so the decision also
 * filters by the client's grant.
 *
 * <p>The user is in three groups spread over the policy and requests three managed scopes: one scope of each of
 * two of their groups, and one scope of {@code group-0}, which they are not in. The decision adds the four
 * other scopes of their groups and suppresses the third; {@link #checkDecision} fails the benchmark otherwise.
 * Every string handed to the benchmarks is a new instance, not the one inside the policy, as for an event that
 * Lambda deserialized.
 */
final class GeneratedPolicy {

    /** The app client the user signs in with; the client grant gives it every managed scope. */
    static final String CLIENT_ID = "4benchmark7client9id";

    private static final int RESOURCE_SERVERS = 100;
    private static final int SCOPES_PER_RESOURCE_SERVER = 100;

    private GeneratedPolicy() {}

    /**
     * The environment that grants the app clients: {@value #CLIENT_ID} every managed scope, another client
     * the first two, tied to the generated file of this many groups.
     *
     * @param groups the number of groups; at least 10
     * @param clientGrants whether to grant clients; {@code false} lets every client receive every managed scope
     * @return the environment for {@link PolicyFile#read}
     */
    static Map<String, String> environment(int groups, boolean clientGrants) {
        List<String> entries = clientGrants ? List.of(CLIENT_ID + "=*", "2other0client5id=0,1") : List.of();
        return Map.of(
                PolicyFormat.CLIENTS_VARIABLE,
                PolicyFormat.variable(written(groups).tie(), entries));
    }

    /**
     * The bytes of a policy file with this many groups, as the construct writes it.
     *
     * @param groups the number of groups; at least 10
     * @return the file's UTF-8 bytes
     */
    static byte[] file(int groups) {
        return written(groups).text().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The generated file of this many groups and its tie.
     *
     * @param groups the number of groups; at least 10
     * @return the written file
     */
    static PolicyFormat.Written written(int groups) {
        Map<String, List<String>> groupScopes = new TreeMap<>();
        for (int group = 0; group < groups; group++) {
            groupScopes.put(groupName(group), scopesOf(group, groups));
        }
        return PolicyFormat.write(groupScopes, List.of());
    }

    /**
     * Reads the generated file of this many groups.
     *
     * @param groups the number of groups; at least 10
     * @param clientGrants whether app clients are granted
     * @return the policy
     */
    static ScopePolicy policy(int groups, boolean clientGrants) {
        return PolicyFile.read(file(groups), environment(groups, clientGrants));
    }

    /**
     * The user's three groups: one near the start, one a third and one two thirds into the policy.
     *
     * @param groups the number of groups in the policy
     * @return new strings
     */
    static List<String> userGroups(int groups) {
        return List.of(groupName(1), groupName(groups / 3), groupName(2 * groups / 3));
    }

    /**
     * The three scopes the user requests: the first scope of their first two groups, and the first scope of
     * {@code group-0}, which they are not entitled to.
     *
     * @param groups the number of groups in the policy
     * @return new strings
     */
    static List<String> requestedScopes(int groups) {
        return List.of(
                scopesOf(1, groups).get(0),
                scopesOf(groups / 3, groups).get(0),
                scopesOf(0, groups).get(0));
    }

    /**
     * Fails unless the decision for the generated user adds four scopes and suppresses one, so a benchmark
     * never measures a trivial path by mistake.
     *
     * @param decision the decision for {@link #userGroups} and {@link #requestedScopes} on {@value #CLIENT_ID}
     * @throws IllegalStateException if it does not
     */
    static void checkDecision(ScopeDecision decision) {
        if (decision.scopesToAdd().size() != 4 || decision.scopesToSuppress().size() != 1) {
            throw new IllegalStateException(
                    "expected 4 scopes to add and 1 to suppress, but the decision is " + decision);
        }
    }

    private static String groupName(int group) {
        return "group-" + group;
    }

    private static List<String> scopesOf(int group, int groups) {
        int pool = Math.min(2 * groups, RESOURCE_SERVERS * SCOPES_PER_RESOURCE_SERVER);
        return List.of(scope((2 * group) % pool), scope((2 * group + 1) % pool));
    }

    private static String scope(int number) {
        return "https://api.example.com/rs-" + number % RESOURCE_SERVERS + "/scope-" + number / RESOURCE_SERVERS;
    }
}
