package io.github.scopedgroupauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;

/**
 * Large policies synthesize. The jsii bridge between Java and the CDK deepens its stack with every call made
 * inside one callback (a validation, a lazy value), so what the construct checks at synthesis must not call
 * into the CDK once per construct of the stack: with a thousand groups that crashed the jsii process.
 */
class ScaleTest {

    @Test
    void synthesizesAThousandGroups_withAGrantedClient_whenTheStacksResourceLimitIsLifted() {
        // given a thousand groups over fifty identifiers, with the CDK's check of CloudFormation's quota lifted
        App app = new App(AppProps.builder()
                .context(Map.of("@aws-cdk/core:stackResourceLimit", 0))
                .build());
        Stack stack = new Stack(app, "Test");
        UserPool pool = UserPool.Builder.create(stack, "Pool").build();
        UserPoolClient web = pool.addClient("Web");
        Map<String, List<String>> groups = new TreeMap<>();
        for (int i = 0; i < 1_000; i++) {
            groups.put("G" + i, List.of("api" + (i % 50) + "/s" + (i % 90)));
        }

        // when
        ScopedGroupAuth auth = ScopedGroupAuth.Builder.create(stack, "Auth")
                .userPool(pool)
                .groupScopes(groups)
                .build();
        auth.grant(web, List.of("api0/s0", "api1/s1"));

        // then
        Template template = Template.fromStack(stack);
        template.resourceCountIs("AWS::Cognito::UserPoolGroup", 1_000);
        template.resourceCountIs("AWS::Cognito::UserPoolResourceServer", 50);
        assertThat(template.findResources("AWS::Lambda::Function")).hasSize(1);
    }
}
