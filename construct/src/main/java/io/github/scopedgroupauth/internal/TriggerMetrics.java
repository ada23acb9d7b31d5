package io.github.scopedgroupauth.internal;

import io.github.scopedgroupauth.runtime.internal.Metrics;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.lambda.IFunction;

/**
 * The metrics the trigger function writes in namespace {@value Metrics#NAMESPACE}, selected by the dimension it
 * writes, its function name, as {@code Function.metric(...)} selects the {@code AWS/Lambda} ones.
 */
public final class TriggerMetrics {

    private TriggerMetrics() {}

    /**
     * One of the function's own metrics: the sum over 5 minutes unless the options say otherwise.
     *
     * @param function the trigger function; its name token resolves to the name Lambda gives the function code
     * @param metricName a metric name of {@link Metrics}
     * @param options changes to the defaults; may be null
     * @return the metric
     */
    public static Metric of(IFunction function, String metricName, MetricOptions options) {
        Metric metric = Metric.Builder.create()
                .namespace(Metrics.NAMESPACE)
                .metricName(metricName)
                .dimensionsMap(Map.of(Metrics.FUNCTION_NAME_DIMENSION, function.getFunctionName()))
                .statistic("Sum")
                .period(Duration.minutes(5))
                .build()
                .attachTo(function);
        return options == null ? metric : metric.with(options);
    }
}
