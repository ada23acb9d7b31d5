package io.github.scopedgroupauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cognito.FeaturePlan;
import software.amazon.awscdk.services.cognito.UserPool;

/**
 * Review of issue 8: moving validation into {@code Configuration} must not change the message a user sees.
 * Before, the memory size was checked before the stack's capacity; now after, so the list of problems reads
 * in another order.
 */
class ValidationOrderReviewTest {

    @Test
    void listsTheMemorySizeBeforeTheStackCapacity_asBeforeIssue8() {
        // given a stack with room for 5 resources and a memory size Lambda refuses
        App app = new App(AppProps.builder()
                .context(Map.of("@aws-cdk/core:stackResourceLimit", 5))
                .build());
        Stack stack = new Stack(app, "Test");
        UserPool pool = UserPool.Builder.create(stack, "Pool")
                .featurePlan(FeaturePlan.ESSENTIALS)
                .build();

        // when / then both problems are reported, in the order of 2a752e5
        assertThatThrownBy(() -> ScopedGroupAuth.Builder.create(stack, "Auth")
                        .userPool(pool)
                        .groupScopes(Map.of("ADMINS", List.of("admin/*")))
                        .memorySize(64)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Test/Auth has 2 problems:\n"
                        + "- `memorySize` is 64; Lambda allows whole megabytes from 128 to 10240\n"
                        + "- ScopedGroupAuth would add 9 resources to stack Test (1 group, 1 resource server and 7"
                        + " for the trigger), which already has 1: 10 in all, more than the 5 resources"
                        + " CloudFormation allows in one stack. Pass createGroups(false) and manage the groups"
                        + " elsewhere (another stack, or outside CloudFormation), or define ScopedGroupAuth and its"
                        + " user pool in a stack with room");
        assertThat(stack.getNode().tryFindChild("Auth").getNode().getChildren()).isEmpty();
    }
}
