package io.github.scopedgroupauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

class NagTest {

    @Test
    // Annotations.findError returns the cxapi SynthesisMessage, deprecated without a replacement in this CDK.
    @SuppressWarnings("deprecation")
    void constructsOwnResourcesPassAwsSolutionsChecks() {
        Fixture given = new Fixture();
        given.auth().clients(List.of(given.web)).build();

        Aspects.of(given.stack)
                .add(AwsSolutionsChecks.Builder.create().verbose(true).build());

        List<software.amazon.awscdk.cxapi.SynthesisMessage> errors =
                Annotations.fromStack(given.stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        List<String> ours = errors.stream()
                .filter(error -> error.getId().startsWith("/Test/Auth/"))
                .map(error -> error.getId() + ": " + error.getEntry().getData())
                .collect(Collectors.toList());
        assertThat(ours).isEmpty();
        assertThat(errors)
                .as("the fixture's own user pool still fails checks, so the pack did run")
                .isNotEmpty();
    }

    @Test
    void suppressesOnlyTheLatestRuntimeRule_withASpecificReason() {
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth().build();

        Object metadata = ((software.amazon.awscdk.CfnResource)
                        auth.getFunction().getNode().getDefaultChild())
                .getMetadata("cdk_nag");

        assertThat(metadata)
                .isEqualTo(java.util.Map.of(
                        "rules_to_suppress",
                        List.of(java.util.Map.of(
                                "id",
                                "AwsSolutions-L1",
                                "reason",
                                "ScopedGroupAuth's embedded handler is built and tested for the java21 runtime, with"
                                        + " SnapStart; a newer runtime is adopted in a release that tests it"))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void writesTheSuppressionsKeysInOneOrder_soEverySynthesisWritesTheSameTemplate() {
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth().build();

        Map<String, List<Map<String, String>>> metadata =
                (Map<String, List<Map<String, String>>>) ((software.amazon.awscdk.CfnResource)
                                auth.getFunction().getNode().getDefaultChild())
                        .getMetadata("cdk_nag");

        assertThat(List.copyOf(metadata.get("rules_to_suppress").get(0).keySet()))
                .containsExactly("id", "reason");
    }
}
