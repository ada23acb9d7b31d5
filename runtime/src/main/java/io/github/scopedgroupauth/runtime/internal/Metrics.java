package io.github.scopedgroupauth.runtime.internal;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The function's CloudWatch metrics in namespace {@value #NAMESPACE}, each written when it happens as one
 * embedded metric format line on standard output, with the function's name as the only dimension. Not part of
 * the public API.
 *
 * <p>Standard output, not the Lambda logger: with the JSON log format, the logger puts a line into the
 * {@code message} string of its own JSON object, where CloudWatch finds no metric, while Lambda passes a JSON
 * object written to standard output on as it is, in either log format. Each line carries the level of the log
 * line it counts (WARN for a suppression, ERROR for a refusal or a policy that cannot be loaded), so Lambda's
 * log-level filter keeps the metric exactly when it keeps that line.
 *
 * <p>Nothing is written for an event without a suppression, and nothing at all without a function name that
 * matches Lambda's pattern, as outside Lambda.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html">
 *     Specification: Embedded metric format</a>
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-logformat.html">JSON and
 *     plain text log formats</a>
 */
public final class Metrics {

    /** The metric namespace. */
    public static final String NAMESPACE = "ScopedGroupAuth";
    /** Managed scopes suppressed in one event: requested by a user whose groups do not grant them. */
    public static final String SCOPES_SUPPRESSED = "ScopesSuppressed";
    /** Invocations failed on purpose, so that Cognito refuses the sign-in. */
    public static final String EVENTS_REFUSED = "EventsRefused";
    /** Initializations that failed because the policy could not be loaded. */
    public static final String POLICY_LOAD_FAILURES = "PolicyLoadFailures";
    /** The only dimension: the function's name, as in the {@code AWS/Lambda} namespace. */
    public static final String FUNCTION_NAME_DIMENSION = "FunctionName";
    /** Set by Lambda to the function's name. */
    public static final String FUNCTION_NAME_VARIABLE = "AWS_LAMBDA_FUNCTION_NAME";

    /** The longest function name Lambda allows. */
    private static final int MAX_FUNCTION_NAME_LENGTH = 64;

    private static final Metrics NONE = new Metrics(null, null, System::currentTimeMillis);

    private final String functionName;
    private final PrintStream out;
    private final LongSupplier clock;

    private Metrics(String functionName, PrintStream out, LongSupplier clock) {
        this.functionName = functionName;
        this.out = out;
        this.clock = clock;
    }

    /**
     * The metrics of the function Lambda runs: named by {@value #FUNCTION_NAME_VARIABLE}, written to the given
     * stream with the system clock.
     *
     * @param environment the process environment
     * @param out standard output
     * @return the metrics; they write nothing if the variable is missing or not a Lambda function name
     */
    public static Metrics fromEnvironment(Map<String, String> environment, PrintStream out) {
        return of(environment.get(FUNCTION_NAME_VARIABLE), out, System::currentTimeMillis);
    }

    /**
     * Metrics of a given function name, stream and clock.
     *
     * @param functionName the function's name; may be null
     * @param out where each line is written
     * @param clock milliseconds since the epoch
     * @return the metrics; they write nothing if the name is null or not a Lambda function name
     */
    public static Metrics of(String functionName, PrintStream out, LongSupplier clock) {
        return isFunctionName(functionName) ? new Metrics(functionName, out, clock) : NONE;
    }

    /**
     * Whether the name matches Lambda's pattern for a function name, {@code [a-zA-Z0-9-_]{1,64}}, whose characters
     * need no escaping in JSON. Checked character by character: a regular expression would cost a cold start the
     * milliseconds of loading {@code java.util.regex}.
     *
     * @see <a href="https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html">CreateFunction</a>
     */
    private static boolean isFunctionName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_FUNCTION_NAME_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed =
                    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /**
     * Counts the managed scopes suppressed in one event, at WARN like the suppression's log line.
     *
     * @param count the number suppressed; nothing is written for 0
     */
    public void scopesSuppressed(int count) {
        if (count > 0) {
            write("WARN", SCOPES_SUPPRESSED, count);
        }
    }

    /** Counts an event refused on purpose, at ERROR like the refusal's log line. */
    public void eventRefused() {
        write("ERROR", EVENTS_REFUSED, 1);
    }

    /** Counts a policy that could not be loaded at init, at ERROR. */
    public void policyLoadFailed() {
        write("ERROR", POLICY_LOAD_FAILURES, 1);
    }

    /** One write of the whole line, flushed, so that it reaches the log before Lambda freezes the process. */
    private void write(String level, String metric, int count) {
        if (out == null) {
            return;
        }
        byte[] line = EmfLine.of(clock.getAsLong(), level, NAMESPACE, functionName, metric, count)
                .getBytes(StandardCharsets.US_ASCII);
        out.write(line, 0, line.length);
        out.flush();
    }
}
