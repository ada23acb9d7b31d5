package io.github.scopedgroupauth;

import io.github.scopedgroupauth.internal.ScopeMatrixText;
import io.github.scopedgroupauth.runtime.ScopePolicy;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which managed scopes an access token carries, for each app client and each group: what a pull request that
 * widens access changes, in a form a reviewer can read. {@link ScopedGroupAuth} writes it into the cloud
 * assembly at every synthesis, as Markdown and as JSON.
 *
 * <p>Clients are named by their construct path, since their ids exist only once deployed. A user in several
 * groups gets the union of those groups' scopes; a user in no group gets the default scopes. When no client is
 * granted, every client of the pool may carry every managed scope, and the matrix has one client,
 * {@value #ANY_CLIENT}. Clients with the client credentials flow have no users and so no groups, and the
 * trigger leaves their tokens as requested: they may carry every managed scope the client allows, those granted
 * to it and any it lists itself, listed apart.
 *
 * <p>The scopes are decided by the same {@link ScopePolicy} as the function's, whatever scopes were requested.
 * Unmanaged scopes, such as {@code openid}, are left out: the trigger never changes them. Instances are
 * immutable; every list is sorted.
 *
 * <pre>{@code
 * ScopeMatrix matrix = auth.scopeMatrix();
 * matrix.scopes("MyStack/UserPool/WebClient", "ADMINS"); // [admin/*]
 * }</pre>
 */
public final class ScopeMatrix {

    /** The one client of a matrix without grants: every app client of the pool. */
    public static final String ANY_CLIENT = ScopeMatrixText.ANY_CLIENT;

    private final String constructPath;
    private final ScopeMatrixText.Template template;
    private final List<String> groups;
    private final SortedMap<String, SortedMap<String, List<String>>> userScopes;
    private final SortedMap<String, List<String>> noGroupScopes;
    private final SortedMap<String, List<String>> machineScopes;

    private ScopeMatrix(
            String constructPath,
            ScopeMatrixText.Template template,
            List<String> groups,
            SortedMap<String, SortedMap<String, List<String>>> userScopes,
            SortedMap<String, List<String>> noGroupScopes,
            SortedMap<String, List<String>> machineScopes) {
        this.constructPath = constructPath;
        this.template = template;
        this.groups = groups;
        this.userScopes = userScopes;
        this.noGroupScopes = noGroupScopes;
        this.machineScopes = machineScopes;
    }

    /**
     * Decides the matrix with the function's policy.
     *
     * @param constructPath the path of the {@link ScopedGroupAuth} construct
     * @param template what identifies the template of the construct's stack
     * @param groupScopes group name to its scopes
     * @param defaultScopes the scopes of every signed-in user
     * @param grants granted client path to its granted scopes; empty when no client is granted
     * @param machineClients the granted clients that use the client credentials flow, each with the managed
     *     scopes it allows
     * @return the matrix
     */
    static ScopeMatrix of(
            String constructPath,
            ScopeMatrixText.Template template,
            SortedMap<String, SortedSet<String>> groupScopes,
            SortedSet<String> defaultScopes,
            Map<String, SortedSet<String>> grants,
            Map<String, ? extends Collection<String>> machineClients) {
        ScopePolicy.Builder builder =
                ScopePolicy.builder().groupScopes(groupScopes).defaultScopes(defaultScopes);
        grants.forEach(builder::clientGrant);
        ScopePolicy policy = builder.build();
        SortedMap<String, SortedMap<String, List<String>>> users = new TreeMap<>();
        SortedMap<String, List<String>> noGroup = new TreeMap<>();
        SortedMap<String, List<String>> machines = new TreeMap<>();
        for (String client : grants.isEmpty() ? List.of(ANY_CLIENT) : grants.keySet()) {
            if (machineClients.containsKey(client)) {
                machines.put(client, List.copyOf(new TreeSet<>(machineClients.get(client))));
                continue;
            }
            SortedMap<String, List<String>> row = new TreeMap<>();
            groupScopes.keySet().forEach(group -> row.put(group, entitled(policy, client, List.of(group))));
            users.put(client, Collections.unmodifiableSortedMap(row));
            noGroup.put(client, entitled(policy, client, List.of()));
        }
        return new ScopeMatrix(
                constructPath,
                template,
                List.copyOf(groupScopes.keySet()),
                Collections.unmodifiableSortedMap(users),
                Collections.unmodifiableSortedMap(noGroup),
                Collections.unmodifiableSortedMap(machines));
    }

    private static List<String> entitled(ScopePolicy policy, String client, List<String> groups) {
        // Without grants the policy ignores the client id; the placeholder only has to be non-null.
        return List.copyOf(policy.entitledScopes(client, groups));
    }

    /**
     * The path of the construct whose matrix this is.
     *
     * @return the construct path
     */
    public String getConstructPath() {
        return constructPath;
    }

    /**
     * The groups, in the order of the table.
     *
     * @return sorted group names
     */
    public List<String> getGroups() {
        return groups;
    }

    /**
     * The clients whose users sign in: the granted clients without the client credentials flow, or
     * {@value #ANY_CLIENT} when no client is granted.
     *
     * @return sorted construct paths
     */
    public List<String> getClients() {
        return List.copyOf(userScopes.keySet());
    }

    /**
     * The granted clients with the client credentials flow.
     *
     * @return sorted construct paths, possibly none
     */
    public List<String> getMachineClients() {
        return List.copyOf(machineScopes.keySet());
    }

    /**
     * The managed scopes in the access token of a member of a group who signs in through a client.
     *
     * @param client a construct path of {@link #getClients()}
     * @param group a group of {@link #getGroups()}
     * @return sorted scopes, possibly none
     * @throws IllegalArgumentException if the client or group is not in the matrix
     */
    public List<String> scopes(String client, String group) {
        List<String> scopes = row(client).get(group);
        if (scopes == null) {
            throw new IllegalArgumentException(
                    "group '" + group + "' is not in the scope matrix; its groups: " + groups);
        }
        return scopes;
    }

    /**
     * The managed scopes in the access token of a user in no group who signs in through a client: the default
     * scopes the client may carry.
     *
     * @param client a construct path of {@link #getClients()}
     * @return sorted scopes, possibly none
     * @throws IllegalArgumentException if the client is not in the matrix
     */
    public List<String> scopesWithoutGroup(String client) {
        row(client);
        return noGroupScopes.get(client);
    }

    /**
     * The managed scopes a client credentials client's tokens may carry, with no user and no group check: those
     * granted to it, and any other managed scope the client allows itself.
     *
     * @param client a construct path of {@link #getMachineClients()}
     * @return sorted scopes
     * @throws IllegalArgumentException if the client is not a machine client of the matrix
     */
    public List<String> machineScopes(String client) {
        List<String> scopes = machineScopes.get(client);
        if (scopes == null) {
            throw new IllegalArgumentException("'" + client + "' is not a client credentials client of the scope"
                    + " matrix; its machine clients: " + machineScopes.keySet());
        }
        return scopes;
    }

    private SortedMap<String, List<String>> row(String client) {
        SortedMap<String, List<String>> row = userScopes.get(client);
        if (row == null) {
            throw new IllegalArgumentException("client '" + client + "' is not in the scope matrix; its clients: "
                    + userScopes.keySet() + (machineScopes.containsKey(client) ? " (it is a machine client)" : ""));
        }
        return row;
    }

    /**
     * The matrix as a Markdown document: one row per group, one column per client, and a table of the machine
     * clients. The text depends only on the matrix, so the same configuration always gives the same bytes.
     *
     * @return Markdown text ending with a line break
     */
    public String toMarkdown() {
        return ScopeMatrixText.markdown(table());
    }

    /**
     * The matrix as a JSON document with sorted lists, one value per line, and, under {@code template}, what
     * identifies the template of the construct's stack that it describes: the stack's artifact id, the
     * template's file name, the hash of the function code asset (in the template as the function's
     * {@code Code.S3Key}, {@code <hash>.zip} with the CDK's default synthesizer) and the policy file's tie (how
     * the function's {@code SCOPED_GROUP_AUTH_CLIENTS} starts, before a {@code :}).
     *
     * @return JSON text ending with a line break
     */
    public String toJson() {
        return ScopeMatrixText.json(table());
    }

    private ScopeMatrixText.Table table() {
        return new ScopeMatrixText.Table(constructPath, template, groups, userScopes, noGroupScopes, machineScopes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScopeMatrix matrix
                && constructPath.equals(matrix.constructPath)
                && template.equals(matrix.template)
                && groups.equals(matrix.groups)
                && userScopes.equals(matrix.userScopes)
                && noGroupScopes.equals(matrix.noGroupScopes)
                && machineScopes.equals(matrix.machineScopes);
    }

    @Override
    public int hashCode() {
        return userScopes.hashCode() * 31 + machineScopes.hashCode();
    }

    @Override
    public String toString() {
        return toMarkdown();
    }
}
