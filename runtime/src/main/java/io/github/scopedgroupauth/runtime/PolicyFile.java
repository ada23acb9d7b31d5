package io.github.scopedgroupauth.runtime;

import io.github.scopedgroupauth.runtime.policy.PolicyFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Loads the policy the {@code ScopedGroupAuth} construct writes for the handler: the file
 * {@value #RESOURCE_NAME} at the root of the function code (so on its classpath) for the groups and default
 * scopes, and the variable {@value #CLIENTS_VARIABLE} for the app client grants, whose client ids are only
 * known at deploy time. The format, sealed by a digest that the variable is tied to, is described in
 * {@code docs/configuration.md}.
 *
 * <p>Anything malformed fails with an {@link InvalidPolicyException} that names the line or variable and
 * quotes the offending value with invisible characters escaped; the handler never guesses at a broken
 * policy.
 */
public final class PolicyFile {

    /** The classpath resource name of the policy file. */
    public static final String RESOURCE_NAME = PolicyFormat.FILE_NAME;
    /** The environment variable that grants app clients managed scopes by number. */
    public static final String CLIENTS_VARIABLE = PolicyFormat.CLIENTS_VARIABLE;
    /** The grants that let every app client receive every managed scope, after the digest prefix. */
    public static final String ANY_CLIENT = PolicyFormat.ANY_CLIENT;
    /** The first word of the header line. */
    public static final String HEADER = PolicyFormat.HEADER;
    /** The format version this runtime reads. */
    public static final int FORMAT_VERSION = PolicyFormat.FORMAT_VERSION;
    /** How the last line starts; the SHA-256 digest of everything before it follows, in lowercase hex. */
    public static final String END = PolicyFormat.END;
    /** How many hex digits of the file's digest start {@value #CLIENTS_VARIABLE}, before a {@code :}. */
    public static final int VARIABLE_DIGEST_LENGTH = PolicyFormat.TIE_LENGTH;

    private PolicyFile() {}

    /**
     * Loads {@value #RESOURCE_NAME} from the classpath and binds its grants with the given environment.
     *
     * @param classLoader the loader that sees the function code
     * @param environment the process environment, usually {@code System.getenv()}
     * @return the policy
     * @throws InvalidPolicyException if the file is missing or anything in it or the variable is malformed
     */
    public static ScopePolicy load(ClassLoader classLoader, Map<String, String> environment) {
        try (InputStream stream = classLoader.getResourceAsStream(RESOURCE_NAME)) {
            if (stream == null) {
                throw new InvalidPolicyException(RESOURCE_NAME + " is not on the classpath; package it at the"
                        + " root of the function code (the ScopedGroupAuth construct does this)");
            }
            return read(stream.readAllBytes(), environment);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE_NAME, e);
        }
    }

    /**
     * Reads a policy file and binds its grants with the given environment.
     *
     * @param file the file's bytes, which must be UTF-8
     * @param environment variables; only {@value #CLIENTS_VARIABLE} is read
     * @return the policy
     * @throws InvalidPolicyException if the file is not sealed UTF-8, anything in it is malformed, or the
     *     variable is malformed or was written for another file
     */
    public static ScopePolicy read(byte[] file, Map<String, String> environment) {
        return PolicyFormat.read(file, environment);
    }
}
