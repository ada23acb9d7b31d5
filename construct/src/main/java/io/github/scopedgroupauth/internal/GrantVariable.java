package io.github.scopedgroupauth.internal;

import io.github.scopedgroupauth.runtime.policy.PolicyFormat;
import java.util.List;
import java.util.function.Function;
import software.amazon.awscdk.Lazy;
import software.amazon.awscdk.services.cognito.UserPoolClient;

/**
 * The function's {@code SCOPED_GROUP_AUTH_CLIENTS} variable, as the runtime's {@link PolicyFormat} writes it:
 * the policy file's tie and a {@code :}, then {@code *} with no grants, otherwise one {@code clientId=numbers}
 * entry per granted client, whose client ids CloudFormation fills in. Resolved at synth time, so grants made
 * after the construct still count.
 */
public final class GrantVariable {

    /** The length of the app client ids Cognito generates, to estimate the variable before deployment. */
    static final int CLIENT_ID_LENGTH = 26;

    private final ClientGrants grants;
    private final PolicyFormat.Written policyFile;

    /**
     * The variable of these grants.
     *
     * @param grants the client grants
     * @param policyFile the written policy file, whose checksum ties the variable to it and whose numbering of
     *     the managed scopes the entries use
     */
    public GrantVariable(ClientGrants grants, PolicyFormat.Written policyFile) {
        this.grants = grants;
        this.policyFile = policyFile;
    }

    /**
     * The variable's value.
     *
     * @return a lazy string
     */
    public String value() {
        return Lazy.uncachedString(
                context -> PolicyFormat.variable(policyFile.tie(), entries(UserPoolClient::getUserPoolClientId)));
    }

    /**
     * The value's length if every client id has the usual 26 characters, to check Lambda's 4 KB quota.
     *
     * @return the estimated length
     */
    public int estimatedLength() {
        return policyFile.tie().length() + 1 + estimatedGrantsLength();
    }

    /**
     * The length of the grants after the tie if every client id has the usual 26 characters.
     *
     * @return the estimated length
     */
    int estimatedGrantsLength() {
        return PolicyFormat.grants(entries(client -> "x".repeat(CLIENT_ID_LENGTH)))
                .length();
    }

    /**
     * The grants after the tie, as the variable writes them.
     *
     * @return a string with the client ids as tokens
     */
    String grantsText() {
        return PolicyFormat.grants(entries(UserPoolClient::getUserPoolClientId));
    }

    private List<String> entries(Function<UserPoolClient, String> clientId) {
        return grants.grants().stream()
                .map(grant -> policyFile.entry(clientId.apply(grant.client()), grant.scopes()))
                .toList();
    }
}
