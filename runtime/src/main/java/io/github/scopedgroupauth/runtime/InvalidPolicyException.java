package io.github.scopedgroupauth.runtime;

/**
 * Thrown when the policy configuration cannot be read. The message names the setting (file and line, or
 * environment variable) that is wrong and how to fix it; the handler never guesses at a broken policy.
 */
public final class InvalidPolicyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, where, and how to fix it
     */
    public InvalidPolicyException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the problem that caused it.
     *
     * @param message what is wrong, where, and how to fix it
     * @param cause the underlying problem
     */
    public InvalidPolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
