package io.github.scopedgroupauth.runtime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Seals a policy file body as the construct does, computed here independently of {@link PolicyFile}, so the
 * tests check the reader against the contract rather than against itself.
 */
final class SealedPolicy {

    private SealedPolicy() {}

    /** The body followed by its {@code end sha256:<digest>} line. */
    static String seal(String body) {
        return body + "end sha256:" + sha256(body) + "\n";
    }

    /** The variable value that ties {@code grants} to the sealed file of this body. */
    static String grants(String body, String grants) {
        return sha256(body).substring(0, 16) + ":" + grants;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
