package io.github.scopedgroupauth.internal;

import io.github.scopedgroupauth.runtime.policy.Printable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cognito.CfnUserPoolClient;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;

/**
 * What is wrong with granting managed scopes to an app client, for {@code clients} and for {@code grant}; and,
 * at synthesis, what became wrong with the granted clients since. Reads clients and changes nothing.
 */
public final class GrantChecks {

    /** Cognito's fixed limit on a client's allowed OAuth scopes. */
    static final int MAX_SCOPES_PER_CLIENT = 50;

    private final UserPool pool;
    private final List<String> managedScopes;
    private final BiFunction<UserPoolClient, Collection<String>, List<String>> allowedScopesAfter;

    /**
     * Prepares the checks.
     *
     * @param pool the user pool whose clients may be granted
     * @param managedScopes every managed scope in ascending order
     * @param allowedScopesAfter a client's allowed OAuth scopes once it is granted these scopes too
     */
    public GrantChecks(
            UserPool pool,
            List<String> managedScopes,
            BiFunction<UserPoolClient, Collection<String>, List<String>> allowedScopesAfter) {
        this.pool = pool;
        this.managedScopes = List.copyOf(managedScopes);
        this.allowedScopesAfter = allowedScopesAfter;
    }

    /**
     * Checks for a grant before the resource servers exist, when no client is granted yet: they cannot see a
     * scope a client allows through its resource server.
     *
     * @param pool the user pool
     * @param managedScopes every managed scope in ascending order
     * @return the checks
     */
    static GrantChecks beforeAnyGrant(UserPool pool, Collection<String> managedScopes) {
        return new GrantChecks(
                pool,
                List.copyOf(managedScopes),
                (client, scopes) ->
                        BoundScopes.none().allowedScopes(Stack.of(client), ClientGrants.ownScopes(client), scopes));
    }

    /**
     * What is wrong with granting these scopes to this client, if anything.
     *
     * @param where how to name the grant in a message, e.g. {@code "`clients` entry"}
     * @param client the app client
     * @param scopes the scopes to grant
     * @param kind what the grant gives
     * @return one message per problem, possibly none
     */
    public List<String> problems(String where, UserPoolClient client, Collection<String> scopes, GrantKind kind) {
        if (client == null) {
            return List.of(where + " is null; pass a UserPoolClient of the pool");
        }
        String name = where + " '" + client.getNode().getPath() + "'";
        Optional<String> placement = placementProblem(client);
        if (placement.isPresent()) {
            return List.of(name + " " + placement.get());
        }
        Optional<String> setting = ClientSettings.of(client).problem(kind, managedScopes);
        if (setting.isPresent()) {
            return List.of(name + " " + setting.get());
        }
        if (scopes == null || scopes.isEmpty()) {
            return List.of(name + " is granted no scopes; name at least one managed scope: " + managedScopes);
        }
        List<String> problems = new ArrayList<>();
        for (String scope : scopes) {
            if (scope == null || !managedScopes.contains(scope)) {
                problems.add(name + " names scope '" + Printable.escape(scope) + "', which no group or default grants;"
                        + " grant only managed scopes: " + managedScopes);
            }
        }
        if (problems.isEmpty()) {
            int allowed = allowedScopesAfter.apply(client, scopes).size();
            if (allowed > MAX_SCOPES_PER_CLIENT) {
                problems.add(name + " would allow " + allowed + " OAuth scopes; Cognito allows at most "
                        + MAX_SCOPES_PER_CLIENT + " per app client: grant it fewer scopes with grant(client, scopes)");
            }
        }
        return problems;
    }

    /** The trigger's grants refer to the client, and the pool to the trigger: the client must be in its stack. */
    private Optional<String> placementProblem(UserPoolClient client) {
        CfnUserPoolClient cfn = (CfnUserPoolClient) client.getNode().getDefaultChild();
        if (pool != null && !pool.getUserPoolId().equals(cfn.getUserPoolId())) {
            return Optional.of("belongs to another user pool; grant only clients of `userPool` "
                    + pool.getNode().getPath());
        }
        String poolStack = pool == null ? null : Stack.of(pool).getNode().getPath();
        String clientStack = Stack.of(client).getNode().getPath();
        if (poolStack != null && !poolStack.equals(clientStack)) {
            return Optional.of("is in stack " + clientStack + "; grant only clients defined in the user pool's stack "
                    + poolStack + ", because the trigger's grants refer to the client and the pool to the trigger");
        }
        return Optional.empty();
    }

    /**
     * What became wrong with the granted clients since they were granted: OAuth settings changed through the L1
     * so that a client can no longer be granted its scopes. Makes a few calls into the CDK per granted client.
     *
     * @param grants the grants
     * @return one message per problem, possibly none
     */
    public List<String> problemsOfGrantedClients(ClientGrants grants) {
        List<String> problems = new ArrayList<>();
        for (ClientGrants.Grant grant : grants.grants()) {
            ClientSettings settings = ClientSettings.of(grant.client());
            // Still the grant's own list: no need to resolve it, which would resolve every granted scope.
            Optional<String> problem = grant.keepsGrantedScopes()
                    ? settings.problemKeepingGrantedScopes(grant.kind(), managedScopes)
                    : settings.problem(grant.kind(), managedScopes);
            problem.ifPresent(text ->
                    problems.add("granted client '" + grant.client().getNode().getPath() + "' " + text));
        }
        return problems;
    }
}
