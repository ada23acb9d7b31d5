package io.github.scopedgroupauth.internal;

import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cognito.CfnUserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.constructs.IConstruct;

/**
 * An app client's OAuth settings as CloudFormation will see them (resolved from its L1 resource, so changes
 * made through the L1 count too), and what in them stops the construct from granting the client scopes.
 */
final class ClientSettings {

    /** The OAuth flow of machine-to-machine clients, whose tokens have no user and no group. */
    static final String CLIENT_CREDENTIALS_FLOW = "client_credentials";

    private final CfnUserPoolClient cfn;
    private final Stack stack;

    /**
     * The settings of a client's L1 resource.
     *
     * @param cfn the client's L1 resource
     */
    ClientSettings(CfnUserPoolClient cfn) {
        this.cfn = cfn;
        this.stack = Stack.of(cfn);
    }

    static ClientSettings of(UserPoolClient client) {
        return new ClientSettings((CfnUserPoolClient) client.getNode().getDefaultChild());
    }

    /** The client's stack, in which its settings are resolved. */
    Stack stack() {
        return stack;
    }

    /** The path users know the client by: its L2's, when it was defined through the L2. */
    String path() {
        IConstruct parent = cfn.getNode().getScope();
        return parent instanceof UserPoolClient
                ? parent.getNode().getPath()
                : cfn.getNode().getPath();
    }

    /**
     * What stops granting this client scopes, phrased to follow the client's name.
     *
     * @param kind what the client is granted
     * @param managedScopes every managed scope, to name them in a message
     * @return the problem, or empty
     */
    Optional<String> problem(GrantKind kind, List<String> managedScopes) {
        return oauthProblem().or(this::allowedScopesProblem).or(() -> flowsProblem(kind, managedScopes));
    }

    /**
     * What stops granting this client scopes, for a client whose allowed scopes are still the list its grant
     * set: that list is readable, and resolving it would resolve every granted scope.
     *
     * @param kind what the client is granted
     * @param managedScopes every managed scope, to name them in a message
     * @return the problem, or empty
     */
    Optional<String> problemKeepingGrantedScopes(GrantKind kind, List<String> managedScopes) {
        return oauthProblem().or(() -> flowsProblem(kind, managedScopes));
    }

    private Optional<String> oauthProblem() {
        if (Boolean.FALSE.equals(stack.resolve(cfn.getAllowedOAuthFlowsUserPoolClient()))) {
            return Optional.of("has OAuth disabled (disableOAuth); a client can only be granted scopes with OAuth"
                    + " enabled: remove disableOAuth or do not grant this client");
        }
        return Optional.empty();
    }

    private Optional<String> allowedScopesProblem() {
        if (resolvedAllowedScopes().isEmpty()) {
            return Optional.of("has allowed OAuth scopes given as a deploy-time token, a list known only at"
                    + " deployment; ScopedGroupAuth adds its scopes to a list it can read: give the client its"
                    + " scopes as plain values");
        }
        return Optional.empty();
    }

    /** A client granted every managed scope must not issue machine tokens, which carry them all. */
    private Optional<String> flowsProblem(GrantKind kind, List<String> managedScopes) {
        if (kind == GrantKind.NAMED_SCOPES) {
            return Optional.empty();
        }
        Optional<List<?>> flows = flows();
        if (flows.isEmpty()) {
            return Optional.of("has OAuth flows given as a deploy-time token, so it may use the client credentials"
                    + " flow, whose machine-to-machine tokens carry every scope the client allows with no user and"
                    + " no group check: give its flows as plain values, or name the scopes its tokens may carry with"
                    + " grant(client, scopes)");
        }
        if (flows.get().contains(CLIENT_CREDENTIALS_FLOW)) {
            return Optional.of("uses the client credentials flow, so its machine-to-machine tokens carry every scope"
                    + " it allows with no user and no group check (V2_0 does not call the trigger for them, V3_0"
                    + " passes them through): granting it every managed scope " + managedScopes + " would give them"
                    + " to anyone holding its secret. Name only the scopes its machine tokens need with"
                    + " grant(client, scopes)");
        }
        return Optional.empty();
    }

    /** Whether the client issues machine-to-machine tokens; false if its flows are a deploy-time token. */
    boolean usesClientCredentials() {
        return flows().map(flows -> flows.contains(CLIENT_CREDENTIALS_FLOW)).orElse(false);
    }

    /**
     * The allowed OAuth scopes, each resolved: literal scopes as strings, scopes bound to a resource server as
     * the expression CloudFormation joins.
     *
     * @return the resolved entries, or empty if the list itself is a deploy-time token
     */
    Optional<List<?>> resolvedAllowedScopes() {
        Object scopes = stack.resolve(cfn.getAllowedOAuthScopes());
        if (scopes == null) {
            return Optional.of(List.of());
        }
        return scopes instanceof List ? Optional.of((List<?>) scopes) : Optional.empty();
    }

    /** The flows, or empty if they (or one of them) are a deploy-time token. */
    private Optional<List<?>> flows() {
        Object flows = stack.resolve(cfn.getAllowedOAuthFlows());
        if (flows == null) {
            return Optional.of(List.of());
        }
        if (!(flows instanceof List) || ((List<?>) flows).stream().anyMatch(flow -> !(flow instanceof String))) {
            return Optional.empty();
        }
        return Optional.of((List<?>) flows);
    }
}
