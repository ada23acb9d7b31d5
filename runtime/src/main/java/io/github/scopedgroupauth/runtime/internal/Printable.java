package io.github.scopedgroupauth.runtime.internal;

/**
 * Makes a value from configuration or an event safe to quote in an error message: every character that is
 * invisible or breaks a line (controls, format characters such as the byte-order mark, separators other than
 * the plain space, surrogates, unassigned code points) is written as a {@code \}{@code uXXXX} escape, so it
 * shows instead of hiding or forging a new line; letters of any script stay readable. Long values are cut.
 * Not part of the public API.
 */
public final class Printable {

    /** Enough to recognise a value; the rest is only counted. */
    static final int MAX_LENGTH = 120;

    private Printable() {
    }

    /**
     * The value with every invisible or line-breaking character escaped, cut after {@value #MAX_LENGTH}
     * characters.
     *
     * @param value the value; may be null
     * @return the escaped value, or {@code null} written out for a null value
     */
    public static String escape(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder escaped = new StringBuilder(Math.min(value.length(), MAX_LENGTH) + 16);
        int end = Math.min(value.length(), MAX_LENGTH);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            if (isHidden(c)) {
                escaped.append(String.format("\\u%04X", (int) c));
            } else {
                escaped.append(c);
            }
        }
        if (value.length() > end) {
            escaped.append("... (").append(value.length() - end).append(" more characters)");
        }
        return escaped.toString();
    }

    private static boolean isHidden(char c) {
        if (c == ' ') {
            return false;
        }
        switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED:
                return true;
            default:
                return false;
        }
    }
}
