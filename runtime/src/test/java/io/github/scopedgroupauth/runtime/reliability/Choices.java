package io.github.scopedgroupauth.runtime.reliability;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Where the event generator's decisions come from: the fuzzer's input when fuzzing (so that coverage guides
 * them), a seeded random source in the soak test.
 */
interface Choices {

    /** A number from 0 to {@code bound - 1}. */
    int below(int bound);

    /** Any text of up to {@code maxLength} characters, including control characters and non-ASCII ones. */
    String text(int maxLength);

    /** One of the values. */
    default <T> T oneOf(List<T> values) {
        return values.get(below(values.size()));
    }

    /** Choices taken from the fuzzer's input; when it runs out, every choice is 0 and every text empty. */
    static Choices of(FuzzedDataProvider data) {
        return new Choices() {
            @Override
            public int below(int bound) {
                return data.consumeInt(0, bound - 1);
            }

            @Override
            public String text(int maxLength) {
                return data.consumeString(maxLength);
            }
        };
    }

    /** Choices from a seeded random source, the same sequence for the same seed. */
    static Choices seeded(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return new Choices() {
            @Override
            public int below(int bound) {
                return random.nextInt(bound);
            }

            @Override
            public String text(int maxLength) {
                StringBuilder text = new StringBuilder();
                int length = random.nextInt(maxLength + 1);
                for (int i = 0; i < length; i++) {
                    // Mostly printable ASCII, sometimes any code point below U+0800.
                    text.appendCodePoint(random.nextInt(8) == 0 ? random.nextInt(0x800) : 0x20 + random.nextInt(0x5f));
                }
                return text.toString();
            }
        };
    }
}
