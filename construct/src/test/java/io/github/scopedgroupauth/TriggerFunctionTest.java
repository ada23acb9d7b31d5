package io.github.scopedgroupauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scopedgroupauth.runtime.policy.PolicyFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.services.cognito.FeaturePlan;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.constructs.Construct;

/** {@code triggerFunction}: the app's own function attached as the trigger, with the policy as a layer. */
class TriggerFunctionTest {

    @TempDir
    static Path code;

    @Test
    void attachesTheAppsFunction_withThePolicyLayer_theGrantVariable_andTheEmbeddedWiring() {
        Fixture given = new Fixture();
        Function own = javaFunction(given.stack, "Own", Runtime.JAVA_21, Architecture.ARM_64);

        ScopedGroupAuth auth =
                given.auth().clients(List.of(given.web)).triggerFunction(own).build();

        Template template = given.template();
        assertThat(auth.getFunction()).isSameAs(own);
        template.resourceCountIs("AWS::Lambda::Function", 1);
        template.hasResourceProperties(
                "AWS::Lambda::LayerVersion",
                Map.of("CompatibleRuntimes", List.of("java21"), "CompatibleArchitectures", List.of("arm64")));
        template.hasResourceProperties(
                "AWS::Lambda::Function",
                Map.of(
                        "FunctionName",
                        Match.stringLikeRegexp("TestOwn[0-9A-F]{8}"),
                        "Handler",
                        "example.Own::handleRequest",
                        "Layers",
                        List.of(Map.of("Ref", Match.stringLikeRegexp("AuthPolicyLayer.*"))),
                        "Environment",
                        Map.of("Variables", Map.of("SCOPED_GROUP_AUTH_CLIENTS", Match.anyValue()))));
        template.hasResourceProperties("AWS::Lambda::Alias", Map.of("Name", "live"));
        template.hasResourceProperties(
                "AWS::Lambda::Permission",
                Map.of(
                        "Principal",
                        "cognito-idp.amazonaws.com",
                        "SourceArn",
                        Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("Pool.*"), "Arn"))));
        template.hasResourceProperties(
                "AWS::Cognito::UserPool",
                Map.of(
                        "LambdaConfig",
                        Map.of(
                                "PreTokenGenerationConfig",
                                Map.of(
                                        "LambdaVersion",
                                        "V2_0",
                                        "LambdaArn",
                                        Map.of(
                                                "Fn::Join",
                                                List.of(
                                                        "",
                                                        Match.arrayWith(List.of(Match.stringLikeRegexp(
                                                                ":function:TestOwn[0-9A-F]{8}:live")))))))));
    }

    @Test
    void keepsTheFunctionsOwnName_andSettings() {
        Fixture given = new Fixture();
        Function own = Function.Builder.create(given.stack, "Own")
                .functionName("tenant-trigger")
                .runtime(Runtime.JAVA_17)
                .handler("example.Own::handleRequest")
                .code(Code.fromAsset(code.toString()))
                .memorySize(1024)
                .build();

        given.auth().triggerFunction(own).build();

        given.template()
                .hasResourceProperties(
                        "AWS::Lambda::Function",
                        Map.of("FunctionName", "tenant-trigger", "MemorySize", 1024, "Runtime", "java17"));
        given.template()
                .hasResourceProperties(
                        "AWS::Cognito::UserPool",
                        Map.of(
                                "LambdaConfig",
                                Map.of(
                                        "PreTokenGenerationConfig",
                                        Match.objectLike(Map.of(
                                                "LambdaArn",
                                                Map.of(
                                                        "Fn::Join",
                                                        List.of(
                                                                "",
                                                                Match.arrayWith(List.of(
                                                                        ":function:tenant-trigger:live")))))))));
    }

    @Test
    void thePolicyLayerHoldsThePolicyFileTheEmbeddedFunctionWouldGet_underOpt() throws IOException {
        Fixture custom = new Fixture();
        custom.auth()
                .triggerFunction(javaFunction(custom.stack, "Own", Runtime.JAVA_21, Architecture.X86_64))
                .build();
        Fixture embedded = new Fixture();
        embedded.auth().build();

        String layerFile = assetFile(
                custom.app.synth(), "AWS::Lambda::LayerVersion", "scoped-group-auth/" + PolicyFormat.FILE_NAME);
        String codeFile = assetFile(embedded.app.synth(), "AWS::Lambda::Function", PolicyFormat.FILE_NAME);

        assertThat(layerFile).isEqualTo(codeFile).contains("group ADMINS admin/*\n");
    }

    @Test
    void refusesAFunctionThatIsNotJava17Or21_namingTheRuntime() {
        Fixture given = new Fixture();
        Function node = Function.Builder.create(given.stack, "Node")
                .runtime(Runtime.NODEJS_22_X)
                .handler("index.handler")
                .code(Code.fromInline("exports.handler = async (e) => e;"))
                .build();

        assertThatThrownBy(() -> given.auth().triggerFunction(node).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("`triggerFunction` Test/Node has runtime 'nodejs22.x'; it must run Java 17 or 21"
                        + " (Runtime.JAVA_21 or Runtime.JAVA_17, code from a jar) to call"
                        + " ScopedGroupAuthScopes.apply, or leave `triggerFunction` out for the embedded handler");
    }

    @Test
    void refusesTheEmbeddedFunctionsSettings_besideATriggerFunction() {
        Fixture given = new Fixture();
        Function own = javaFunction(given.stack, "Own", Runtime.JAVA_21, Architecture.ARM_64);

        assertThatThrownBy(() -> given.auth()
                        .triggerFunction(own)
                        .memorySize(1024)
                        .snapStart(false)
                        .build())
                .hasMessage("`memorySize`, `snapStart` configure the embedded function, which `triggerFunction`"
                        + " Test/Own replaces; set them on that function instead and leave them out here");
    }

    @Test
    void refusesAFunctionOfAnotherStack() {
        Fixture given = new Fixture();
        Function own = javaFunction(new Stack(given.app, "Other"), "Own", Runtime.JAVA_21, Architecture.ARM_64);

        assertThatThrownBy(() -> given.auth().triggerFunction(own).build())
                .hasMessage("`triggerFunction` Other/Own is in stack Other; define it in stack Test, with the user"
                        + " pool, because the pool refers to the trigger and the trigger to the clients");
    }

    @Test
    void refusesAFunctionGivenToASecondScopedGroupAuth() {
        Fixture given = new Fixture();
        Function own = javaFunction(given.stack, "Own", Runtime.JAVA_21, Architecture.ARM_64);
        given.auth().triggerFunction(own).build();
        UserPool second = UserPool.Builder.create(given.stack, "Second")
                .featurePlan(FeaturePlan.ESSENTIALS)
                .build();

        assertThatThrownBy(() -> ScopedGroupAuth.Builder.create(given.stack, "Auth2")
                        .userPool(second)
                        .groupScopes(Fixture.ADMINS_AND_EVERYONE)
                        .triggerFunction(own)
                        .build())
                .hasMessage("`triggerFunction` Test/Own is already the trigger of another ScopedGroupAuth; a function"
                        + " carries one policy: give each user pool a function of its own");
    }

    @Test
    void refusesAtSynth_aVariableOfTheFunctionThatWouldMoveThePolicyOrReplaceTheGrants() {
        Fixture given = new Fixture();
        Function own = javaFunction(given.stack, "Own", Runtime.JAVA_21, Architecture.ARM_64);
        own.addEnvironment("SCOPED_GROUP_AUTH_LAYER_ROOT", "/tmp");
        given.auth().triggerFunction(own).build();
        own.addEnvironment(PolicyFormat.CLIENTS_VARIABLE, "00000000:*");

        assertThatThrownBy(() -> given.app.synth())
                .hasMessageContaining("`triggerFunction` Test/Own sets SCOPED_GROUP_AUTH_LAYER_ROOT, which"
                        + " ScopedGroupAuthScopes reads to find the policy; only local runs set it: remove it from"
                        + " the function's environment")
                .hasMessageContaining("`triggerFunction` Test/Own sets SCOPED_GROUP_AUTH_CLIENTS itself, which"
                        + " replaces the client grants that ScopedGroupAuth writes there: remove that addEnvironment"
                        + " call");
    }

    @Test
    void withoutATriggerFunction_definesNoLayer() {
        Fixture given = new Fixture();

        given.auth().build();

        given.template().resourceCountIs("AWS::Lambda::LayerVersion", 0);
        given.template()
                .hasResourceProperties(
                        "AWS::Lambda::Function", Map.of("Handler", PolicyFormat.HANDLER, "Layers", Match.absent()));
    }

    private static Function javaFunction(Construct scope, String id, Runtime runtime, Architecture architecture) {
        return Function.Builder.create(scope, id)
                .runtime(runtime)
                .architecture(architecture)
                .handler("example." + id + "::handleRequest")
                .code(Code.fromAsset(code.toString()))
                .build();
    }

    /** A file of the code asset of the one resource of this type in the synthesized stack. */
    @SuppressWarnings("unchecked")
    private static String assetFile(CloudAssembly assembly, String type, String file) throws IOException {
        Map<String, Map<String, Object>> resources = Template.fromJSON(
                        (Map<String, Object>) assembly.getStackByName("Test").getTemplate())
                .findResources(type);
        assertThat(resources).hasSize(1);
        Map<?, ?> properties = (Map<?, ?>) resources.values().iterator().next().get("Properties");
        Map<?, ?> content = (Map<?, ?>) properties.get(properties.containsKey("Code") ? "Code" : "Content");
        String s3Key = String.valueOf(content.get("S3Key"));
        return Files.readString(
                Path.of(assembly.getDirectory(), "asset." + s3Key.replace(".zip", ""), file), StandardCharsets.UTF_8);
    }
}
