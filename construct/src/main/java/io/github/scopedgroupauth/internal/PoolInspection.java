package io.github.scopedgroupauth.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cognito.CfnUserPool;
import software.amazon.awscdk.services.cognito.CfnUserPoolClient;
import software.amazon.awscdk.services.cognito.CfnUserPoolGroup;
import software.amazon.awscdk.services.cognito.CfnUserPoolResourceServer;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolResourceServer;
import software.constructs.IConstruct;

/**
 * Reads what the app has already defined on a user pool: its feature plan, its Lambda triggers, and the
 * groups and resource servers defined for it anywhere in the same stack before the inspection.
 */
public final class PoolInspection {

    /** The CloudFormation names of both pre token generation trigger settings: V1_0, and V2_0/V3_0. */
    static final List<String> PRE_TOKEN_TRIGGERS = List.of("preTokenGeneration", "preTokenGenerationConfig");

    private final UserPool pool;
    private final CfnUserPool cfnPool;
    private final String poolId;
    // Every definition, in tree order: the first is the one to reuse, a second one is a mistake.
    private final Map<String, List<CfnUserPoolGroup>> groupsByName = new HashMap<>();
    private final Map<String, List<CfnUserPoolResourceServer>> resourceServersByIdentifier = new HashMap<>();
    private final List<CfnUserPoolClient> clients = new ArrayList<>();
    private int resourcesInStack;

    /**
     * Inspects a pool, indexing the groups, resource servers and clients defined for it so far.
     *
     * @param pool the user pool
     */
    public PoolInspection(UserPool pool) {
        this(pool, true);
    }

    private PoolInspection(UserPool pool, boolean scan) {
        this.pool = pool;
        this.cfnPool = (CfnUserPool) pool.getNode().getDefaultChild();
        this.poolId = pool.getUserPoolId();
        if (scan) {
            List<IConstruct> constructs = Stack.of(pool).getNode().findAll();
            constructs.forEach(this::accept);
            this.resourcesInStack = countResources(Stack.of(pool), constructs);
        }
    }

    /**
     * An inspection that starts empty and is filled one construct at a time, for an aspect: inside one jsii
     * callback, such as a validation, every call into the CDK deepens the jsii kernel's stack, so a scan of a
     * large stack there overflows it; an aspect visits each construct in a callback of its own.
     *
     * @param pool the user pool
     * @return an empty inspection
     */
    public static PoolInspection empty(UserPool pool) {
        return new PoolInspection(pool, false);
    }

    /**
     * Indexes one construct if it is a group, resource server or app client of the pool.
     *
     * @param construct any construct of the pool's stack
     */
    public void accept(IConstruct construct) {
        if (construct instanceof CfnUserPoolGroup group) {
            String name = group.getGroupName();
            if (name != null && isOnPool(group.getUserPoolId())) {
                groupsByName.computeIfAbsent(name, key -> new ArrayList<>()).add(group);
            }
        } else if (construct instanceof CfnUserPoolClient client) {
            if (isOnPool(client.getUserPoolId())) {
                clients.add(client);
            }
        } else if (construct instanceof CfnUserPoolResourceServer server) {
            if (isOnPool(server.getUserPoolId())) {
                resourceServersByIdentifier
                        .computeIfAbsent(server.getIdentifier(), id -> new ArrayList<>())
                        .add(server);
            }
        }
    }

    /**
     * How many CloudFormation resources the pool's stack held when it was inspected (for an inspection made by
     * the constructor; 0 for an {@link #empty} one), not counting those of nested stacks.
     *
     * @return the number of resources
     */
    public int resourcesInStack() {
        return resourcesInStack;
    }

    /** Asks the CDK which stack each resource is in only when a nested stack makes it matter. */
    private static int countResources(Stack stack, List<IConstruct> constructs) {
        // findAll lists the stack itself first; any other stack below it is a nested one.
        boolean nested = constructs.stream().skip(1).anyMatch(construct -> construct instanceof Stack);
        String stackPath = nested ? stack.getNode().getPath() : null;
        return (int) constructs.stream()
                .filter(construct -> construct instanceof CfnResource)
                .filter(construct ->
                        !nested || Stack.of(construct).getNode().getPath().equals(stackPath))
                .count();
    }

