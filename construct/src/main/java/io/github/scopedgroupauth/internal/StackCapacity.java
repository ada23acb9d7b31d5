package io.github.scopedgroupauth.internal;

import software.amazon.awscdk.Stack;
import software.constructs.Construct;

/**
 * Checks, before anything is defined, that the construct's resources fit the stack: CloudFormation allows
 * 500 resources per stack, and a large group map would otherwise fail with the CDK's generic error at the
 * end of synthesis.
 *
 * @see <a href="https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html">
 *     CloudFormation quotas</a>
 */
public final class StackCapacity {

    /** CloudFormation's resource quota per stack, which the CDK also enforces. */
    static final int DEFAULT_LIMIT = 500;
    /** The CDK's context key that changes (or, with 0, lifts) its check of that quota. */
    static final String LIMIT_CONTEXT = "@aws-cdk/core:stackResourceLimit";
    /** The role, its policy, the log group, the function, its version, the alias and the invoke permission. */
    static final int TRIGGER_RESOURCES = 7;
    /** The CDK's context key for version reporting, which adds an {@code AWS::CDK::Metadata} resource. */
    static final String VERSION_REPORTING_CONTEXT = "aws:cdk:version-reporting";

    private final Construct scope;
    private final PoolInspection inspection;
    private final ScopePlan plan;
    private final boolean createGroups;

    /**
     * Prepares the check.
     *
     * @param scope the ScopedGroupAuth construct, not yet holding children
     * @param inspection what the app already defined on the pool
     * @param plan the validated plan
     * @param createGroups whether the construct will define the groups the app has not defined
     */
    public StackCapacity(Construct scope, PoolInspection inspection, ScopePlan plan, boolean createGroups) {
        this.scope = scope;
        this.inspection = inspection;
        this.plan = plan;
        this.createGroups = createGroups;
    }

    /**
     * Records a problem if the stack would exceed its resource limit.
     *
     * @param problems where to record problems
     */
    public void check(Problems problems) {
        Stack stack = Stack.of(scope);
        int limit = limit(stack);
        if (limit <= 0) {
            return;
        }
        String stackPath = stack.getNode().getPath();
        long existing = inspection.resourcesInStack() + (versionReporting(stack) ? 1 : 0);
        long groups = createGroups
                ? plan.groupScopes().keySet().stream()
                        .filter(name -> inspection.existingGroup(name).isEmpty())
                        .count()
                : 0;
        long servers = plan.scopeNamesByIdentifier().keySet().stream()
                .filter(identifier ->
                        inspection.existingResourceServer(identifier).isEmpty())
                .count();
        long added = groups + servers + TRIGGER_RESOURCES;
        if (existing + added > limit) {
            problems.add("ScopedGroupAuth would add " + added + " resources to stack " + stackPath + " ("
                    + count(groups, "group") + ", " + count(servers, "resource server") + " and " + TRIGGER_RESOURCES
                    + " for the trigger),"
                    + " which already has " + existing + ": " + (existing + added) + " in all, more than the "
                    + limit + " resources CloudFormation allows in one stack. "
                    + (groups > 0
                            ? "Pass createGroups(false) and manage the groups elsewhere (another stack, or"
                                    + " outside CloudFormation), or define"
                            : "Define")
                    + " ScopedGroupAuth and its user pool in a stack with room");
        }
    }

    private static String count(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /** The CDK CLI turns version reporting on unless told not to; the resource is added only at synthesis. */
    private static boolean versionReporting(Stack stack) {
        Object reporting = stack.getNode().tryGetContext(VERSION_REPORTING_CONTEXT);
        return reporting != null && Boolean.parseBoolean(reporting.toString());
    }

    private static int limit(Stack stack) {
        Object configured = stack.getNode().tryGetContext(LIMIT_CONTEXT);
        if (configured == null) {
            return DEFAULT_LIMIT;
        }
        try {
            return (int) Double.parseDouble(configured.toString());
        } catch (NumberFormatException e) {
            return DEFAULT_LIMIT;
        }
    }
}
