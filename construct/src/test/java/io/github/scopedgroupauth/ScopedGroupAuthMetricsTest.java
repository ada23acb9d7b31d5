package io.github.scopedgroupauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.lambda.CfnFunction;

/** The metric accessors select what the function writes and what Lambda records for it. */
class ScopedGroupAuthMetricsTest {

    @Test
    void alarmOnScopesSuppressed_selectsTheFunctionsOwnMetricByItsName() {
        // given
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth().build();

        // when
        alarm(given.stack, "Suppressed", auth.metricScopesSuppressed());

        // then
        Template template = given.template();
        template.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Map.of(
                        "Namespace", "ScopedGroupAuth",
                        "MetricName", "ScopesSuppressed",
                        "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", functionRef(given, auth))),
                        "Statistic", "Sum",
                        "Period", 300));
    }

    @Test
    void customMetrics_areSumsOver5MinutesOfTheirNames_inTheNamespaceTheFunctionWrites() {
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth().build();

        List<Metric> metrics =
                List.of(auth.metricScopesSuppressed(), auth.metricEventsRefused(), auth.metricPolicyLoadFailures());

        assertThat(metrics)
                .extracting(Metric::getNamespace, Metric::getMetricName, Metric::getStatistic)
                .containsExactly(
                        tuple("ScopedGroupAuth", "ScopesSuppressed", "Sum"),
                        tuple("ScopedGroupAuth", "EventsRefused", "Sum"),
                        tuple("ScopedGroupAuth", "PolicyLoadFailures", "Sum"));
        assertThat(metrics).allSatisfy(metric -> {
            assertThat(metric.getPeriod().toSeconds()).isEqualTo(300);
            assertThat(given.stack.resolve(metric.getDimensions()))
                    .isEqualTo(Map.of("FunctionName", functionRef(given, auth)));
        });
    }

    @Test
    void functionMetrics_areLambdasErrorsAndDuration_ofTheSameFunction() {
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth().build();

        Metric errors = auth.metricErrors();
        Metric duration = auth.metricDuration();

        assertThat(List.of(errors.getNamespace(), errors.getMetricName(), errors.getStatistic()))
                .containsExactly("AWS/Lambda", "Errors", "Sum");
        assertThat(List.of(duration.getNamespace(), duration.getMetricName(), duration.getStatistic()))
                .containsExactly("AWS/Lambda", "Duration", "Average");
        assertThat(given.stack.resolve(errors.getDimensions()))
                .isEqualTo(Map.of("FunctionName", functionRef(given, auth)));
        assertThat(given.stack.resolve(duration.getDimensions()))
                .isEqualTo(Map.of("FunctionName", functionRef(given, auth)));
    }

    @Test
    void optionsChangeStatisticPeriodAndLabel_andKeepTheDimension() {
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth().build();
        MetricOptions options = MetricOptions.builder()
                .statistic("Maximum")
                .period(Duration.minutes(1))
                .label("refused")
                .build();

        List<Metric> metrics = List.of(
                auth.metricScopesSuppressed(options),
                auth.metricEventsRefused(options),
                auth.metricPolicyLoadFailures(options),
                auth.metricErrors(options),
                auth.metricDuration(options));

        assertThat(metrics).allSatisfy(metric -> {
            assertThat(metric.getStatistic()).isEqualTo("Maximum");
            assertThat(metric.getPeriod().toSeconds()).isEqualTo(60);
            assertThat(metric.getLabel()).isEqualTo("refused");
            assertThat(given.stack.resolve(metric.getDimensions()))
                    .isEqualTo(Map.of("FunctionName", functionRef(given, auth)));
        });
    }

    @Test
    void nullOptions_giveTheDefaults() {
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth().build();

        assertThat(given.stack.resolve(auth.metricEventsRefused(null).toMetricConfig()))
                .isEqualTo(given.stack.resolve(auth.metricEventsRefused().toMetricConfig()));
        assertThat(given.stack.resolve(auth.metricErrors(null).toMetricConfig()))
                .isEqualTo(given.stack.resolve(auth.metricErrors().toMetricConfig()));
    }

    @Test
    void callingAnAccessorTwice_givesTheSameMetric_forTwoAlarms() {
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth().build();

        alarm(given.stack, "First", auth.metricEventsRefused());
        alarm(given.stack, "Second", auth.metricEventsRefused());

        Template template = given.template();
        template.resourceCountIs("AWS::CloudWatch::Alarm", 2);
        assertThat(template.findResources(
                                "AWS::CloudWatch::Alarm", Map.of("Properties", Map.of("MetricName", "EventsRefused")))
                        .size())
                .isEqualTo(2);
    }

    @Test
    void functionName_isOneTheFunctionWritesMetricsFor_whateverTheConstructId() {
        // given a construct id with characters a function name may not hold
        Fixture given = new Fixture();

        ScopedGroupAuth auth = ScopedGroupAuth.Builder.create(given.stack, "Auth.With Odd/Chars-ÄÖ_1")
                .userPool(given.pool)
                .groupScopes(Fixture.ADMINS_AND_EVERYONE)
                .build();

        // then the name matches Lambda's pattern, the one the function checks before it writes a metric
        String name = ((CfnFunction) auth.getFunction().getNode().getDefaultChild()).getFunctionName();
        assertThat(name).matches("[A-Za-z0-9_-]{1,64}");
    }

    private static void alarm(Stack stack, String id, Metric metric) {
        Alarm.Builder.create(stack, id)
                .metric(metric)
                .threshold(1)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
    }

    private static Map<String, String> functionRef(Fixture given, ScopedGroupAuth auth) {
        return Map.of("Ref", given.stack.getLogicalId((CfnFunction)
                auth.getFunction().getNode().getDefaultChild()));
    }
}
