package io.github.scopedgroupauth.examples.e2e;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Seals a hand-written policy file body as the construct does (an {@code end sha256:} line with the digest of
 * everything before it), and ties client grants to it, so the tests can build function code without a synth.
 */
final class SealedPolicy {

    private SealedPolicy() {
    }

    /** The body followed by its sealing line. */
    static String seal(String body) {
        return body + "end sha256:" + sha256(body) + "\n";
    }

    /** The {@code SCOPED_GROUP_AUTH_CLIENTS} value that ties {@code grants} to the sealed file of this body. */
    static String grants(String body, String grants) {
        return tie(body) + ":" + grants;
    }

    /** The digest prefix that starts the grant variable of this body's sealed file. */
    static String tie(String body) {
        return sha256(body).substring(0, 16);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
