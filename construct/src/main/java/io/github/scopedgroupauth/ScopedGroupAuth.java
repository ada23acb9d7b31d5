package io.github.scopedgroupauth;

import io.github.scopedgroupauth.internal.BoundScopes;
import io.github.scopedgroupauth.internal.CaseCollisions;
import io.github.scopedgroupauth.internal.Configuration;
import io.github.scopedgroupauth.internal.CustomTrigger;
import io.github.scopedgroupauth.internal.GrantKind;
import io.github.scopedgroupauth.internal.Grants;
import io.github.scopedgroupauth.internal.Groups;
import io.github.scopedgroupauth.internal.LateChecks;
import io.github.scopedgroupauth.internal.PoolInspection;
import io.github.scopedgroupauth.internal.Problems;
import io.github.scopedgroupauth.internal.ResourceServers;
import io.github.scopedgroupauth.internal.ScopeMatrixFiles;
import io.github.scopedgroupauth.internal.ScopeMatrixText;
import io.github.scopedgroupauth.internal.ScopePlan;
import io.github.scopedgroupauth.internal.SynthReports;
import io.github.scopedgroupauth.internal.TriggerFunction;
import io.github.scopedgroupauth.internal.TriggerMetrics;
import io.github.scopedgroupauth.runtime.internal.Metrics;
import io.github.scopedgroupauth.runtime.policy.ScopeSyntax;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cognito.IUserPoolGroup;
import software.amazon.awscdk.services.cognito.LambdaVersion;
import software.amazon.awscdk.services.cognito.OAuthScope;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolResourceServer;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Function;
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
    private final Map<String, IUserPoolGroup> groups;
    private final Map<String, UserPoolResourceServer> resourceServers;
    private final BoundScopes boundScopes;
    private final Grants grants;
    private final TriggerFunction trigger;
    private final String policyTie;

    /**
     * Defines the groups, resource servers, client grants and trigger.
     *
     * @param scope the parent construct
     * @param id the construct id
     * @param props the properties; {@code userPool} and {@code groupScopes} are required
     * @throws IllegalArgumentException listing every problem with the properties or the pool
     */
    // A construct defines its children with itself as their scope, as every CDK construct does; javac 21+
    // flags that as a 'this' escape.
    @SuppressWarnings("this-escape")
    public ScopedGroupAuth(Construct scope, String id, ScopedGroupAuthProps props) {
        super(scope, id);
        Configuration config = Configuration.of(this, props);
        this.userPool = config.userPool();
        this.plan = config.plan();
        this.policyTie = config.policyFile().tie();
        this.groups = new Groups(this, userPool, config.pool(), plan).define(config.createGroups());
        ResourceServers.Defined servers = new ResourceServers(this, userPool, config.pool(), plan).define();
        this.resourceServers = servers.byIdentifier();
        this.boundScopes = servers.boundScopes();
        this.grants = Grants.of(userPool, plan.managedScopes(), boundScopes, config.policyFile());
        this.trigger = config.triggerFunction() == null
                ? TriggerFunction.define(
                        this,
                        config.function(),
                        config.policyFile().text(),
                        grants.variable().value(),
                        grants.description().value())
                : CustomTrigger.adopt(
                        this,
                        config.triggerFunction(),
                        config.policyFile().text(),
                        grants.variable().value(),
                        grants.description().value());
        trigger.attach(this, userPool, config.lambdaVersion());
        config.clients().forEach(client -> addGrant(client, plan.managedScopes(), GrantKind.EVERY_SCOPE));
        warnAboutResourceServerQuota(config.pool());
        CaseCollisions.warn(this, plan);
        // Registered last, so that the checks know what the app defined before.
        registerSynthesisSteps(config);
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
         * @default - no client is granted here; if none is granted at all, every client of the pool may receive
         *     managed scopes, but only clients whose allowed OAuth scopes include them can request them
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
         * @default - no default scopes
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
         * @default - "Granted to every signed-in user" for a default scope, otherwise a description naming the
         *     groups that grant the scope
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
         * @default true
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
         * @default LambdaVersion.V2_0
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
         * @default true
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
         * @default 512
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
         * @default RetentionDays.THREE_MONTHS
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
         * @default Architecture.ARM_64
         * @return this builder
         */
        public Builder architecture(Architecture architecture) {
            props.architecture(architecture);
            return this;
        }

        /**
         * Sets {@link ScopedGroupAuthProps#getTriggerFunction()}.
         *
         * @param triggerFunction your own Java 17 or 21 function, which calls {@code ScopedGroupAuthScopes.apply}
         * @default - the embedded handler
         * @return this builder
         */
        public Builder triggerFunction(Function triggerFunction) {
            props.triggerFunction(triggerFunction);
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
     * The pre token generation function: the embedded one, or the {@code triggerFunction}. The trigger invokes its
     * alias {@code live}, which follows the current published version (SnapStart applies to published versions
     * only).
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
            scopes.add(OAuthScope.custom(boundScopes.token(scope)));
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
        grant(client, List.copyOf(plan.managedScopes()), GrantKind.EVERY_SCOPE);
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
        grant(client, scopes, GrantKind.NAMED_SCOPES);
    }

    /**
     * Which managed scopes the access token of a member of each group carries on each granted app client, and of
     * a user in no group, as the function decides them with the grants made so far. At every synthesis the
     * construct also writes the matrix into the cloud assembly directory of its stage, as
     * {@link #getScopeMatrixMarkdownFile()} and {@link #getScopeMatrixJsonFile()}, for review.
     *
     * @return the matrix as of this call; a later grant gives a different one
     */
    public ScopeMatrix scopeMatrix() {
        return ScopeMatrix.of(
                getNode().getPath(),
                template(),
                plan.groupScopes(),
                plan.defaultScopes(),
                grants.registry().grantedScopes(),
                grants.machines().scopes());
    }

    /**
     * The name of the Markdown file of the {@link #scopeMatrix()} in the cloud assembly directory of this
     * construct's stage: the construct path with {@code .} between ids, then {@code .scope-matrix.md}, for
     * example {@code MyStack.Auth.scope-matrix.md}.
     *
     * @return a file name
     */
    public String getScopeMatrixMarkdownFile() {
        return ScopeMatrixFiles.markdownFileName(this);
    }

    /**
     * The name of the JSON file of the {@link #scopeMatrix()} in the cloud assembly directory of this
     * construct's stage, as {@link #getScopeMatrixMarkdownFile()} but ending with {@code .scope-matrix.json}.
     *
     * @return a file name
     */
    public String getScopeMatrixJsonFile() {
        return ScopeMatrixFiles.jsonFileName(this);
    }

    /**
     * Managed scopes the function suppressed: requested by users whose groups do not grant them, an escalation
     * attempt or an app client that asks for more scopes than its users hold. The function writes it only for
     * events with a suppression, at WARN with the suppression's log line (docs/operations.md, "Monitoring").
     *
     * <p>Alarm on a rise above the app's usual level: {@code Sum} greater than that level over 5 minutes, with
     * missing data as not breaching. Where every client requests only the scopes its users hold, any suppression
     * ({@code Sum >= 1}) is worth a look; where a client requests every scope it may (at the authorize endpoint
     * without {@code scope}), each sign-in of a user without them counts.
     *
     * @return the sum over 5 minutes of {@code ScopedGroupAuth/ScopesSuppressed} for this function
     */
    public Metric metricScopesSuppressed() {
        return metricScopesSuppressed(null);
    }

    /**
     * {@link #metricScopesSuppressed()} with changed options.
     *
     * @param options changes to the statistic, period, label and others; may be null
     * @return the metric
     */
    public Metric metricScopesSuppressed(MetricOptions options) {
        return TriggerMetrics.of(trigger.function(), Metrics.SCOPES_SUPPRESSED, options);
    }

    /**
     * Invocations the function failed on purpose, so that Cognito refused the sign-in: an event version other than
     * V2_0 or V3_0, as when the pool's trigger version was changed outside this stack. Each one is also an
     * invocation error in {@link #metricErrors()}.
     *
     * <p>Alarm on any: {@code Sum >= 1} over 1 to 5 minutes, with missing data as not breaching. While it fires,
     * every sign-in fails.
     *
     * @return the sum over 5 minutes of {@code ScopedGroupAuth/EventsRefused} for this function
     */
    public Metric metricEventsRefused() {
        return metricEventsRefused(null);
    }

    /**
     * {@link #metricEventsRefused()} with changed options.
     *
     * @param options changes to the statistic, period, label and others; may be null
     * @return the metric
     */
    public Metric metricEventsRefused(MetricOptions options) {
        return TriggerMetrics.of(trigger.function(), Metrics.EVENTS_REFUSED, options);
    }

    /**
     * Initializations that failed because the function could not load its policy: the policy file or the
     * {@code SCOPED_GROUP_AUTH_CLIENTS} variable changed outside this stack. With SnapStart this fails the
     * version's publication, so a deployment; without it, every cold start fails.
     *
     * <p>Alarm on any: {@code Sum >= 1} over 5 minutes, with missing data as not breaching.
     *
     * @return the sum over 5 minutes of {@code ScopedGroupAuth/PolicyLoadFailures} for this function
     */
    public Metric metricPolicyLoadFailures() {
        return metricPolicyLoadFailures(null);
    }

    /**
     * {@link #metricPolicyLoadFailures()} with changed options.
     *
     * @param options changes to the statistic, period, label and others; may be null
     * @return the metric
     */
    public Metric metricPolicyLoadFailures(MetricOptions options) {
        return TriggerMetrics.of(trigger.function(), Metrics.POLICY_LOAD_FAILURES, options);
    }

    /**
     * The function's invocation errors ({@code AWS/Lambda Errors}): each one is a sign-in that Cognito refused,
     * refused events included.
     *
     * <p>Alarm on any: {@code Sum >= 1} over 5 minutes, with missing data as not breaching.
     *
     * @return the sum over 5 minutes of the function's errors
     */
    public Metric metricErrors() {
        return metricErrors(null);
    }

    /**
     * {@link #metricErrors()} with changed options.
     *
     * @param options changes to the statistic, period, label and others; may be null
     * @return the metric
     */
    public Metric metricErrors(MetricOptions options) {
        return trigger.function().metricErrors(options);
    }

    /**
     * How long the function takes per invocation ({@code AWS/Lambda Duration}, milliseconds). Cognito waits 5
     * seconds for the trigger and then fails the sign-in.
     *
     * <p>Alarm well before that limit: {@code p99} above 1,000 ms over 5 minutes (a warm invocation takes
     * microseconds; a cold start without SnapStart under a second).
     *
     * @return the average over 5 minutes of the function's duration; set the statistic with
     *     {@link #metricDuration(MetricOptions)}
     */
    public Metric metricDuration() {
        return metricDuration(null);
    }

    /**
     * {@link #metricDuration()} with changed options, such as {@code statistic("p99")}.
     *
     * @param options changes to the statistic, period, label and others; may be null
     * @return the metric
     */
    public Metric metricDuration(MetricOptions options) {
        return trigger.function().metricDuration(options);
    }

    private void grant(UserPoolClient client, List<String> scopes, GrantKind kind) {
        Problems problems = new Problems();
        problems.addAll(grants.checks().problems("`grant` for client", client, scopes, kind));
        problems.throwIfAny(getNode().getPath());
        addGrant(client, scopes, kind);
    }

    private void addGrant(UserPoolClient client, Collection<String> scopes, GrantKind kind) {
        grants.registry().add(client, scopes, kind);
        // One dependency per resource server, not per scope: each is a call into the CDK.
        new TreeSet<>(scopes.stream().map(ScopeSyntax::identifier).toList())
                .forEach(identifier -> client.getNode().addDependency(resourceServers.get(identifier)));
    }

    /**
     * The checks that run at synthesis, and the reports written then: the validation only reports, and the
     * scope matrix is written only for a configuration that passed the checks.
     */
    private void registerSynthesisSteps(Configuration config) {
        LateChecks late = new LateChecks(this, config, grants);
        SynthReports reports = SynthReports.register(
                this,
                trigger.reportLeaf(),
                () -> !grants.registry().grantedScopes().isEmpty(),
                late::problems,
                grants.description(),
                this::scopeMatrix);
        late.register(reports::writeProblems);
    }

    /** What the stack's template holds of this construct, which the matrix records: it is written before it. */
    private ScopeMatrixText.Template template() {
        Stack stack = Stack.of(this);
        return new ScopeMatrixText.Template(
                stack.getArtifactId(), stack.getTemplateFile(), trigger.policyAssetHash(), policyTie);
    }

    private SortedSet<String> scopesOf(String groupName) {
        SortedSet<String> scopes = plan.groupScopes().get(groupName);
        if (scopes == null) {
            throw new IllegalArgumentException("group '" + groupName + "' is not in `groupScopes`; known groups: "
                    + plan.groupScopes().keySet());
        }
        return scopes;
    }

    private void warnAboutResourceServerQuota(PoolInspection pool) {
        int count = pool.resourceServerCountWith(plan.scopeNamesByIdentifier().keySet());
        if (count > RESOURCE_SERVER_WARNING_THRESHOLD) {
            Annotations.of(this)
                    .addWarningV2(
                            "scoped-group-auth:resourceServerQuota",
                            count + " resource"
                                    + " servers exceed Cognito's default quota of " + RESOURCE_SERVER_WARNING_THRESHOLD
                                    + " per user pool; request an increase (up to 300) before deploying");
        }
    }
}
