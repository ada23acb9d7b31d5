package io.github.scopedgroupauth.runtime.internal;

import java.time.Instant;

/**
 * One CloudWatch embedded metric format (EMF) document of a single count, as one line of JSON. Not part of the
 * public API.
 *
 * <p>The document has a fixed shape, and each string in it is either a constant of this class or a function name
 * that {@link Metrics} has checked against Lambda's pattern {@code [A-Za-z0-9_-]}: no character in it needs
 * escaping in JSON, so none is escaped, and no JSON library is needed in the function jar. Besides the EMF members
 * ({@code _aws}, the dimension and the metric), the root object carries {@code timestamp} (RFC 3339) and
 * {@code level}, which Lambda's log-level filter reads from a JSON line written to standard output: without a
 * level it counts the line as INFO, and drops it at the construct's application log level WARN.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html">
 *     Specification: Embedded metric format</a>
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-log-level.html">Log-level
 *     filtering</a>
 */
final class EmfLine {

    private EmfLine() {}

    /**
     * Writes the document.
     *
     * @param epochMillis when the counted thing happened
     * @param level the log level Lambda's filter reads, such as {@code WARN}
     * @param namespace the metric namespace
     * @param functionName the value of the {@value Metrics#FUNCTION_NAME_DIMENSION} dimension, needing no escape
     * @param metric the metric's name, needing no escape
     * @param count the count, at least 1
     * @return the document, ending with a line break
     */
    static String of(long epochMillis, String level, String namespace, String functionName, String metric, int count) {
        StringBuilder line = new StringBuilder(320);
        line.append("{\"timestamp\":\"");
        line.append(Instant.ofEpochMilli(epochMillis));
        line.append("\",\"level\":\"").append(level);
        line.append("\",\"_aws\":{\"Timestamp\":").append(epochMillis);
        line.append(",\"CloudWatchMetrics\":[{\"Namespace\":\"").append(namespace);
        line.append("\",\"Dimensions\":[[\"").append(Metrics.FUNCTION_NAME_DIMENSION);
        line.append("\"]],\"Metrics\":[{\"Name\":\"").append(metric);
        line.append("\",\"Unit\":\"Count\"}]}]},\"").append(Metrics.FUNCTION_NAME_DIMENSION);
        line.append("\":\"").append(functionName);
        line.append("\",\"").append(metric).append("\":").append(count);
        line.append("}\n");
        return line.toString();
    }
}
