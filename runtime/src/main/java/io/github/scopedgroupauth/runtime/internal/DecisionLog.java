package io.github.scopedgroupauth.runtime.internal;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

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
    private final String groups;
    private final String added;
    private final String suppressed;

    /**
     * Captures one decision.
     *
     * @param triggerSource the event's trigger source; may be null
     * @param clientId the app client id; may be null
     * @param groups the user's groups
     * @param added the scopes added
     * @param suppressed the scopes suppressed
     */
    public DecisionLog(
            String triggerSource, String clientId, List<String> groups, List<String> added, List<String> suppressed) {
        this.triggerSource = clean(triggerSource);
        this.clientId = clean(clientId);
        this.groups = list(groups);
        this.added = list(added);
        this.suppressed = list(suppressed);
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
        return "scope decision: trigger=" + triggerSource + " client=" + clientId + " groups=" + groups + " added="
                + added + " suppressed=" + suppressed;
    }

    /**
     * The WARN line: requested scopes the user is not entitled to, a misconfigured client or an escalation
     * attempt.
     *
     * @return one line of text
     */
    public String suppression() {
        return "suppressed requested scopes " + suppressed + " not entitled by groups " + groups + " on client "
                + clientId;
    }

    private static String list(List<String> values) {
        StringJoiner joiner = new StringJoiner(",", "[", "]");
        int count = 0;
        for (String value : values) {
            if (count++ == MAX_ITEMS) {
                joiner.add("... " + (values.size() - MAX_ITEMS) + " more");
                break;
            }
            joiner.add(clean(value));
        }
        return joiner.toString();
    }

    private static boolean isLineBreakOrControl(char c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static String clean(String value) {
        if (value == null) {
            return "-";
        }
        StringBuilder cleaned = new StringBuilder(Math.min(value.length(), MAX_VALUE_LENGTH));
        for (int i = 0; i < value.length() && i < MAX_VALUE_LENGTH; i++) {
            char c = value.charAt(i);
            cleaned.append(isLineBreakOrControl(c) ? '?' : c);
        }
        return cleaned.toString();
    }
}
