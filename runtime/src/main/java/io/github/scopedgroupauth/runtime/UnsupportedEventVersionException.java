package io.github.scopedgroupauth.runtime;

/**
 * Thrown for a pre token generation event whose {@code version} is not {@code 2} or {@code 3}. The handler
 * fails such an invocation on purpose, so that Cognito refuses the sign-in: Cognito reads only
 * {@code claimsOverrideDetails} from a V1_0 response, so an answer would leave every requested scope in the
 * access token, and a user outside {@code ADMINS} could obtain {@code admin/*}. It is the one exception the
 * handler throws for an event.
 *
 * <p>The usual cause is a pool whose trigger was switched to event version V1_0 outside CloudFormation (in
 * the console or through the API). Set it back there: CloudFormation does not undo such a change on a
 * deployment that changes nothing.
 */
public final class UnsupportedEventVersionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which version arrived and how to fix the trigger
     */
    public UnsupportedEventVersionException(String message) {
        super(message);
    }
}
