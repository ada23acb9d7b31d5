package io.github.scopedgroupauth.runtime;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Seals a policy file body as docs/configuration.md describes, computed here independently of {@link PolicyFile},
 * so the tests check the reader against the contract rather than against itself.
 */
final class SealedPolicy {

    private SealedPolicy() {}

    /** The body followed by its {@code end crc32c:<checksum>} line. */
    static String seal(String body) {
        return body + "end crc32c:" + crc32c(body) + "\n";
    }

    /** The variable value that ties {@code grants} to the sealed file of this body. */
    static String grants(String body, String grants) {
        return crc32c(body) + ":" + grants;
    }

    /** The CRC32C of the body's UTF-8 bytes as 8 lowercase hex digits. */
    static String crc32c(String body) {
        CRC32C checksum = new CRC32C();
        checksum.update(body.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", checksum.getValue());
    }
}
