package io.github.scopedgroupauth.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.StringJoiner;
import java.util.TreeSet;
import software.amazon.awscdk.Lazy;
import software.amazon.awscdk.services.cognito.CfnUserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClient;

/**
 * The app clients granted managed scopes, and what each grant makes of the client's allowed OAuth scopes and
 * of the function's {@code SCOPED_GROUP_AUTH_CLIENTS} variable. Both are resolved lazily, so grants made
 * after the construct still reach the template.
 */
public final class ClientGrants {

    /** Cognito's fixed limit on a client's allowed OAuth scopes. */
    static final int MAX_SCOPES_PER_CLIENT = 50;
    /** The length of the app client ids Cognito generates, to estimate the variable before deployment. */
    static final int CLIENT_ID_LENGTH = 26;

    private final List<String> managedScopes;
    private final Map<String, Grant> grantsByPath = new LinkedHashMap<>();

    /**
     * Starts with no grants.
     *
     * @param managedScopes every managed scope in ascending order, as the policy file numbers them
     */
    public ClientGrants(SortedSet<String> managedScopes) {
        this.managedScopes = List.copyOf(managedScopes);
    }

    /**
     * Records what is wrong with granting these scopes to this client, if anything.
     *
     * @param where how to name the grant in a message, e.g. {@code "`clients` entry"}
     * @param client the app client
     * @param scopes the scopes to grant
     * @param problems where to record problems
     */
    public void check(String where, UserPoolClient client, Collection<String> scopes, Problems problems) {
        if (client == null) {
            problems.add(where + " is null; pass a UserPoolClient of the pool");
            return;
        }
        String name = "'" + client.getNode().getPath() + "'";
        CfnUserPoolClient cfn = (CfnUserPoolClient) client.getNode().getDefaultChild();
        if (Boolean.FALSE.equals(cfn.getAllowedOAuthFlowsUserPoolClient())) {
            problems.add(where + " " + name + " has OAuth disabled (disableOAuth); a client can only be granted"
                    + " scopes with OAuth enabled: remove disableOAuth or do not grant this client");
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
        Grant grant = grantsByPath.get(client.getNode().getPath());
        LinkedHashSet<String> allowed = new LinkedHashSet<>(grant == null ? originalScopes(cfn) : grant.allowed());
        allowed.addAll(scopes);
        if (allManaged && allowed.size() > MAX_SCOPES_PER_CLIENT) {
            problems.add(where + " " + name + " would allow " + allowed.size() + " OAuth scopes; Cognito allows at"
                    + " most " + MAX_SCOPES_PER_CLIENT + " per app client: grant it fewer scopes with"
                    + " grant(client, scopes)");
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
     * Whether any client is granted.
     *
     * @return true once a grant was added
     */
    public boolean any() {
        return !grantsByPath.isEmpty();
    }

    /**
     * The value of {@code SCOPED_GROUP_AUTH_CLIENTS}, resolved at synth time: {@code *} with no grants,
     * otherwise {@code clientId=numbers} entries whose client ids CloudFormation fills in.
     *
     * @return a lazy string
     */
    public String environmentValue() {
        return Lazy.uncachedString(context -> render(grant -> grant.client.getUserPoolClientId()));
    }

    /**
     * The value's length if every client id has the usual 26 characters, to check Lambda's 4 KB quota.
     *
     * @return the estimated length
     */
    public int estimatedEnvironmentLength() {
        return render(grant -> "x".repeat(CLIENT_ID_LENGTH)).length();
    }

    private String render(java.util.function.Function<Grant, String> clientId) {
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

    private static List<String> originalScopes(CfnUserPoolClient cfn) {
        List<String> scopes = cfn.getAllowedOAuthScopes();
        return scopes == null ? List.of() : List.copyOf(scopes);
    }

    /** One client's grant; the first grant takes over the client's allowed OAuth scopes. */
    private static final class Grant {

        private final UserPoolClient client;
        private final List<String> original;
        private final SortedSet<String> scopes = new TreeSet<>();

        Grant(UserPoolClient client) {
            this.client = client;
            CfnUserPoolClient cfn = (CfnUserPoolClient) client.getNode().getDefaultChild();
            this.original = originalScopes(cfn);
            cfn.setAllowedOAuthScopes(Lazy.uncachedList(context -> allowed()));
        }

        List<String> allowed() {
            List<String> allowed = new ArrayList<>(original);
            scopes.stream().filter(scope -> !original.contains(scope)).forEach(allowed::add);
            return allowed;
        }
    }
}
