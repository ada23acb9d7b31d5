package io.github.scopedgroupauth.internal;

import io.github.scopedgroupauth.runtime.policy.PolicyFormat;
import io.github.scopedgroupauth.runtime.policy.Printable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import software.amazon.awscdk.Lazy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cognito.CfnUserPoolClient;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;

/**
 * The app clients granted managed scopes, and what each grant makes of the client's allowed OAuth scopes, of
 * the function's {@code SCOPED_GROUP_AUTH_CLIENTS} variable and of the published version's description. All
 * are resolved lazily, so grants made after the construct still reach the template.
 */
public final class ClientGrants {

    /** Cognito's fixed limit on a client's allowed OAuth scopes. */
    static final int MAX_SCOPES_PER_CLIENT = 50;
    /** The length of the app client ids Cognito generates, to estimate the variable before deployment. */
    static final int CLIENT_ID_LENGTH = 26;
    /** Lambda's limit on a version description. */
    static final int MAX_VERSION_DESCRIPTION_LENGTH = 256;

    static final String VERSION_DESCRIPTION_PREFIX = "ScopedGroupAuth grants ";

    private final UserPool pool;
    private final List<String> managedScopes;
    private final PolicyFormat.Written policyFile;
    private final Function<String, Optional<String>> boundScope;
    private final Map<String, Grant> grantsByPath = new LinkedHashMap<>();

    /**
     * Starts with no grants.
     *
     * @param pool the user pool whose clients may be granted
     * @param managedScopes every managed scope in ascending order, as the policy file numbers them
     * @param policyFile the written policy file, whose tie and numbering the variable uses; null to render no
     *     variable
     * @param boundScope a managed scope as the token {@code OAuthScope.resourceServer} makes of it, once its
     *     resource server exists, so a client that already allows it that way does not list it twice
     */
    public ClientGrants(
            UserPool pool,
            Collection<String> managedScopes,
            PolicyFormat.Written policyFile,
            Function<String, Optional<String>> boundScope) {
        this.pool = pool;
        this.managedScopes = List.copyOf(managedScopes);
        this.policyFile = policyFile;
        this.boundScope = boundScope;
    }

    /**
     * Grants to check the first grant of clients before the resource servers exist: its checks cannot see
     * scopes a client allows through a resource server, and it renders no variable.
     *
     * @param pool the user pool
     * @param managedScopes every managed scope in ascending order
     * @return grants for checking only
     */
    static ClientGrants beforeResourceServers(UserPool pool, Collection<String> managedScopes) {
        return new ClientGrants(pool, managedScopes, null, scope -> Optional.empty());
    }

    /**
     * Records what is wrong with granting these scopes to this client, if anything.
     *
     * @param where how to name the grant in a message, e.g. {@code "`clients` entry"}
     * @param client the app client
     * @param scopes the scopes to grant
     * @param named whether the caller named the scopes, rather than granting every managed scope
     * @param problems where to record problems
     */
    public void check(
            String where, UserPoolClient client, Collection<String> scopes, boolean named, Problems problems) {
        if (client == null) {
            problems.add(where + " is null; pass a UserPoolClient of the pool");
            return;
        }
        String name = "'" + client.getNode().getPath() + "'";
        CfnUserPoolClient cfn = (CfnUserPoolClient) client.getNode().getDefaultChild();
        if (pool != null && !pool.getUserPoolId().equals(cfn.getUserPoolId())) {
            problems.add(where + " " + name + " belongs to another user pool; grant only clients of `userPool` "
                    + pool.getNode().getPath());
            return;
        }
        String poolStack = pool == null ? null : Stack.of(pool).getNode().getPath();
        if (poolStack != null && !poolStack.equals(Stack.of(client).getNode().getPath())) {
            problems.add(where + " " + name + " is in stack "
                    + Stack.of(client).getNode().getPath() + "; grant only"
                    + " clients defined in the user pool's stack " + poolStack + ", because the trigger's grants"
                    + " refer to the client and the pool to the trigger");
            return;
        }
        Optional<String> setting = ClientSettings.of(client).problem(!named, managedScopes);
        if (setting.isPresent()) {
            problems.add(where + " " + name + " " + setting.get());
            return;
        }
        if (scopes == null || scopes.isEmpty()) {
            problems.add(
                    where + " " + name + " is granted no scopes; name at least one managed scope: " + managedScopes);
            return;
        }
        boolean allManaged = true;
        for (String scope : scopes) {
            if (scope == null || !managedScopes.contains(scope)) {
                problems.add(where + " " + name + " names scope '" + Printable.escape(scope) + "', which no group or"
                        + " default grants; grant only managed scopes: " + managedScopes);
                allManaged = false;
            }
        }
        if (allManaged) {
            checkCount(where + " " + name, client, cfn, scopes, problems);
        }
    }

