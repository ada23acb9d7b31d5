package io.github.scopedgroupauth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.cognito.LambdaVersion;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Properties of a {@link ScopedGroupAuth}. Immutable; build one with {@link #builder()}.
 *
 * <pre>{@code
 * ScopedGroupAuthProps props = ScopedGroupAuthProps.builder()
 *     .userPool(userPool)
 *     .groupScopes(Map.of("ADMINS", List.of("admin/*"), "EVERYONE", List.of("everyone/*")))
 *     .build();
 * }</pre>
 *
 * <p>Nothing is checked here: {@link ScopedGroupAuth} validates every property, and reports every problem it
 * finds, before it defines any resource.
 */
public final class ScopedGroupAuthProps {

    private final UserPool userPool;
    private final Map<String, List<String>> groupScopes;
    private final List<UserPoolClient> clients;
    private final List<String> defaultScopes;
    private final Map<String, String> scopeDescriptions;
    private final Boolean createGroups;
    private final LambdaVersion lambdaVersion;
    private final Boolean snapStart;
    private final Number memorySize;
    private final RetentionDays logRetention;
    private final Architecture architecture;
    private final Function triggerFunction;

    private ScopedGroupAuthProps(Builder builder) {
        this.userPool = builder.userPool;
        this.groupScopes = copy(builder.groupScopes);
        this.clients = copy(builder.clients);
        this.defaultScopes = copy(builder.defaultScopes);
        this.scopeDescriptions = copy(builder.scopeDescriptions);
        this.createGroups = builder.createGroups;
        this.lambdaVersion = builder.lambdaVersion;
        this.snapStart = builder.snapStart;
        this.memorySize = builder.memorySize;
        this.logRetention = builder.logRetention;
        this.architecture = builder.architecture;
        this.triggerFunction = builder.triggerFunction;
    }

    /**
     * Starts a new set of properties.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The user pool whose access tokens carry the scopes. Its feature plan must be ESSENTIALS or PLUS, and it
     * must not have a pre token generation trigger yet.
     *
     * @return the user pool; required
     */
    public UserPool getUserPool() {
        return userPool;
    }

    /**
     * Group name to the OAuth scopes its members receive, each {@code identifier/scopeName}; the identifier
     * may be a URL (the split is at the last {@code /}).
     *
     * @return an unmodifiable map; required, not empty
     */
    public Map<String, List<String>> getGroupScopes() {
        return groupScopes;
    }

    /**
     * App clients that may carry the managed scopes; each is granted every managed scope. Use
     * {@link ScopedGroupAuth#grant(UserPoolClient, List)} to grant a subset.
     *
     * @return an unmodifiable list, or null
     * @default - no client is granted here; if none is granted at all, every client of the pool may receive
     *     managed scopes, but only clients whose allowed OAuth scopes include them can request them
     */
    public List<UserPoolClient> getClients() {
        return clients;
    }

    /**
     * Scopes every signed-in user of a granted client receives, whatever their groups.
     *
     * @return an unmodifiable list, or null
     * @default - no default scopes
     */
    public List<String> getDefaultScopes() {
        return defaultScopes;
    }

    /**
     * Descriptions of managed scopes, shown in the Cognito console; 1 to 256 characters each.
     *
     * @return an unmodifiable map, or null
     * @default - "Granted to every signed-in user" for a default scope, otherwise a description naming the
     *     groups that grant the scope
     */
    public Map<String, String> getScopeDescriptions() {
        return scopeDescriptions;
    }

    /**
     * Whether to define a user pool group for each key of {@link #getGroupScopes()}. A group the app already
     * defines on the pool is reused, never defined twice.
     *
     * @return the flag, or null
     * @default true
     */
    public Boolean getCreateGroups() {
        return createGroups;
    }

    /**
     * The pre token generation event version: {@code V2_0} for user tokens, {@code V3_0} to also see
     * machine-to-machine (client credentials) tokens, which the trigger leaves unchanged.
     *
     * @return the version, or null
     * @default LambdaVersion.V2_0
     */
    public LambdaVersion getLambdaVersion() {
        return lambdaVersion;
    }

    /**
     * Whether to enable Lambda SnapStart on published versions, which cuts the Java cold start that Cognito's
     * 5-second trigger limit makes risky. Turn it off in Regions without SnapStart.
     *
     * @return the flag, or null
     * @default true
     * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html">Lambda SnapStart</a>
     */
    public Boolean getSnapStart() {
        return snapStart;
    }

    /**
     * Memory of the function in MB, 128 to 10240; more memory also brings more CPU.
     *
     * @return the size, or null
     * @default 512
     */
    public Number getMemorySize() {
        return memorySize;
    }

    /**
     * How long the function's log group keeps its logs.
     *
     * @return the retention, or null
     * @default RetentionDays.THREE_MONTHS
     */
    public RetentionDays getLogRetention() {
        return logRetention;
    }

    /**
     * The function's instruction set architecture.
     *
     * @return the architecture, or null
     * @default Architecture.ARM_64
     */
    public Architecture getArchitecture() {
        return architecture;
    }

    /**
     * Your own pre token generation function, to attach as the trigger instead of the embedded one: a Java 17 or
     * 21 function in the user pool's stack whose handler calls {@code ScopedGroupAuthScopes.apply} last. The
     * construct adds a layer with the policy file and the variable {@code SCOPED_GROUP_AUTH_CLIENTS} to it,
     * names it if it has no name, and makes the alias {@code live} on its current version the trigger. The
     * function's own memory, architecture, logs and SnapStart setting are kept, so {@code memorySize},
     * {@code architecture}, {@code logRetention} and {@code snapStart} may not be set with it.
     *
     * @return the function, or null
     * @default - the embedded handler, which only adds and suppresses scopes (docs/custom-trigger.md says when to
     *     use which)
     */
    public Function getTriggerFunction() {
        return triggerFunction;
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }

    private static <K, V> Map<K, V> copy(Map<K, V> map) {
        return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** Builds {@link ScopedGroupAuthProps}; each method sets the property of the same name. */
    public static final class Builder {

        private UserPool userPool;
        private Map<String, List<String>> groupScopes;
        private List<UserPoolClient> clients;
        private List<String> defaultScopes;
        private Map<String, String> scopeDescriptions;
        private Boolean createGroups;
        private LambdaVersion lambdaVersion;
        private Boolean snapStart;
        private Number memorySize;
        private RetentionDays logRetention;
        private Architecture architecture;
        private Function triggerFunction;

        private Builder() {}

        /**
         * Sets {@link ScopedGroupAuthProps#getUserPool()}.
         *
         * @param userPool the user pool; required
         * @return this builder
         */
        public Builder userPool(UserPool userPool) {
            this.userPool = userPool;
            return this;
        }

        /**
         * Sets {@link ScopedGroupAuthProps#getGroupScopes()}.
         *
         * @param groupScopes group name to scopes; required
         * @return this builder
         */
        public Builder groupScopes(Map<String, List<String>> groupScopes) {
            this.groupScopes = groupScopes;
            return this;
        }

        /**
         * Sets {@link ScopedGroupAuthProps#getClients()}.
         *
         * @param clients the app clients to grant every managed scope
         * @default - no client is granted here; if none is granted at all, every client of the pool may receive
         *     managed scopes, but only clients whose allowed OAuth scopes include them can request them
         * @return this builder
         */
        public Builder clients(List<UserPoolClient> clients) {
            this.clients = clients;
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
            this.defaultScopes = defaultScopes;
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
            this.scopeDescriptions = scopeDescriptions;
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
            this.createGroups = createGroups;
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
            this.lambdaVersion = lambdaVersion;
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
            this.snapStart = snapStart;
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
            this.memorySize = memorySize;
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
            this.logRetention = logRetention;
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
            this.architecture = architecture;
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
            this.triggerFunction = triggerFunction;
            return this;
        }

        /**
         * Builds the properties.
         *
         * @return the immutable properties
         */
        public ScopedGroupAuthProps build() {
            return new ScopedGroupAuthProps(this);
        }
    }
}
