package io.github.scopedgroupauth.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * One fresh JVM's first checksum of a 2 KB input, started by {@link ChecksumInitBenchmark}: {@code crc32c} takes
 * {@link CRC32C}, {@code sha256} takes {@code MessageDigest.getInstance("SHA-256")}. The input is built before the
 * clock starts, so the time is the primitive's first use: loading its classes and, for {@code MessageDigest}, the
 * security providers' set-up. Prints the time in milliseconds and the checksum's first bytes, so that nothing is
 * left unused.
 */
public final class ChecksumInitProbe {

    /** The input's size, about that of a policy file of a few dozen groups. */
    static final int INPUT_BYTES = 2048;

    private ChecksumInitProbe() {}

    /**
     * Runs the probe.
     *
     * @param args {@code crc32c} or {@code sha256}
     * @throws NoSuchAlgorithmException if the JDK has no SHA-256, which every JDK has
     */
    public static void main(String[] args) throws NoSuchAlgorithmException {
        byte[] input = input();
        long start = System.nanoTime();
        long checksum;
        if ("crc32c".equals(args[0])) {
            CRC32C crc = new CRC32C();
            crc.update(input, 0, input.length);
            checksum = crc.getValue();
        } else {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(input);
            checksum = ((digest[0] & 0xffL) << 24)
                    | ((digest[1] & 0xffL) << 16)
                    | ((digest[2] & 0xffL) << 8)
                    | (digest[3] & 0xffL);
        }
        long end = System.nanoTime();
        System.out.println(String.format(Locale.ROOT, "%.4f %08x", (end - start) / 1e6, checksum));
    }

    /** Lines like a policy file's, {@value #INPUT_BYTES} bytes. */
    private static byte[] input() {
        byte[] input = new byte[INPUT_BYTES];
        byte[] line = "group-0000 https://api.example.com/rs-0/scope-0\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < INPUT_BYTES; i++) {
            input[i] = (byte) (line[i % line.length] + i / line.length % 10);
        }
        return input;
    }
}
