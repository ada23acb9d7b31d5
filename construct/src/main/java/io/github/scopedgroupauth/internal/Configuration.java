package io.github.scopedgroupauth.internal;

import io.github.scopedgroupauth.ScopedGroupAuthProps;
import io.github.scopedgroupauth.runtime.internal.Versions;
import io.github.scopedgroupauth.runtime.policy.PolicyFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cognito.LambdaVersion;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.lambda.Function;
import software.constructs.Construct;

/**
 * Everything {@code ScopedGroupAuth} needs, validated, with its defaults applied: the construct defines its
 * children from this value only, after every problem with the properties and the pool has been reported.
 *
 * @param userPool the user pool
 * @param pool what the app already defined on the pool, before the construct
 * @param plan the groups, scopes and resource servers, sorted
 * @param clients the app clients to grant every managed scope
 * @param createGroups whether to define the groups the app has not defined
 * @param lambdaVersion the trigger's event version
 * @param function the function's settings
 * @param policyFile the policy file for the function code
 * @param triggerFunction the app's own function to attach instead of the embedded one; null for the embedded one
 */
public record Configuration(
        UserPool userPool,
        PoolInspection pool,
        ScopePlan plan,
        List<UserPoolClient> clients,
        boolean createGroups,
        LambdaVersion lambdaVersion,
        TriggerFunction.Settings function,
        PolicyFormat.Written policyFile,
        Function triggerFunction) {

    /**
     * Validates the properties and the pool, reporting every problem at once.
     *
     * @param construct the ScopedGroupAuth construct, still without children
     * @param props the properties
     * @return the configuration
     * @throws IllegalArgumentException listing every problem found
     */
    public static Configuration of(Construct construct, ScopedGroupAuthProps props) {
        if (props == null) {
            throw new IllegalArgumentException("`props` is required; pass ScopedGroupAuthProps.builder()"
                    + ".userPool(pool).groupScopes(map).build()");
        }
        Problems problems = new Problems();
        UserPool userPool = props.getUserPool();
        if (userPool == null) {
            problems.add("`userPool` is required; pass the UserPool whose access tokens should carry the scopes");
        }
        ScopePlan plan = ScopePlan.of(props, problems);
        PoolInspection pool = userPool == null ? null : new PoolInspection(userPool);
        boolean createGroups = props.getCreateGroups() == null || props.getCreateGroups();
        if (pool != null) {
            checkSameStack(construct, userPool, problems);
            pool.check(problems);
            ResourceServers.check(pool, plan, problems);
        }
        TriggerFunction.Settings function = TriggerFunction.Settings.of(props);
        function.check(problems);
        CustomTrigger.check(construct, props, problems);
        if (pool != null) {
            new StackCapacity(construct, pool, plan, createGroups).check(problems);
        }
        // Copied without List.copyOf, which refuses the null entry that is reported below.
        List<UserPoolClient> clients = props.getClients() == null
                ? List.of()
                : Collections.unmodifiableList(new ArrayList<>(props.getClients()));
        // Without managed scopes there is nothing to grant; the empty map is the one problem worth reporting.
        if (!plan.managedScopes().isEmpty()) {
            GrantChecks checks = GrantChecks.beforeAnyGrant(userPool, plan.managedScopes());
            clients.forEach(client -> problems.addAll(
                    checks.problems("`clients` entry", client, plan.managedScopes(), GrantKind.EVERY_SCOPE)));
        }
        checkRuntimeVersion(problems);
        problems.throwIfAny(construct.getNode().getPath());
        LambdaVersion version = props.getLambdaVersion() == null ? LambdaVersion.V2_0 : props.getLambdaVersion();
        return new Configuration(
                userPool,
                pool,
                plan,
                clients,
                createGroups,
                version,
                function,
                PolicyFormat.write(plan.groupScopes(), plan.defaultScopes()),
                props.getTriggerFunction());
    }

    /**
     * The policy is written with the runtime classes on the app's classpath and read by the handler embedded in
     * this library; an app that declares another version of the runtime would deploy a policy its handler may
     * refuse, failing every sign-in.
     */
    private static void checkRuntimeVersion(Problems problems) {
        Optional<String> embedded = Versions.read(Configuration.class, "embedded-runtime.properties");
        Optional<String> onClasspath = PolicyFormat.runtimeVersion();
        runtimeVersionProblem(embedded, onClasspath).ifPresent(problems::add);
    }

    static Optional<String> runtimeVersionProblem(Optional<String> embedded, Optional<String> onClasspath) {
        if (embedded.isEmpty() || onClasspath.isEmpty() || embedded.equals(onClasspath)) {
            return Optional.empty();
        }
        return Optional.of("the app's classpath has scoped-group-auth-runtime " + onClasspath.get() + ", but this"
                + " ScopedGroupAuth embeds the handler of version " + embedded.get() + ", which must read the policy"
                + " it writes: remove the app's own dependency on scoped-group-auth-runtime, or set it to "
                + embedded.get());
    }

    private static void checkSameStack(Construct construct, UserPool pool, Problems problems) {
        if (!Stack.of(construct)
                .getNode()
                .getPath()
                .equals(Stack.of(pool).getNode().getPath())) {
            problems.add("`userPool` is in stack " + Stack.of(pool).getNode().getPath() + "; define ScopedGroupAuth"
                    + " in the same stack, because the pool refers to the trigger and the trigger to the clients");
        }
    }
}
