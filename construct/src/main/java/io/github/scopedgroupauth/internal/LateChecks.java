package io.github.scopedgroupauth.internal;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.services.cognito.UserPool;
import software.constructs.Construct;

/**
 * The checks that can only run at synth time, because the app may change the pool after the construct:
 * a V1_0 pre token trigger, or a group or resource server defined a second time, would otherwise fail only
 * in CloudFormation; late grants could push the client variable past Lambda's environment quota; a granted
 * client's OAuth settings may be changed through its L1; and a machine-to-machine client may allow managed
 * scopes without a grant.
 */
public final class LateChecks {

    /** Lambda allows 4 KB of environment variables in all; leave room for the others. */
    static final int MAX_CLIENTS_VARIABLE_LENGTH = 3_500;

    private final Construct construct;
    private final UserPool pool;
    private final ScopePlan plan;
    private final ClientGrants grants;

    /**
     * Prepares the checks.
     *
     * @param construct the ScopedGroupAuth construct
     * @param pool the user pool
     * @param plan the validated plan
     * @param grants the client grants
     */
    public LateChecks(Construct construct, UserPool pool, ScopePlan plan, ClientGrants grants) {
        this.construct = construct;
        this.pool = pool;
        this.plan = plan;
        this.grants = grants;
    }

    /** Registers the checks as a validation of the construct. */
    public void register() {
        construct.getNode().addValidation(this::problems);
    }

    private List<String> problems() {
        List<String> problems = new ArrayList<>();
        // Inspected again: the app may have changed the pool since the construct was defined.
        PoolInspection now = new PoolInspection(pool);
        now.existingPreTokenTrigger()
                .filter("preTokenGeneration"::equals)
                .ifPresent(trigger -> problems.add("`userPool` also has a V1_0 pre token generation trigger"
                        + " (preTokenGeneration) beside ScopedGroupAuth's; a pool runs only one: remove it"));
        int length = grants.estimatedEnvironmentLength();
        if (length > MAX_CLIENTS_VARIABLE_LENGTH) {
            problems.add("the client grants need about " + length + " characters of environment, more than the "
                    + MAX_CLIENTS_VARIABLE_LENGTH + " that fit Lambda's 4 KB quota: grant fewer clients, or none"
                    + " (then every client of the pool may receive managed scopes)");
        }
        if (!grants.versionDescriptionFits()) {
            Annotations.of(construct)
                    .addWarningV2(
                            "scoped-group-auth:versionDescription",
                            "too many granted"
                                    + " clients to name in the function version's description: if CloudFormation replaces a granted"
                                    + " client, also change the function (for example with invalidateVersionBasedOn) so that a"
                                    + " version with the new client id is published");
        }
        plan.groupScopes().keySet().stream()
                .filter(name -> now.groupDefinitions(name) > 1)
                .forEach(name -> problems.add("group '" + name + "' is defined twice on the user pool; define"
                        + " it before ScopedGroupAuth so that it is reused, or leave it to ScopedGroupAuth"));
        problems.addAll(grants.lateProblems(now.clients()));
        plan.scopeNamesByIdentifier().keySet().stream()
                .filter(id -> now.resourceServerDefinitions(id) > 1)
                .forEach(id -> problems.add("resource server '" + id + "' is defined twice on the user pool;"
                        + " define it before ScopedGroupAuth so that it is reused, or leave it to ScopedGroupAuth"));
        return problems;
    }
}
