package io.github.scopedgroupauth.internal;

/**
 * Makes a value from the app safe to quote in an error message: every character that is invisible or breaks
 * a line (controls, format characters such as the byte-order mark, separators other than the plain space,
 * surrogates, unassigned code points) is written as a {@code \}{@code uXXXX} escape, so it shows instead of
 * hiding, forging a line or driving the terminal; letters of any script stay readable. Values are not cut:
 * they come from the app's own code, and messages about a length quote the whole value.
 */
public final class Printable {

    private Printable() {
    }

    /**
     * The value with every invisible or line-breaking character escaped.
     *
     * @param value the value; may be null
     * @return the escaped value, or {@code null} written out for a null value
     */
    public static String escape(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isHidden(c)) {
                escaped.append(String.format("\\u%04X", (int) c));
            } else {
                escaped.append(c);
            }
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
