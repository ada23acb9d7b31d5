package io.github.scopedgroupauth.runtime.policy;

import java.util.HexFormat;

/**
 * Makes a value safe to quote in an error message or a log line: every character that is invisible or breaks a line
 * (controls, format characters such as the byte-order mark, separators other than the plain space,
 * unpaired surrogates, private-use and unassigned code points) is written as a {@code \}{@code uXXXX} escape (two for
 * a code point beyond U+FFFF), so it shows instead of hiding, forging a line or driving a terminal; letters of any
 * script and symbols such as emoji stay readable.
 */
public final class Printable {

    /** Enough of a value from a file or an event to recognise it; the rest is only counted. */
    static final int EXCERPT_LENGTH = 120;

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private Printable() {}

    /**
     * The whole value with every invisible or line-breaking character escaped, for values from the app's own
     * code, whose messages about a length quote them whole.
     *
     * @param value the value; may be null
     * @return the escaped value, or {@code null} written out for a null value
     */
    public static String escape(String value) {
        return value == null ? "null" : escape(value, value.length());
    }

    /**
     * The value escaped as by {@link #escape}, cut after {@value #EXCERPT_LENGTH} characters, for values read
     * from a file, the environment or an event, whose length nothing bounds.
     *
     * @param value the value; may be null
     * @return the escaped excerpt, or {@code null} written out for a null value
     */
    public static String excerpt(String value) {
        return excerpt(value, EXCERPT_LENGTH);
    }

    /**
     * The value escaped as by {@link #escape}, cut after {@code maxLength} characters and followed by how many
     * more there were.
     *
     * @param value the value; may be null
     * @param maxLength how many characters of the value to keep; not negative
     * @return the escaped excerpt, or {@code null} written out for a null value
     * @throws IllegalArgumentException if {@code maxLength} is negative
     */
    public static String excerpt(String value, int maxLength) {
        if (maxLength < 0) {
            throw new IllegalArgumentException("maxLength is " + maxLength + "; keep 0 or more characters");
        }
        return value == null ? "null" : escape(value, maxLength);
    }

    private static String escape(String value, int maxLength) {
        int end = Math.min(value.length(), maxLength);
        StringBuilder escaped = new StringBuilder(end + 16);
        // By code point, so that a pair of surrogates shows as its character (an emoji group name stays readable)
        // while a lone one, also one left by the cut, is escaped; a hidden supplementary character is escaped as
        // its two halves, as Java writes it.
        String kept = value.substring(0, end);
        for (int i = 0; i < kept.length(); i += Character.charCount(kept.codePointAt(i))) {
            int codePoint = kept.codePointAt(i);
            if (isHidden(codePoint)) {
                for (char half : Character.toChars(codePoint)) {
                    escaped.append("\\u").append(HEX.toHexDigits(half));
                }
            } else {
                escaped.appendCodePoint(codePoint);
            }
        }
        if (value.length() > end) {
            escaped.append("... (").append(value.length() - end).append(" more characters)");
        }
        return escaped.toString();
    }

    private static boolean isHidden(int codePoint) {
        if (codePoint == ' ') {
            return false;
        }
        switch (Character.getType(codePoint)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.SPACE_SEPARATOR,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE,
                    Character.PRIVATE_USE,
                    Character.UNASSIGNED:
                return true;
            default:
                return false;
        }
    }
}
