package io.github.scopedgroupauth;

import io.github.scopedgroupauth.internal.CaseCollisions;
import io.github.scopedgroupauth.internal.ClientGrants;
import io.github.scopedgroupauth.internal.FunctionCode;
import io.github.scopedgroupauth.internal.Groups;
import io.github.scopedgroupauth.internal.LateChecks;
import io.github.scopedgroupauth.internal.PolicyFileWriter;
import io.github.scopedgroupauth.internal.PoolInspection;
import io.github.scopedgroupauth.internal.Problems;
import io.github.scopedgroupauth.internal.ResourceServers;
import io.github.scopedgroupauth.internal.ScopePlan;
import io.github.scopedgroupauth.internal.ScopeString;
import io.github.scopedgroupauth.internal.StackCapacity;
import io.github.scopedgroupauth.internal.TriggerFunction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.cognito.IUserPoolGroup;
import software.amazon.awscdk.services.cognito.LambdaVersion;
import software.amazon.awscdk.services.cognito.OAuthScope;
import software.amazon.awscdk.services.cognito.ResourceServerScope;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolResourceServer;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * Puts OAuth scopes into Amazon Cognito access tokens by group membership, and takes out the ones a user is
 * not entitled to.
 *
 * <p>It defines a user pool group per group, a resource server per scope identifier with every scope,
 * the scopes as allowed OAuth scopes of the granted app clients, and an embedded Java pre token generation
 * trigger (event version V2_0 or V3_0) that adds each user's scopes and suppresses requested scopes the user's
 * groups do not grant. Suppression matters: once a client may issue {@code admin/*}, any of its users can
 * request it at the authorize endpoint, and only the trigger stops a non-admin from getting it.
 *
 * <pre>{@code
 * ScopedGroupAuth auth = ScopedGroupAuth.Builder.create(this, "Auth")
 *     .userPool(userPool)
 *     .groupScopes(Map.of("ADMINS", List.of("admin/*"), "EVERYONE", List.of("everyone/*")))
 *     .clients(List.of(webClient))
 *     .build();
 * }</pre>
 *
 * <p>Every property is validated before anything is defined, and every problem found is reported in one
 * {@link IllegalArgumentException}.
 *
 * @see <a href="https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html">
 *     Pre token generation Lambda trigger</a>
 */
public class ScopedGroupAuth extends Construct {

    static final int RESOURCE_SERVER_WARNING_THRESHOLD = 25;

    private final UserPool userPool;
    private final ScopePlan plan;
    private final ClientGrants grants;
    private final Map<String, IUserPoolGroup> groups;
    private Map<String, UserPoolResourceServer> resourceServers;
    private final TriggerFunction trigger;

    /**
     * Defines the groups, resource servers, client grants and trigger.
     *
     * @param scope the parent construct
     * @param id the construct id
     * @param props the properties; {@code userPool} and {@code groupScopes} are required
     * @throws IllegalArgumentException listing every problem with the properties or the pool
     */
    public ScopedGroupAuth(Construct scope, String id, ScopedGroupAuthProps props) {
        super(scope, id);
        if (props == null) {
            throw new IllegalArgumentException("`props` is required; pass ScopedGroupAuthProps.builder()"
                    + ".userPool(pool).groupScopes(map).build()");
        }
        Problems problems = new Problems();
        if (props.getUserPool() == null) {
            problems.add("`userPool` is required; pass the UserPool whose access tokens should carry the scopes");
        }
        this.plan = ScopePlan.of(props, problems);
        PoolInspection pool = props.getUserPool() == null ? null : new PoolInspection(props.getUserPool());
        ResourceServers servers = pool == null ? null
                : new ResourceServers(this, props.getUserPool(), pool, plan);
        if (pool != null) {
            checkSameStack(props.getUserPool(), problems);
            pool.check(problems);
            servers.check(problems);
        }
        TriggerFunction.Settings settings = settings(props, problems);
        boolean createGroups = props.getCreateGroups() == null || props.getCreateGroups();
        if (pool != null) {
            new StackCapacity(this, pool, plan, createGroups).check(problems);
        }
        PolicyFileWriter.Written policyFile = PolicyFileWriter.write(plan);
        this.grants = new ClientGrants(props.getUserPool(), plan.managedScopes(), policyFile.tie(), this::boundScope);
        List<UserPoolClient> clients = props.getClients() == null ? List.of() : props.getClients();
        // Without managed scopes there is nothing to grant; the empty map is the one problem worth reporting.
        if (!plan.managedScopes().isEmpty()) {
            clients.forEach(client -> grants.check("`clients` entry", client, plan.managedScopes(), false, problems));
        }
        problems.throwIfAny(getNode().getPath());

        this.userPool = props.getUserPool();
        this.groups = new Groups(this, userPool, pool, plan).define(createGroups);
        this.resourceServers = servers.define();
        Path code = FunctionCode.stage(this, policyFile.text());
        this.trigger = TriggerFunction.define(this, settings, code, grants.environmentValue(),
                grants.versionDescription());
        FunctionCode.removeIfCopied(trigger.function(), code);
        LambdaVersion version = props.getLambdaVersion() == null ? LambdaVersion.V2_0 : props.getLambdaVersion();
        trigger.attach(this, userPool, version);
        clients.forEach(client -> addGrant(client, plan.managedScopes(), false));
        new LateChecks(this, userPool, plan, grants).register();
        warnAboutResourceServerQuota(pool);
        CaseCollisions.warn(this, plan);
    }

    /** Builds a {@link ScopedGroupAuth} in the CDK Java manner: {@code Builder.create(scope, id)...build()}. */
    public static final class Builder {

        private final Construct scope;
        private final String id;
        private final ScopedGroupAuthProps.Builder props = ScopedGroupAuthProps.builder();

        private Builder(Construct scope, String id) {
            this.scope = scope;
            this.id = id;
        }

        /**
         * Starts a builder.
         *
         * @param scope the parent construct
         * @param id the construct id
         * @return a new builder
         */
        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id);
        }

        /**
         * Sets {@link ScopedGroupAuthProps#getUserPool()}.
         *
         * @param userPool the user pool; required
         * @return this builder
         */
        public Builder userPool(UserPool userPool) {
            props.userPool(userPool);
            return this;
        }

        /**
         * Sets {@link ScopedGroupAuthProps#getGroupScopes()}.
         *
         * @param groupScopes group name to scopes; required
         * @return this builder
         */
        public Builder groupScopes(Map<String, List<String>> groupScopes) {
            props.groupScopes(groupScopes);
            return this;
        }

        /**
         * Sets {@link ScopedGroupAuthProps#getClients()}.
         *
         * @param clients app clients to grant every managed scope
         * @return this builder
         */
        public Builder clients(List<UserPoolClient> clients) {
            props.clients(clients);
            return this;
        }

        /**
         * Sets {@link ScopedGroupAuthProps#getDefaultScopes()}.
         *
         * @param defaultScopes scopes for every signed-in user
         * @return this builder
         */
        public Builder defaultScopes(List<String> defaultScopes) {
            props.defaultScopes(defaultScopes);
            return this;
        }

        /**
         * Sets {@link ScopedGroupAuthProps#getScopeDescriptions()}.
         *
         * @param scopeDescriptions scope to description
         * @return this builder
         */
        public Builder scopeDescriptions(Map<String, String> scopeDescriptions) {
            props.scopeDescriptions(scopeDescriptions);
            return this;
        }

        /**
         * Sets {@link ScopedGroupAuthProps#getCreateGroups()}.
         *
         * @param createGroups whether to define the groups
         * @return this builder
         */
        public Builder createGroups(Boolean createGroups) {
            props.createGroups(createGroups);
            return this;
        }

        /**
         * Sets {@link ScopedGroupAuthProps#getLambdaVersion()}.
         *
         * @param lambdaVersion V2_0 or V3_0
         * @return this builder
         */
        public Builder lambdaVersion(LambdaVersion lambdaVersion) {
            props.lambdaVersion(lambdaVersion);
            return this;
        }

        /**
         * Sets {@link ScopedGroupAuthProps#getSnapStart()}.
         *
         * @param snapStart whether to enable SnapStart
         * @return this builder
         */
        public Builder snapStart(Boolean snapStart) {
            props.snapStart(snapStart);
            return this;
        }

        /**
         * Sets {@link ScopedGroupAuthProps#getMemorySize()}.
         *
         * @param memorySize memory in MB
         * @return this builder
         */
        public Builder memorySize(Number memorySize) {
            props.memorySize(memorySize);
            return this;
        }

        /**
         * Sets {@link ScopedGroupAuthProps#getLogRetention()}.
         *
         * @param logRetention log retention
         * @return this builder
         */
        public Builder logRetention(RetentionDays logRetention) {
            props.logRetention(logRetention);
            return this;
        }

        /**
         * Sets {@link ScopedGroupAuthProps#getArchitecture()}.
         *
         * @param architecture the architecture
         * @return this builder
         */
        public Builder architecture(Architecture architecture) {
            props.architecture(architecture);
            return this;
        }

        /**
         * Defines the construct.
         *
         * @return the construct
         * @throws IllegalArgumentException listing every problem with the properties or the pool
         */
        public ScopedGroupAuth build() {
            return new ScopedGroupAuth(scope, id, props.build());
        }
    }

    /**
     * The user pool whose access tokens carry the scopes.
     *
     * @return the user pool
     */
    public UserPool getUserPool() {
        return userPool;
    }

    /**
     * The pre token generation function. The trigger invokes its alias {@code live}, which follows the
     * current published version (SnapStart applies to published versions only).
     *
     * @return the function
     */
    public IFunction getFunction() {
        return trigger.function();
    }

    /**
     * The resource servers that hold the managed scopes, defined here or reused from the app.
     *
     * @return an unmodifiable map from identifier to resource server, sorted by identifier
     */
    public Map<String, UserPoolResourceServer> getResourceServers() {
        return resourceServers;
    }

    /**
     * The groups of {@code groupScopes}: defined here, reused from the app, or, with {@code createGroups(false)},
     * referenced by name.
     *
     * @return an unmodifiable map from group name to group, sorted by name
     */
    public Map<String, IUserPoolGroup> getGroups() {
        return groups;
    }

    /**
     * The scopes a group grants, for example for an API Gateway route's {@code authorizationScopes}.
     *
     * @param groupName a key of {@code groupScopes}
     * @return an unmodifiable sorted list
     * @throws IllegalArgumentException if the group is not in {@code groupScopes}
     */
    public List<String> scopesFor(String groupName) {
        return List.copyOf(scopesOf(groupName));
    }

    /**
     * The scopes a group grants, as {@link OAuthScope}s bound to their resource servers, for app client OAuth
     * settings. Using them makes a client depend on the resource servers, as CloudFormation needs.
     *
     * @param groupName a key of {@code groupScopes}
     * @return an unmodifiable list in the order of {@link #scopesFor(String)}
     * @throws IllegalArgumentException if the group is not in {@code groupScopes}
     */
    public List<OAuthScope> oauthScopesFor(String groupName) {
        List<OAuthScope> scopes = new ArrayList<>();
        for (String scope : scopesOf(groupName)) {
            scopes.add(OAuthScope.custom(boundScope(scope).orElseThrow()));
        }
        return Collections.unmodifiableList(scopes);
    }

    /**
     * Grants every managed scope to one more app client: adds them to its allowed OAuth scopes and lets the
     * trigger issue them to its users. Grants made after construction are honoured; a second grant of the
     * same client adds to the first, so granting it every scope twice changes nothing.
     *
     * @param client an app client of the pool, in the pool's stack, with OAuth enabled and without the client
     *     credentials flow
     * @throws IllegalArgumentException if the client is null, of another pool or stack, has OAuth disabled,
     *     would allow more than 50 scopes, or uses the client credentials flow (its machine tokens would carry
     *     every managed scope with no group check; name the scopes with {@link #grant(UserPoolClient, List)})
     */
    public void grant(UserPoolClient client) {
        grant(client, List.copyOf(plan.managedScopes()), false);
    }

    /**
     * Grants some managed scopes to an app client. Once any client is granted, the trigger issues managed
     * scopes only to granted clients, each only its own. A second grant for the same client adds to the first.
     *
     * <p>This is also the only way to grant scopes to a client with the client credentials flow: that
     * client's machine tokens may carry these scopes, with no user and no group.
     *
     * @param client an app client of the pool, in the pool's stack, with OAuth enabled
     * @param scopes managed scopes, each named by a group or the defaults
     * @throws IllegalArgumentException if the client is null, of another pool or stack, or has OAuth disabled,
     *     if a scope is null or not managed, or if the client would allow more than 50 scopes
     */
    public void grant(UserPoolClient client, List<String> scopes) {
        grant(client, scopes, true);
    }

    private void grant(UserPoolClient client, List<String> scopes, boolean named) {
        Problems problems = new Problems();
        grants.check("`grant` for client", client, scopes, named, problems);
        problems.throwIfAny(getNode().getPath());
        addGrant(client, scopes, named);
    }

    private void addGrant(UserPoolClient client, Collection<String> scopes, boolean named) {
        grants.add(client, scopes, named);
        for (String scope : scopes) {
            client.getNode().addDependency(resourceServers.get(ScopeString.parse(scope).identifier()));
        }
    }

    /** A managed scope as a token bound to its resource server, once the servers are defined. */
    private Optional<String> boundScope(String scope) {
        if (resourceServers == null) {
            return Optional.empty();
        }
        ScopeString parsed = ScopeString.parse(scope);
        return Optional.of(OAuthScope.resourceServer(resourceServers.get(parsed.identifier()),
                ResourceServerScope.Builder.create().scopeName(parsed.name()).scopeDescription(plan.description(scope))
                        .build()).getScopeName());
    }

    private SortedSet<String> scopesOf(String groupName) {
        SortedSet<String> scopes = plan.groupScopes().get(groupName);
        if (scopes == null) {
            throw new IllegalArgumentException("group '" + groupName + "' is not in `groupScopes`; known groups: "
                    + plan.groupScopes().keySet());
        }
        return scopes;
    }

    private void checkSameStack(UserPool pool, Problems problems) {
        if (!Stack.of(this).getNode().getPath().equals(Stack.of(pool).getNode().getPath())) {
            problems.add("`userPool` is in stack " + Stack.of(pool).getNode().getPath() + "; define ScopedGroupAuth"
                    + " in the same stack, because the pool refers to the trigger and the trigger to the clients");
        }
    }

    private void warnAboutResourceServerQuota(PoolInspection pool) {
        int count = pool.resourceServerCountWith(plan.scopeNamesByIdentifier().keySet());
        if (count > RESOURCE_SERVER_WARNING_THRESHOLD) {
            Annotations.of(this).addWarningV2("scoped-group-auth:resourceServerQuota", count + " resource"
                    + " servers exceed Cognito's default quota of " + RESOURCE_SERVER_WARNING_THRESHOLD
                    + " per user pool; request an increase (up to 300) before deploying");
        }
    }

    private static TriggerFunction.Settings settings(ScopedGroupAuthProps props, Problems problems) {
        Number memory = props.getMemorySize() == null ? 512 : props.getMemorySize();
        if (Token.isUnresolved(memory)) {
            problems.add("`memorySize` is a deploy-time token; it must be a plain number of megabytes, such as 512,"
                    + " from 128 to 10240");
        } else if (memory.doubleValue() < 128 || memory.doubleValue() > 10_240 || memory.doubleValue() % 1 != 0) {
            problems.add("`memorySize` is " + memory + "; Lambda allows whole megabytes from 128 to 10240");
        }
        return new TriggerFunction.Settings(memory,
                props.getLogRetention() == null ? RetentionDays.THREE_MONTHS : props.getLogRetention(),
                props.getArchitecture() == null ? Architecture.ARM_64 : props.getArchitecture(),
                props.getSnapStart() == null || props.getSnapStart());
    }
}
