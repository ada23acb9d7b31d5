package io.github.scopedgroupauth.internal;

import java.util.function.BooleanSupplier;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Aspects;
import software.constructs.IConstruct;

/**
 * Warns at synthesis when no app client is granted: then the trigger limits no client, and every app client of
 * the pool, today's and any added later, may carry every managed scope its users' groups give. That is a
 * legal choice, but leaving out {@code clients} makes it without a word. Decided at synthesis, since
 * {@code grant} may still be called after the construct.
 */
public final class UngrantedPool {

    /** The warning's id, which {@code Annotations.acknowledgeWarning} takes. */
    public static final String WARNING_ID = "scoped-group-auth:noClientGranted";

    static final String MESSAGE = "no app client is granted (`clients` is empty and `grant` was not called), so"
            + " every app client of the pool may carry the managed scopes of its users' groups: list the clients"
            + " that may carry them in `clients` or grant them with `auth.grant(client)`, or acknowledge this"
            + " warning if every client of the pool should";

    private UngrantedPool() {}

    /**
     * Adds the warning at synthesis if by then no client is granted, to a leaf below the construct: the CDK
     * (2.263) honours an acknowledgement given after a warning only for warnings below the construct it was
     * given on, so {@code Annotations.of(auth).acknowledgeWarning(...)} covers the leaf's warning, not the
     * construct's own.
     *
     * @param leaf a construct below the ScopedGroupAuth construct without children of its own, such as the
     *     function's L1 resource
     * @param anyGranted whether a client is granted, asked at synthesis
     */
    public static void warnAtSynthesis(IConstruct leaf, BooleanSupplier anyGranted) {
        // An aspect runs before validation and synthesis, once the app has made its grants. It visits every
        // construct below the one it is added to, each visit a jsii callback that deepens the kernel's stack:
        // on a leaf it runs once.
        Aspects.of(leaf).add(node -> {
            if (!anyGranted.getAsBoolean()) {
                Annotations.of(leaf).addWarningV2(WARNING_ID, MESSAGE);
            }
        });
    }
}
