package io.github.scopedgroupauth.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.services.cognito.CfnUserPoolClient;
import software.amazon.awscdk.services.cognito.UserPool;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The checks that can only run at synth time, because the app may change the pool after the construct:
 * a V1_0 pre token trigger, or a group or resource server defined a second time, would otherwise fail only
 * in CloudFormation; late grants could push the client variable past Lambda's environment quota; a granted
 * client's OAuth settings may be changed through its L1; and a machine-to-machine client of the pool, in any
 * stack of the app, may allow managed scopes beyond its grant or without one. The checks only report: what the
 * construct writes at synthesis is {@link SynthReports}'s.
 */
public final class LateChecks {

    /** Lambda allows 4 KB of environment variables in all; leave room for the others. */
    static final int MAX_CLIENTS_VARIABLE_LENGTH = 3_500;

    private final Construct construct;
    private final UserPool pool;
    private final ScopePlan plan;
    private final Grants grants;
    private final Map<String, Integer> groupDefinitions = new LinkedHashMap<>();
    private final Map<String, Integer> resourceServerDefinitions = new LinkedHashMap<>();
    private final List<CfnUserPoolClient> earlierMachineClients = new ArrayList<>();
    private Set<IConstruct> known = Set.of();

    /**
     * Prepares the checks, counting the definitions the pool has once the construct has defined its own.
     *
     * @param construct the ScopedGroupAuth construct
     * @param config the validated configuration, with what the app had defined before the construct
     * @param grants the client grants
     */
    public LateChecks(Construct construct, Configuration config, Grants grants) {
        this.construct = construct;
        this.pool = config.userPool();
        this.plan = config.plan();
        this.grants = grants;
        PoolInspection before = config.pool();
        plan.groupScopes()
                .keySet()
                .forEach(name -> groupDefinitions.put(
                        name,
                        before.groupDefinitions(name)
                                + (config.createGroups()
                                                && before.existingGroup(name).isEmpty()
                                        ? 1
                                        : 0)));
        plan.scopeNamesByIdentifier()
                .keySet()
                .forEach(id -> resourceServerDefinitions.put(
                        id,
                        before.resourceServerDefinitions(id)
                                + (before.existingResourceServer(id).isEmpty() ? 1 : 0)));
    }

    /**
     * Registers the checks as a validation of the construct. Call it last in the construct's constructor: the
     * constructs of the app at that moment are known, and only those added later are inspected at synthesis.
     * Inside one jsii callback, such as a validation, every call into the CDK deepens the jsii kernel's stack,
     * so the checks make a bounded number of calls rather than one for each construct of a large app.
     *
     * @param whenValid problems found at synthesis outside the checks, such as a report that could not be
     *     written, reported when the checks found none
     */
    public void register(Supplier<List<String>> whenValid) {
        List<IConstruct> app = Stage.of(pool).getNode().findAll();
        known = identitySet(app);
        // Machine clients of the pool the app defined before the construct, in any of its stacks: a grant may
        // still come, so they are checked at synthesis, but they are picked out now, outside any callback.
        String poolId = pool.getUserPoolId();
        app.stream()
                .filter(CfnUserPoolClient.class::isInstance)
                .map(CfnUserPoolClient.class::cast)
                .filter(client -> poolId.equals(client.getUserPoolId()))
                .filter(client -> new ClientSettings(client).usesClientCredentials())
                .forEach(earlierMachineClients::add);
        construct.getNode().addValidation(() -> {
            List<String> problems = problems();
            return problems.isEmpty() ? whenValid.get() : problems;
        });
    }

    private static Set<IConstruct> identitySet(List<IConstruct> constructs) {
        Set<IConstruct> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(constructs);
        return set;
    }

    /**
     * What is wrong with the app at synthesis. Makes a bounded number of calls into the CDK: a few, and a few
     * per app client and per group or resource server added to the pool after the construct.
     *
     * @return one message per problem, possibly none
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        PoolInspection added = added();
        added.existingPreTokenTrigger()
                .filter("preTokenGeneration"::equals)
                .ifPresent(trigger -> problems.add("`userPool` also has a V1_0 pre token generation trigger"
                        + " (preTokenGeneration) beside ScopedGroupAuth's; a pool runs only one: remove it"));
        int length = grants.variable().estimatedLength();
        if (length > MAX_CLIENTS_VARIABLE_LENGTH) {
            problems.add("the client grants need about " + length + " characters of environment, more than the "
                    + MAX_CLIENTS_VARIABLE_LENGTH + " that fit Lambda's 4 KB quota: grant fewer clients, or none"
                    + " (then every client of the pool may receive managed scopes)");
        }
        groupDefinitions.forEach((name, count) -> {
            if (count + added.groupDefinitions(name) > 1) {
                problems.add("group '" + name + "' is defined twice on the user pool; define it before"
                        + " ScopedGroupAuth so that it is reused, or leave it to ScopedGroupAuth");
            }
        });
        problems.addAll(grants.checks().problemsOfGrantedClients(grants.registry()));
        problems.addAll(grants.machines().problemsOfGranted());
        earlierMachineClients.forEach(
                client -> problems.addAll(grants.machines().problemsOfUngranted(client)));
        added.clients().forEach(client -> problems.addAll(grants.machines().problemsOfUngranted(client)));
        resourceServerDefinitions.forEach((id, count) -> {
            if (count + added.resourceServerDefinitions(id) > 1) {
                problems.add("resource server '" + id + "' is defined twice on the user pool; define it before"
                        + " ScopedGroupAuth so that it is reused, or leave it to ScopedGroupAuth");
            }
        });
        return problems;
    }

    /**
     * What the app added to the pool after the construct: groups and resource servers in the pool's stack, app
     * clients in any stack. Two calls into the CDK list the constructs; the rest is read only for those added.
     */
    private PoolInspection added() {
        PoolInspection added = PoolInspection.empty(pool);
        Set<IConstruct> poolStack = identitySet(Stack.of(pool).getNode().findAll());
        Stage.of(pool).getNode().findAll().stream()
                .filter(node -> !known.contains(node))
                .filter(node -> poolStack.contains(node) || node instanceof CfnUserPoolClient)
                .forEach(added::accept);
        return added;
    }
}
