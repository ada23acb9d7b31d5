package io.github.scopedgroupauth.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import software.amazon.awscdk.services.cognito.CfnUserPoolClient;

/**
 * The managed scopes in the tokens of app clients with the client credentials flow. Their tokens have no user,
 * and the trigger leaves them as requested (V2_0 does not call it for them, V3_0 passes them through), so they
 * may carry any managed scope the client allows, literally or bound to its resource server: only scopes granted
 * to the client with {@code grant(client, scopes)} are meant.
 */
public final class MachineClients {

    private final ClientGrants grants;
    private final BoundScopes bound;
    private final String poolStack;

    /**
     * Reads the machine clients of these grants.
     *
     * @param grants the client grants
     * @param bound the managed scopes' bound tokens
     * @param poolStack the construct path of the user pool's stack, the only stack whose clients can be granted
     */
    public MachineClients(ClientGrants grants, BoundScopes bound, String poolStack) {
        this.grants = grants;
        this.bound = bound;
        this.poolStack = poolStack;
    }

    /**
     * The granted clients that use the client credentials flow now, each with the managed scopes its tokens may
     * carry: its granted scopes and any managed scope it allows itself. Makes a few calls into the CDK per
     * granted client.
     *
     * @return client construct path to those scopes, in the order of the first grants
     */
    public Map<String, SortedSet<String>> scopes() {
        Map<String, SortedSet<String>> machines = new LinkedHashMap<>();
        for (ClientGrants.Grant grant : grants.grants()) {
            ClientSettings settings = ClientSettings.of(grant.client());
            if (settings.usesClientCredentials()) {
                SortedSet<String> allowed = grant.scopes();
                allowed.addAll(managedScopesAllowedBy(settings));
                machines.put(grant.client().getNode().getPath(), allowed);
            }
        }
        return machines;
    }

    /**
     * What is wrong with the granted machine clients: managed scopes they allow beyond their grants.
     *
     * @return one message per client, possibly none
     */
    public List<String> problemsOfGranted() {
        List<String> problems = new ArrayList<>();
        for (ClientGrants.Grant grant : grants.grants()) {
            ClientSettings settings = ClientSettings.of(grant.client());
            if (settings.usesClientCredentials()) {
                SortedSet<String> beyond = managedScopesAllowedBy(settings);
                beyond.removeAll(grant.scopes());
                if (!beyond.isEmpty()) {
                    problems.add("app client '" + settings.path() + "' uses the client credentials flow and allows the"
                            + " managed scopes " + beyond + " beyond its grant " + grant.scopes() + ", so its"
                            + " machine-to-machine tokens carry them with no user and no group check: if that is"
                            + " meant, add them to its grant with auth.grant(client, scopes), otherwise remove them"
                            + " from the client");
                }
            }
        }
        return problems;
    }

    /**
     * What is wrong with an app client of the pool that is not granted: a machine client that allows managed
     * scopes, so its tokens would carry them with no group check.
     *
     * @param cfn an app client of the pool, in any stack of the app
     * @return one message, or none
     */
    public List<String> problemsOfUngranted(CfnUserPoolClient cfn) {
        ClientSettings settings = new ClientSettings(cfn);
        String path = settings.path();
        if (grants.isGranted(path) || !settings.usesClientCredentials()) {
            return List.of();
        }
        SortedSet<String> allowed = managedScopesAllowedBy(settings);
        if (allowed.isEmpty()) {
            return List.of();
        }
        String problem = "app client '" + path + "' uses the client credentials flow and allows the managed scopes "
                + allowed + " without a grant, so its machine-to-machine tokens carry them with no user and no"
                + " group check: ";
        String stack = settings.stack().getNode().getPath();
        // grant refuses a client of another stack, nested ones included: saying "grant it" would lead nowhere.
        return List.of(
                stack.equals(poolStack)
                        ? problem + "if that is meant, say so with auth.grant(client, scopes) (then grant every client"
                                + " that should receive managed scopes), otherwise remove them from the client"
                        : problem + "remove them from the client, or, if that is meant, define the client in the user"
                                + " pool's stack " + poolStack + " instead of " + stack + " and grant them with"
                                + " auth.grant(client, scopes)");
    }

    /** The managed scopes a client allows; none if its allowed scopes are a deploy-time list. */
    private SortedSet<String> managedScopesAllowedBy(ClientSettings settings) {
        return settings.resolvedAllowedScopes()
                .map(scopes -> bound.managedAmong(settings.stack(), scopes))
                .orElseGet(TreeSet::new);
    }
}
