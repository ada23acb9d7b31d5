package io.github.scopedgroupauth.runtime.internal;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Formats the handler's log lines from values that carry no personal data: trigger source, app client id,
 * group names and scopes. User names, attributes and the event itself are never passed in. Every value is
 * cut to a bounded length and stripped of characters that could forge a log line. Not part of the public
 * API.
 */
public final class DecisionLog {

    /** Set by Lambda to the application log level when the function logs in JSON. */
    public static final String LOG_LEVEL_VARIABLE = "AWS_LAMBDA_LOG_LEVEL";

    private static final Set<String> ABOVE_DEBUG = Set.of("INFO", "WARN", "ERROR", "FATAL");
    private static final int MAX_VALUE_LENGTH = 256;
    private static final int MAX_ITEMS = 20;

    private final String triggerSource;
    private final String clientId;
    private final List<String> groups;
    private final List<String> added;
    private final List<String> suppressed;

    /**
     * Captures one decision. Nothing is formatted until a line is asked for, and each line is written into one
     * buffer, so an event whose lines are not logged costs nothing here.
     *
     * @param triggerSource the event's trigger source; may be null
     * @param clientId the app client id; may be null
     * @param groups the user's groups
     * @param added the scopes added
     * @param suppressed the scopes suppressed
     */
    public DecisionLog(
            String triggerSource, String clientId, List<String> groups, List<String> added, List<String> suppressed) {
        this.triggerSource = triggerSource;
        this.clientId = clientId;
        this.groups = groups;
        this.added = added;
        this.suppressed = suppressed;
    }

    /**
     * Whether a DEBUG line would reach the logs: not when Lambda filters at INFO or above. Without a level
     * (text log format) Lambda writes every line.
     *
     * @param logLevel the value of {@value #LOG_LEVEL_VARIABLE}; may be null
     * @return true if DEBUG lines are written
     */
    public static boolean debugLogged(String logLevel) {
        return logLevel == null || !ABOVE_DEBUG.contains(logLevel.strip().toUpperCase(Locale.ROOT));
    }

    /**
     * The DEBUG line: the whole decision.
     *
     * @return one line of text
     */
    public String decision() {
        StringBuilder line = new StringBuilder(128);
        line.append("scope decision: trigger=");
        appendClean(line, triggerSource);
        line.append(" client=");
        appendClean(line, clientId);
        line.append(" groups=");
        appendList(line, groups);
        line.append(" added=");
        appendList(line, added);
        line.append(" suppressed=");
        appendList(line, suppressed);
        return line.toString();
    }

    /**
     * The WARN line: requested scopes the user is not entitled to, a misconfigured client or an escalation
     * attempt.
     *
     * @return one line of text
     */
    public String suppression() {
        StringBuilder line = new StringBuilder(128);
        line.append("suppressed requested scopes ");
        appendList(line, suppressed);
        line.append(" not entitled by groups ");
        appendList(line, groups);
        line.append(" on client ");
        appendClean(line, clientId);
        return line.toString();
    }

    private static void appendList(StringBuilder line, List<String> values) {
        line.append('[');
        int count = 0;
        for (String value : values) {
            if (count == MAX_ITEMS) {
                line.append(",... ").append(values.size() - MAX_ITEMS).append(" more");
                break;
            }
            if (count++ > 0) {
                line.append(',');
            }
            appendClean(line, value);
        }
        line.append(']');
    }

    /**
     * Characters that must not reach a log line from an event: line breaks and controls forge or split lines, and
     * format characters (bidi overrides, zero-width ones) reorder or hide text in a log viewer. No valid group
     * name, client id or scope holds any of them.
     */
    private static boolean isLineBreakControlOrFormat(char c) {
        int type = Character.getType(c);
        return Character.isISOControl(c)
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.FORMAT;
    }

    /** Appends the value cut and cleaned; printable ASCII, the usual case, is appended as it is. */
    private static void appendClean(StringBuilder line, String value) {
        if (value == null) {
            line.append('-');
            return;
        }
        int end = Math.min(value.length(), MAX_VALUE_LENGTH);
        int clean = 0;
        while (clean < end && value.charAt(clean) >= 0x20 && value.charAt(clean) < 0x7F) {
            clean++;
        }
        line.append(value, 0, clean);
        for (int i = clean; i < end; i++) {
            char c = value.charAt(i);
            line.append(isLineBreakControlOrFormat(c) ? '?' : c);
        }
    }
}
