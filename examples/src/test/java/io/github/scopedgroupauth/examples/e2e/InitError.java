package io.github.scopedgroupauth.examples.e2e;

import java.util.Objects;

/**
 * An error the runtime reported before it asked for any event: through {@code /runtime/init/error}, or, for a
 * SnapStart start, through {@code /runtime/restore/error}.
 *
 * @param path the request path it was posted to
 * @param errorType the {@code Lambda-Runtime-Function-Error-Type} header, for example
 *     {@code Runtime.BadFunctionCode}; an empty string if there was none
 * @param body the error document ({@code errorMessage}, {@code errorType}, sometimes {@code stackTrace})
 */
public record InitError(String path, String errorType, String body) {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException if any part is null
     */
    public InitError {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(errorType, "errorType");
        Objects.requireNonNull(body, "body");
    }
}
