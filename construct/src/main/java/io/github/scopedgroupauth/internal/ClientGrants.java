package io.github.scopedgroupauth.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.StringJoiner;
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

    /** The OAuth flow of machine-to-machine clients, whose tokens have no user and no group. */
    static final String CLIENT_CREDENTIALS_FLOW = "client_credentials";

    private final UserPool pool;
    private final List<String> managedScopes;
    private final String policyTie;
    private final Function<String, Optional<String>> boundScope;
    private final Map<String, Grant> grantsByPath = new LinkedHashMap<>();

    /**
     * Starts with no grants.
     *
     * @param pool the user pool whose clients may be granted
     * @param managedScopes every managed scope in ascending order, as the policy file numbers them
     * @param policyTie the prefix of the policy file's digest that ties the variable to that file
     * @param boundScope a managed scope as the token {@code OAuthScope.resourceServer} makes of it, once its
     *     resource server exists, so a client that already allows it that way does not list it twice
     */
    public ClientGrants(UserPool pool, SortedSet<String> managedScopes, String policyTie,
            Function<String, Optional<String>> boundScope) {
        this.pool = pool;
        this.managedScopes = List.copyOf(managedScopes);
        this.policyTie = policyTie;
        this.boundScope = boundScope;
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
    public void check(String where, UserPoolClient client, Collection<String> scopes, boolean named,
            Problems problems) {
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
        if (Boolean.FALSE.equals(cfn.getAllowedOAuthFlowsUserPoolClient())) {
            problems.add(where + " " + name + " has OAuth disabled (disableOAuth); a client can only be granted"
                    + " scopes with OAuth enabled: remove disableOAuth or do not grant this client");
            return;
        }
        if (!named && usesClientCredentials(client, cfn)) {
            problems.add(where + " " + name + " uses the client credentials flow, so its machine-to-machine tokens"
                    + " carry every scope it allows with no user and no group check (V2_0 does not call the trigger"
                    + " for them, V3_0 passes them through): granting it every managed scope " + managedScopes
                    + " would give them to anyone holding its secret. Name only the scopes its machine tokens need"
                    + " with grant(client, scopes)");
            return;
        }
        if (scopes == null || scopes.isEmpty()) {
            problems.add(where + " " + name + " is granted no scopes; name at least one managed scope: "
                    + managedScopes);
            return;
        }
        boolean allManaged = true;
        for (String scope : scopes) {
            if (!managedScopes.contains(scope)) {
                problems.add(where + " " + name + " names scope '" + scope + "', which no group or default grants;"
                        + " grant only managed scopes: " + managedScopes);
                allManaged = false;
            }
        }
        if (allManaged) {
            checkCount(where + " " + name, client, cfn, scopes, problems);
        }
    }

    private static boolean usesClientCredentials(UserPoolClient client, CfnUserPoolClient cfn) {
        Object flows = Stack.of(client).resolve(cfn.getAllowedOAuthFlows());
        return flows instanceof List && ((List<?>) flows).contains(CLIENT_CREDENTIALS_FLOW);
    }

    private void checkCount(String where, UserPoolClient client, CfnUserPoolClient cfn, Collection<String> scopes,
            Problems problems) {
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
     */
    public void add(UserPoolClient client, Collection<String> scopes) {
        Grant grant = grantsByPath.computeIfAbsent(client.getNode().getPath(), path -> new Grant(client));
        grant.scopes.addAll(scopes);
    }

    /**
     * The value of {@code SCOPED_GROUP_AUTH_CLIENTS}, resolved at synth time: the policy file's tie and a
     * {@code :}, then {@code *} with no grants, otherwise {@code clientId=numbers} entries whose client ids
     * CloudFormation fills in.
     *
     * @return a lazy string
     */
    public String environmentValue() {
        return Lazy.uncachedString(context -> policyTie + ":" + render(grant -> grant.client.getUserPoolClientId()));
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
                ? VERSION_DESCRIPTION_PREFIX + render(grant -> grant.client.getUserPoolClientId())
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
        return policyTie.length() + 1 + estimatedGrantsLength();
    }

    private int estimatedGrantsLength() {
        return render(grant -> "x".repeat(CLIENT_ID_LENGTH)).length();
    }

    private String render(Function<Grant, String> clientId) {
        if (grantsByPath.isEmpty()) {
            return "*";
        }
        StringJoiner entries = new StringJoiner(";");
        for (Grant grant : grantsByPath.values()) {
            entries.add(clientId.apply(grant) + "=" + numbers(grant.scopes));
        }
        return entries.toString();
    }

    private String numbers(SortedSet<String> scopes) {
        if (scopes.size() == managedScopes.size()) {
            return "*";
        }
        StringJoiner numbers = new StringJoiner(",");
        scopes.forEach(scope -> numbers.add(Integer.toString(managedScopes.indexOf(scope))));
        return numbers.toString();
    }

    /** The client's own scopes, then each granted scope it does not already allow, literally or as a token. */
    private List<String> allowedScopes(UserPoolClient client, List<String> original, Collection<String> granted) {
        Stack stack = Stack.of(client);
        Set<Object> present = new HashSet<>();
        original.forEach(scope -> present.add(stack.resolve(scope)));
        List<String> allowed = new ArrayList<>(original);
        for (String scope : granted) {
            boolean bound = boundScope.apply(scope).map(token -> present.contains(stack.resolve(token))).orElse(false);
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
        private final SortedSet<String> scopes = new TreeSet<>();

        Grant(UserPoolClient client) {
            this.client = client;
            CfnUserPoolClient cfn = (CfnUserPoolClient) client.getNode().getDefaultChild();
            this.original = originalScopes(cfn);
            cfn.setAllowedOAuthScopes(Lazy.uncachedList(context -> allowedScopes(client, original, scopes)));
        }
    }
}
