package io.github.scopedgroupauth.runtime.internal;

import io.github.scopedgroupauth.runtime.policy.Printable;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Formats the handler's log lines from values that carry no personal data: trigger source, app client id,
 * group names and scopes. User names, attributes and the event itself are never passed in. Every value is
 * cut to a bounded length and escaped with {@link Printable}, so characters that could forge a log line or hide
 * text in a log viewer show as {@code \}{@code uXXXX}. Not part of the public API.
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
        appendValue(line, triggerSource);
        line.append(" client=");
        appendValue(line, clientId);
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
        appendValue(line, clientId);
        return line.toString();
    }

    /**
     * The WARN line for what the merge took out of the response that the handler's own code wrote: managed
     * scopes the user is not entitled to, and claims that could carry a scope.
     *
     * @param clientId the app client id; may be null
     * @param droppedScopes the added scopes dropped
     * @param removedClaims the claim names removed
     * @return one line of text
     */
    public static String removal(String clientId, List<String> droppedScopes, List<String> removedClaims) {
        StringBuilder line = new StringBuilder(128);
        line.append("removed from the trigger code's response: scopesToAdd ");
        appendList(line, droppedScopes);
        line.append(" not entitled on client ");
        appendValue(line, clientId);
        line.append(", claims ");
        appendList(line, removedClaims);
        line.append(" that only Cognito sets");
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
            appendValue(line, value);
        }
        line.append(']');
    }

    /** Appends the value cut and escaped, so that nothing from an event can end the line or hide in it. */
    private static void appendValue(StringBuilder line, String value) {
        line.append(value == null ? "-" : Printable.excerpt(value, MAX_VALUE_LENGTH));
    }
}
