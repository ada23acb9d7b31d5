package io.github.scopedgroupauth.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import software.amazon.awscdk.services.cognito.CfnUserPoolGroup;
import software.amazon.awscdk.services.cognito.IUserPoolGroup;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolGroup;
import software.amazon.awscdk.services.cognito.UserPoolGroupProps;
import software.constructs.Construct;
import software.constructs.IConstruct;

/** Defines, reuses or references the user pool groups of a plan. */
public final class Groups {

    static final int MAX_DESCRIPTION_LENGTH = 2048;

    private final Construct scope;
    private final UserPool pool;
    private final PoolInspection inspection;
    private final ScopePlan plan;

    /**
     * Prepares the groups of a plan.
     *
     * @param scope the construct to define groups in
     * @param pool the user pool
     * @param inspection what the app already defined on the pool
     * @param plan the validated plan
     */
    public Groups(Construct scope, UserPool pool, PoolInspection inspection, ScopePlan plan) {
        this.scope = scope;
        this.pool = pool;
        this.inspection = inspection;
        this.plan = plan;
    }

    /**
     * Defines each group the app has not defined yet (if {@code create}), reuses those it has, and references
     * the rest by name.
     *
     * @param create whether to define missing groups
     * @return group name to group, sorted by name
     */
    public Map<String, IUserPoolGroup> define(boolean create) {
        Map<String, IUserPoolGroup> groups = new LinkedHashMap<>();
        plan.groupScopes().forEach((name, scopes) -> {
            String id = ConstructIds.of("Group", name);
            Optional<CfnUserPoolGroup> existing = inspection.existingGroup(name);
            IUserPoolGroup group;
            if (existing.isPresent()) {
                IConstruct owner = existing.get().getNode().getScope();
                group = owner instanceof UserPoolGroup
                        ? (UserPoolGroup) owner
                        : UserPoolGroup.fromGroupName(scope, id, name);
            } else if (create) {
                group = new UserPoolGroup(
                        scope,
                        id,
                        UserPoolGroupProps.builder()
                                .userPool(pool)
                                .groupName(name)
                                .description(description(scopes))
                                .build());
            } else {
                group = UserPoolGroup.fromGroupName(scope, id, name);
            }
            groups.put(name, group);
        });
        return Collections.unmodifiableMap(groups);
    }

    private static String description(SortedSet<String> scopes) {
        String text = "Members receive the OAuth scopes " + String.join(", ", scopes) + " (managed by ScopedGroupAuth)";
        return text.length() <= MAX_DESCRIPTION_LENGTH
                ? text
                : "Members receive " + scopes.size() + " OAuth scopes (managed by ScopedGroupAuth)";
    }
}
