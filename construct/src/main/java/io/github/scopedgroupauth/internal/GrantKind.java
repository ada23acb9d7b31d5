package io.github.scopedgroupauth.internal;

/**
 * What a grant gives an app client: the scopes its caller named, or every managed scope. A client with the client
 * credentials flow may only have the first, since its machine tokens carry its scopes with no group check.
 */
public enum GrantKind {
    /** The scopes named in {@code grant(client, scopes)}. */
    NAMED_SCOPES,
    /** Every managed scope, through {@code clients} or {@code grant(client)}. */
    EVERY_SCOPE;

    /**
     * The kind of two grants of one client together.
     *
     * @param other the other grant's kind
     * @return {@link #EVERY_SCOPE} if either is, otherwise {@link #NAMED_SCOPES}
     */
    GrantKind and(GrantKind other) {
        return this == EVERY_SCOPE || other == EVERY_SCOPE ? EVERY_SCOPE : NAMED_SCOPES;
    }
}
