package io.github.scopedgroupauth.internal;

import software.amazon.awscdk.Lazy;

/**
 * A description for the function's published version that changes whenever a granted client's id changes.
 * Lambda publishes a version only when CloudFormation replaces the version resource, which a new description
 * does; a client replaced under the same logical id changes the grant variable but not the version's hash.
 */
public final class VersionDescription {

    /** Lambda's limit on a version description. */
    static final int MAX_LENGTH = 256;

    static final String PREFIX = "ScopedGroupAuth grants ";

    private final ClientGrants grants;
    private final GrantVariable variable;

    /**
     * The description of these grants.
     *
     * @param grants the client grants
     * @param variable their grant variable, whose grants the description repeats
     */
    public VersionDescription(ClientGrants grants, GrantVariable variable) {
        this.grants = grants;
        this.variable = variable;
    }

    /**
     * The description: the grants as the variable writes them, or only their number when they would not fit.
     *
     * @return a lazy string of at most 256 characters once deployed, if client ids have the usual length
     */
    public String value() {
        return Lazy.uncachedString(context -> fits()
                ? PREFIX + variable.grantsText()
                : PREFIX + "to " + grants.grants().size() + " clients");
    }

    /**
     * Whether {@link #value()} can name every client id within Lambda's limit.
     *
     * @return true if it can
     */
    public boolean fits() {
        return PREFIX.length() + variable.estimatedGrantsLength() <= MAX_LENGTH;
    }
}
