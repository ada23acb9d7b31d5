package io.github.scopedgroupauth.benchmarks;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SynthBenchmarkTest {

    private static Map<String, Object> template(String... types) {
        Map<String, Object> resources = new LinkedHashMap<>();
        for (int i = 0; i < types.length; i++) {
            resources.put("Resource" + i, Map.of("Type", types[i], "Properties", Map.of()));
        }
        return Map.of("Resources", resources);
    }

    @Test
    void resourceCounts_countsResourcesByType() {
        Map<String, Object> template =
                template("AWS::Cognito::UserPoolGroup", "AWS::Lambda::Alias", "AWS::Cognito::UserPoolGroup");

        Map<String, Integer> counts = SynthBenchmark.resourceCounts(template);

        assertEquals(Map.of("AWS::Cognito::UserPoolGroup", 2, "AWS::Lambda::Alias", 1), counts);
    }

    @Test
    void checkSameResources_refuses_whenHandWiredStackLacksAType() {
        Map<String, Integer> construct = SynthBenchmark.resourceCounts(
                template("AWS::Lambda::Function", "AWS::Lambda::Version", "AWS::Lambda::Alias"));
        Map<String, Integer> handWired =
                SynthBenchmark.resourceCounts(template("AWS::Lambda::Function", "AWS::Lambda::Version"));

        IllegalStateException thrown = assertThrows(
                IllegalStateException.class, () -> SynthBenchmark.checkSameResources(construct, handWired));

        assertEquals(
                "the hand-wired stack must define the resources the construct defines, so that their synthesis"
                        + " times compare; by CloudFormation type, the construct has {AWS::Lambda::Alias=1,"
                        + " AWS::Lambda::Function=1, AWS::Lambda::Version=1} and the hand-wired stack"
                        + " {AWS::Lambda::Function=1, AWS::Lambda::Version=1}: change HandWiredStack to match",
                thrown.getMessage());
    }

    @Test
    void checkSameResources_refuses_whenCountsOfOneTypeDiffer() {
        Map<String, Integer> construct = SynthBenchmark.resourceCounts(
                template("AWS::Cognito::UserPoolResourceServer", "AWS::Cognito::UserPoolResourceServer"));
        Map<String, Integer> handWired =
                SynthBenchmark.resourceCounts(template("AWS::Cognito::UserPoolResourceServer"));

        assertThrows(IllegalStateException.class, () -> SynthBenchmark.checkSameResources(construct, handWired));
    }

    @Test
    void checkSameResources_accepts_whenEveryTypeHasTheSameCount() {
        Map<String, Integer> construct =
                SynthBenchmark.resourceCounts(template("AWS::Logs::LogGroup", "AWS::IAM::Role"));
        Map<String, Integer> handWired =
                SynthBenchmark.resourceCounts(template("AWS::IAM::Role", "AWS::Logs::LogGroup"));

        assertDoesNotThrow(() -> SynthBenchmark.checkSameResources(construct, handWired));
    }
}
