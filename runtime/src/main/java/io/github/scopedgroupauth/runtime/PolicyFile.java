package io.github.scopedgroupauth.runtime;

import io.github.scopedgroupauth.runtime.policy.PolicyFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Loads the policy the {@code ScopedGroupAuth} construct writes for the handler: the file
 * {@code scoped-group-auth.conf} at the root of the function code (so on its classpath) for the groups and default
 * scopes, and the variable {@code SCOPED_GROUP_AUTH_CLIENTS} for the app client grants, whose client ids are only
 * known at deploy time. The format, sealed by a CRC32C checksum that the variable is tied to, is described in
 * {@code docs/configuration.md}.
 *
 * <p>Anything malformed fails with an {@link InvalidPolicyException} that names the line or variable and
 * quotes the offending value with invisible characters escaped; the handler never guesses at a broken
 * policy.
 */
public final class PolicyFile {

    private PolicyFile() {}

    /**
     * Loads {@code scoped-group-auth.conf} from the classpath and binds its grants with the given environment.
     *
     * @param classLoader the loader that sees the function code
     * @param environment the process environment, usually {@code System.getenv()}
     * @return the policy
     * @throws InvalidPolicyException if the file is missing or anything in it or the variable is malformed
     */
    public static ScopePolicy load(ClassLoader classLoader, Map<String, String> environment) {
        try (InputStream stream = classLoader.getResourceAsStream(PolicyFormat.FILE_NAME)) {
            if (stream == null) {
                throw new InvalidPolicyException(PolicyFormat.FILE_NAME + " is not on the classpath; package it at"
                        + " the root of the function code (the ScopedGroupAuth construct does this)");
            }
            return read(stream.readAllBytes(), environment);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PolicyFormat.FILE_NAME, e);
        }
    }

    /**
     * Reads a policy file and binds its grants with the given environment.
     *
     * @param file the file's bytes, which must be UTF-8
     * @param environment variables; only {@code SCOPED_GROUP_AUTH_CLIENTS} is read
     * @return the policy
     * @throws InvalidPolicyException if the file is not sealed UTF-8, anything in it is malformed, or the
     *     variable is malformed or was written for another file
     */
    public static ScopePolicy read(byte[] file, Map<String, String> environment) {
        return PolicyFormat.read(file, environment);
    }
}
