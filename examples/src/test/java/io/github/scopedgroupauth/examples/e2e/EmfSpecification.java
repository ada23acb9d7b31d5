package io.github.scopedgroupauth.examples.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The rules of CloudWatch's embedded metric format specification that a document must meet for CloudWatch to
 * extract its metrics, checked on a parsed log line: the root's {@code _aws} metadata with {@code Timestamp} and
 * {@code CloudWatchMetrics}, each directive's {@code Namespace}, {@code Dimensions} and {@code Metrics} with
 * {@code Name} and {@code Unit}, and the target members they refer to.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html">
 *     Specification: Embedded metric format</a>
 */
final class EmfSpecification {

    /** The units the specification allows, as CloudWatch's {@code StandardUnit}. */
    private static final Set<String> UNITS = Set.of(
            "Seconds",
            "Microseconds",
            "Milliseconds",
            "Bytes",
            "Kilobytes",
            "Megabytes",
            "Gigabytes",
            "Terabytes",
            "Bits",
            "Kilobits",
            "Megabits",
            "Gigabits",
            "Terabits",
            "Percent",
            "Count",
            "Bytes/Second",
            "Kilobytes/Second",
            "Megabytes/Second",
            "Gigabytes/Second",
            "Terabytes/Second",
            "Bits/Second",
            "Kilobits/Second",
            "Megabits/Second",
            "Gigabits/Second",
            "Terabits/Second",
            "Count/Second",
            "None");

    private EmfSpecification() {}

    /** {@return what in the document breaks the specification; empty for a valid document} */
    static List<String> problems(JsonNode root) {
        List<String> problems = new ArrayList<>();
        JsonNode aws = root.path("_aws");
        if (!root.isObject() || !aws.isObject()) {
            problems.add("the root is not an object with the object member _aws");
            return problems;
        }
        if (!aws.path("Timestamp").isIntegralNumber() || aws.path("Timestamp").asLong() < 0) {
            problems.add("_aws.Timestamp is not milliseconds since the epoch: " + aws.path("Timestamp"));
        }
        JsonNode directives = aws.path("CloudWatchMetrics");
        if (!directives.isArray() || directives.isEmpty()) {
            problems.add("_aws.CloudWatchMetrics is not an array of metric directives: " + directives);
            return problems;
        }
        for (JsonNode directive : directives) {
            checkDirective(root, directive, problems);
        }
        return problems;
    }

    private static void checkDirective(JsonNode root, JsonNode directive, List<String> problems) {
        String namespace = directive.path("Namespace").asText("");
        if (!directive.path("Namespace").isTextual() || namespace.isEmpty() || namespace.length() > 255) {
            problems.add("Namespace is not a string of 1 to 255 characters: " + directive.path("Namespace"));
        }
        JsonNode dimensionSets = directive.path("Dimensions");
        if (!dimensionSets.isArray()) {
            problems.add("Dimensions is not an array of dimension sets: " + dimensionSets);
        }
        for (JsonNode set : dimensionSets) {
            if (!set.isArray() || set.size() > 30) {
                problems.add("a dimension set is not an array of at most 30 keys: " + set);
                continue;
            }
            for (JsonNode key : set) {
                JsonNode value = root.path(key.asText());
                if (!key.isTextual() || !value.isTextual() || value.asText().isEmpty()) {
                    problems.add("dimension " + key + " has no string target member: " + value);
                }
            }
        }
        JsonNode metrics = directive.path("Metrics");
        if (!metrics.isArray() || metrics.isEmpty() || metrics.size() > 100) {
            problems.add("Metrics is not an array of 1 to 100 metric definitions: " + metrics);
            return;
        }
        for (JsonNode metric : metrics) {
            checkMetric(root, metric, problems);
        }
    }

    private static void checkMetric(JsonNode root, JsonNode metric, List<String> problems) {
        JsonNode name = metric.path("Name");
        if (!name.isTextual() || name.asText().isEmpty() || name.asText().length() > 255) {
            problems.add("a metric Name is not a string of 1 to 255 characters: " + name);
            return;
        }
        if (metric.has("Unit") && !UNITS.contains(metric.path("Unit").asText())) {
            problems.add("metric " + name + " has a Unit the specification does not allow: " + metric.get("Unit"));
        }
        if (!root.path(name.asText()).isNumber()) {
            problems.add("metric " + name + " has no number target member: " + root.path(name.asText()));
        }
    }
}
