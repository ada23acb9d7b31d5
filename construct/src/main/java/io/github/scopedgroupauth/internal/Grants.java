package io.github.scopedgroupauth.internal;

import io.github.scopedgroupauth.runtime.policy.PolicyFormat;
import java.util.Collection;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cognito.UserPool;

/**
 * The client grants and what is made of them: the record of grants, their checks, the machine clients' scopes,
 * the grant variable and the version description.
 *
 * @param registry the granted clients
 * @param checks the checks of a grant and of the granted clients
 * @param machines the machine clients' scopes and checks
 * @param variable the function's grant variable
 * @param description the published version's description
 */
public record Grants(
        ClientGrants registry,
        GrantChecks checks,
        MachineClients machines,
        GrantVariable variable,
        VersionDescription description) {

    /**
     * Starts with no grants.
     *
     * @param pool the user pool whose clients may be granted
     * @param managedScopes every managed scope in ascending order, as the policy file numbers them
     * @param bound the managed scopes' bound tokens
     * @param policyFile the written policy file, which the grant variable is tied to
     * @return the parts, sharing one registry
     */
    public static Grants of(
            UserPool pool, Collection<String> managedScopes, BoundScopes bound, PolicyFormat.Written policyFile) {
        List<String> managed = List.copyOf(managedScopes);
        ClientGrants registry = new ClientGrants(bound);
        GrantVariable variable = new GrantVariable(registry, policyFile);
        return new Grants(
                registry,
                new GrantChecks(pool, managed, registry::allowedScopesAfter),
                new MachineClients(registry, bound, Stack.of(pool).getNode().getPath()),
                variable,
                new VersionDescription(registry, variable));
    }
}