    /**
     * Records a problem if the pool cannot customize access tokens or already has a pre token trigger.
     *
     * @param problems where to record problems
     */
    public void check(Problems problems) {
        if ("LITE".equals(cfnPool.getUserPoolTier())) {
            problems.add("`userPool` has feature plan LITE, which cannot customize access tokens; set its"
                    + " featurePlan to FeaturePlan.ESSENTIALS or FeaturePlan.PLUS");
        }
        existingPreTokenTrigger()
                .ifPresent(trigger -> problems.add("`userPool` already has a pre token"
                        + " generation trigger (" + trigger
                        + "); a pool has only one, and ScopedGroupAuth adds its own:"
                        + " remove the existing trigger or merge its logic into another trigger"));
    }

    /**
     * The name of the pre token generation setting the pool already has, if any, of either event version.
     * The CDK only refuses a second trigger of the same setting, so a V1_0 trigger beside ours would slip by.
     *
     * @return {@code preTokenGeneration} or {@code preTokenGenerationConfig}, or empty
     */
    public Optional<String> existingPreTokenTrigger() {
        Object config = Stack.of(pool).resolve(cfnPool.getLambdaConfig());
        if (!(config instanceof Map)) {
            return Optional.empty();
        }
        Map<?, ?> triggers = (Map<?, ?>) config;
        return PRE_TOKEN_TRIGGERS.stream()
                .filter(name -> triggers.get(name) != null)
                .findFirst();
    }

    /**
     * The app clients defined for the pool in its stack.
     *
     * @return their L1 resources, in tree order
     */
    public List<CfnUserPoolClient> clients() {
        return List.copyOf(clients);
    }

    /**
     * The group of this name already defined for the pool in its stack, if any.
     *
     * @param groupName the group name
     * @return the group's L1 resource, or empty
     */
    public Optional<CfnUserPoolGroup> existingGroup(String groupName) {
        return groupsByName.getOrDefault(groupName, List.of()).stream().findFirst();
    }

    /**
     * The resource server with this identifier already defined for the pool in its stack, if any.
     *
     * @param identifier the resource server identifier
     * @return the resource server's L1 resource, or empty
     */
    public Optional<CfnUserPoolResourceServer> existingResourceServer(String identifier) {
        return resourceServersByIdentifier.getOrDefault(identifier, List.of()).stream()
                .findFirst();
    }

    /**
     * How many groups of this name are defined for the pool in its stack.
     *
     * @param groupName the group name
     * @return the number of definitions
     */
    public int groupDefinitions(String groupName) {
        return groupsByName.getOrDefault(groupName, List.of()).size();
    }

    /**
     * How many resource servers with this identifier are defined for the pool in its stack.
     *
     * @param identifier the resource server identifier
     * @return the number of definitions
     */
    public int resourceServerDefinitions(String identifier) {
        return resourceServersByIdentifier.getOrDefault(identifier, List.of()).size();
    }

    /**
     * How many resource servers the pool will have: those the app defined and those with these identifiers.
     *
     * @param identifiers the identifiers the construct needs
     * @return the number of distinct identifiers
     */
    public int resourceServerCountWith(Set<String> identifiers) {
        Set<String> all = new HashSet<>(resourceServersByIdentifier.keySet());
        all.addAll(identifiers);
        return all.size();
    }

    /**
     * The L2 resource server that owns an L1 one, if it was defined through the L2.
     *
     * @param server the L1 resource server
     * @return the L2, or empty
     */
    public static Optional<UserPoolResourceServer> owner(CfnUserPoolResourceServer server) {
        IConstruct parent = server.getNode().getScope();
        return parent instanceof UserPoolResourceServer
                ? Optional.of((UserPoolResourceServer) parent)
                : Optional.empty();
    }

    private boolean isOnPool(String userPoolId) {
        return poolId.equals(userPoolId);
    }
}