    /**
     * What became wrong with the granted clients since they were granted: OAuth settings changed through the L1
     * so that a client can no longer be granted its scopes. Makes a few calls into the CDK per granted client.
     *
     * @return one message per problem, possibly none
     */
    public List<String> lateProblemsOfGrantedClients() {
        List<String> problems = new ArrayList<>();
        grantsByPath.forEach((path, grant) -> {
            CfnUserPoolClient cfn = (CfnUserPoolClient) grant.client.getNode().getDefaultChild();
            // Still the grant's own list: no need to resolve it, which would resolve every granted scope.
            boolean ownScopes = grant.allowedScopes.equals(cfn.getAllowedOAuthScopes());
            new ClientSettings(cfn)
                    .problem(grant.everyScope, managedScopes, !ownScopes)
                    .ifPresent(problem -> problems.add("granted client '" + path + "' " + problem));
        });
        return problems;
    }

    /**
     * What is wrong with an app client of the pool that is not granted: a machine-to-machine client that allows
     * managed scopes, so its tokens would carry them with no group check.
     *
     * @param cfn an app client of the pool
     * @return one message, or none
     */
    public List<String> lateProblemsOfUngranted(CfnUserPoolClient cfn) {
        ClientSettings settings = new ClientSettings(cfn);
        String path = settings.path();
        if (grantsByPath.containsKey(path) || !settings.usesClientCredentials()) {
            return List.of();
        }
        List<String> allowed = managedScopesAllowedBy(settings);
        if (allowed.isEmpty()) {
            return List.of();
        }
        return List.of("app client '" + path + "' uses the client credentials flow and allows the managed scopes "
                + allowed + " without a grant, so its machine-to-machine tokens carry them with no user and no"
                + " group check: if that is meant, say so with auth.grant(client, scopes) (then grant every client"
                + " that should receive managed scopes), otherwise remove them from the client");
    }

    /**
     * The managed scopes a client allows, literally or bound to their resource server. A bound scope resolves
     * to a join of its server's reference and {@code /name}; only managed scopes with that name are resolved
     * to compare, so the calls into the CDK stay few however many scopes are managed.
     */
    private List<String> managedScopesAllowedBy(ClientSettings settings) {
        List<?> entries = settings.resolvedAllowedScopes().orElse(List.of());
        Stack stack = Stack.of(pool);
        SortedSet<String> allowed = new TreeSet<>();
        for (Object entry : entries) {
            if (entry instanceof String literal) {
                if (managedScopes.contains(literal)) {
                    allowed.add(literal);
                }
                continue;
            }
            String name = joinedSuffix(entry);
            for (String scope : managedScopes) {
                if (name != null && scope.endsWith(name) && !allowed.contains(scope)) {
                    boundScope
                            .apply(scope)
                            .filter(token -> entry.equals(stack.resolve(token)))
                            .ifPresent(token -> allowed.add(scope));
                }
            }
        }
        return List.copyOf(allowed);
    }

    /** The literal end of a resolved {@code Fn::Join}, such as {@code /read}, or null. */
    private static String joinedSuffix(Object entry) {
        if (entry instanceof Map<?, ?> map
                && map.get("Fn::Join") instanceof List<?> join
                && join.size() == 2
                && join.get(1) instanceof List<?> parts
                && !parts.isEmpty()
                && parts.get(parts.size() - 1) instanceof String suffix
                && suffix.startsWith("/")) {
            return suffix;
        }
        return null;
    }

    private void checkCount(
            String where, UserPoolClient client, CfnUserPoolClient cfn, Collection<String> scopes, Problems problems) {
        Grant grant = grantsByPath.get(client.getNode().getPath());
        SortedSet<String> granted = new TreeSet<>(scopes);
        // After a first grant the client's scopes are our lazy list; its own scopes are kept in the grant.
        List<String> original = grant == null ? originalScopes(cfn) : grant.original;
        if (grant != null) {
            granted.addAll(grant.scopes);
        }
        int allowed = allowedScopes(client, original, granted).size();
        if (allowed > MAX_SCOPES_PER_CLIENT) {
            problems.add(where + " would allow " + allowed + " OAuth scopes; Cognito allows at most "
                    + MAX_SCOPES_PER_CLIENT + " per app client: grant it fewer scopes with grant(client, scopes)");
        }
    }

    /**
     * Grants scopes that {@link #check} accepted, adding them to the client's allowed OAuth scopes.
     *
     * @param client the app client
     * @param scopes managed scopes
     * @param named whether the caller named the scopes, rather than granting every managed scope
     */
    public void add(UserPoolClient client, Collection<String> scopes, boolean named) {
        Grant grant = grantsByPath.computeIfAbsent(client.getNode().getPath(), path -> new Grant(client));
        grant.scopes.addAll(scopes);
        grant.everyScope |= !named;
    }

    /**
     * The scopes granted to each client so far.
     *
     * @return client construct path to its granted scopes, in the order of the first grants; empty when no
     *     client is granted
     */
    public Map<String, SortedSet<String>> grantedScopes() {
        Map<String, SortedSet<String>> granted = new LinkedHashMap<>();
        grantsByPath.forEach((path, grant) -> granted.put(path, new TreeSet<>(grant.scopes)));
        return granted;
    }

