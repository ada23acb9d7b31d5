package io.github.scopedgroupauth.examples.e2e;

import java.util.Objects;

/**
 * What the function posted back for one invocation: its response, or the error it reported.
 *
 * @param requestId the request id the Runtime API handed out with the event
 * @param body the posted body: the serialized response, or the error document
 *     ({@code errorMessage}, {@code errorType}, {@code stackTrace})
 * @param errorType the {@code Lambda-Runtime-Function-Error-Type} header of an error (for example
 *     {@code Runtime.UserException}), an empty string if the error post had none, or null for a response
 */
public record InvocationResult(String requestId, String body, String errorType) {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException if the request id or body is null
     */
    public InvocationResult {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(body, "body");
    }

    /**
     * Whether the function reported an error instead of a response.
     *
     * @return {@code true} for a post to {@code /invocation/{id}/error}
     */
    public boolean isError() {
        return errorType != null;
    }
}
