package io.github.scopedgroupauth.runtime.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class Sha256Test {

    @Test
    void matchesTheStandardsExamples() {
        // FIPS 180-4 examples (NIST CSRC "Example Algorithms"): one block, two blocks, and the empty message
        assertThat(Sha256.hex(ascii("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.hex(ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")))
                .isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        assertThat(Sha256.hex(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void matchesMessageDigest_atEveryLengthAroundTheBlockBoundaries() throws NoSuchAlgorithmException {
        for (int length = 0; length <= 200; length++) {
            byte[] message = new byte[length];
            for (int i = 0; i < length; i++) {
                message[i] = (byte) (i * 31 + length);
            }
            assertThat(Sha256.hex(message)).as("length %d", length).isEqualTo(reference(message));
        }
    }

    @Test
    void matchesMessageDigest_onInputsOfOneAndTwoMegabytes() throws NoSuchAlgorithmException {
        // Far more blocks than any policy file, and a bit length whose upper bytes are not all zero.
        for (int length : new int[] {1 << 20, (2 << 20) - 9, 2 << 20}) {
            byte[] message = new byte[length];
            for (int i = 0; i < length; i++) {
                message[i] = (byte) (i ^ (i >>> 8) ^ (i >>> 16));
            }
            assertThat(Sha256.hex(message)).as("length %d", length).isEqualTo(reference(message));
        }
    }

    @Property(tries = 300)
    void matchesMessageDigest(@ForAll @Size(max = 2000) byte[] message) throws NoSuchAlgorithmException {
        assertThat(Sha256.hex(message)).isEqualTo(reference(message));
    }

    private static String reference(byte[] message) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(message));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