    /**
     * The granted clients that use the client credentials flow now, whose tokens have no user, each with the
     * managed scopes it allows: the trigger leaves their tokens as requested, so they may carry not only the
     * granted scopes but any managed scope the client lists itself, literally or bound to its resource server.
     * Makes a few calls into the CDK per granted client.
     *
     * @return client construct path to the managed scopes its machine-to-machine tokens may carry
     */
    public Map<String, SortedSet<String>> machineClientScopes() {
        Map<String, SortedSet<String>> machines = new LinkedHashMap<>();
        grantsByPath.forEach((path, grant) -> {
            ClientSettings settings = ClientSettings.of(grant.client);
            if (settings.usesClientCredentials()) {
                SortedSet<String> allowed = new TreeSet<>(grant.scopes);
                allowed.addAll(managedScopesAllowedBy(settings));
                machines.put(path, allowed);
            }
        });
        return machines;
    }

    /**
     * The value of {@code SCOPED_GROUP_AUTH_CLIENTS}, resolved at synth time: the policy file's tie and a
     * {@code :}, then {@code *} with no grants, otherwise {@code clientId=numbers} entries whose client ids
     * CloudFormation fills in.
     *
     * @return a lazy string
     */
    public String environmentValue() {
        return Lazy.uncachedString(context ->
                PolicyFormat.variable(policyFile.tie(), entries(grant -> grant.client.getUserPoolClientId())));
    }

    /**
     * A description for the published version that changes whenever a granted client's id changes. Lambda
     * publishes a version only when CloudFormation replaces the version resource, which a new description
     * does; a client replaced under the same logical id changes the variable but not the version's hash.
     *
     * @return a lazy string of at most 256 characters once deployed, if client ids have the usual length
     */
    public String versionDescription() {
        return Lazy.uncachedString(context -> versionDescriptionFits()
                ? VERSION_DESCRIPTION_PREFIX + PolicyFormat.grants(entries(grant -> grant.client.getUserPoolClientId()))
                : VERSION_DESCRIPTION_PREFIX + "to " + grantsByPath.size() + " clients");
    }

    /**
     * Whether {@link #versionDescription()} can name every client id within Lambda's limit.
     *
     * @return true if it can
     */
    public boolean versionDescriptionFits() {
        return VERSION_DESCRIPTION_PREFIX.length() + estimatedGrantsLength() <= MAX_VERSION_DESCRIPTION_LENGTH;
    }

    /**
     * The value's length if every client id has the usual 26 characters, to check Lambda's 4 KB quota.
     *
     * @return the estimated length
     */
    public int estimatedEnvironmentLength() {
        return policyFile.tie().length() + 1 + estimatedGrantsLength();
    }

    private int estimatedGrantsLength() {
        return PolicyFormat.grants(entries(grant -> "x".repeat(CLIENT_ID_LENGTH)))
                .length();
    }

    private List<String> entries(Function<Grant, String> clientId) {
        List<String> entries = new ArrayList<>();
        grantsByPath.values().forEach(grant -> entries.add(policyFile.entry(clientId.apply(grant), grant.scopes)));
        return entries;
    }

    /**
     * The client's own scopes, then each granted scope it does not already allow, literally or as a token. Calls
     * into the CDK only for a client whose own scopes include tokens: a literal scope resolves to itself, and
     * the construct's own bound token of a scope is the same string each time it is asked for.
     */
    private List<String> allowedScopes(UserPoolClient client, List<String> original, Collection<String> granted) {
        Stack stack = Stack.of(client);
        boolean tokens = original.stream().anyMatch(ScopePlan::mayBeToken);
        Set<Object> present = new HashSet<>();
        original.forEach(scope -> present.add(ScopePlan.mayBeToken(scope) ? stack.resolve(scope) : scope));
        List<String> allowed = new ArrayList<>(original);
        for (String scope : granted) {
            Optional<String> token = boundScope.apply(scope);
            boolean bound = token.isPresent()
                    && (original.contains(token.get()) || tokens && present.contains(stack.resolve(token.get())));
            if (!present.contains(scope) && !bound) {
                allowed.add(scope);
            }
        }
        return allowed;
    }

    private static List<String> originalScopes(CfnUserPoolClient cfn) {
        List<String> scopes = cfn.getAllowedOAuthScopes();
        return scopes == null ? List.of() : List.copyOf(scopes);
    }

    /** One client's grant; the first grant takes over the client's allowed OAuth scopes. */
    private final class Grant {

        private final UserPoolClient client;
        private final List<String> original;
        // The lazy list the grant set as the client's allowed scopes.
        private final List<String> allowedScopes;
        private final SortedSet<String> scopes = new TreeSet<>();
        // Whether the client was ever granted every scope without naming them, which machine clients may not be.
        private boolean everyScope;

        Grant(UserPoolClient client) {
            this.client = client;
            CfnUserPoolClient cfn = (CfnUserPoolClient) client.getNode().getDefaultChild();
            this.original = originalScopes(cfn);
            this.allowedScopes = Lazy.uncachedList(context -> allowedScopes(client, original, scopes));
            cfn.setAllowedOAuthScopes(allowedScopes);
        }
    }
}
