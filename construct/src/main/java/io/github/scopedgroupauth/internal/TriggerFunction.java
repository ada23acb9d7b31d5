package io.github.scopedgroupauth.internal;

import io.github.scopedgroupauth.ScopedGroupAuthProps;
import io.github.scopedgroupauth.runtime.policy.PolicyFormat;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.UniqueResourceNameOptions;
import software.amazon.awscdk.services.cognito.LambdaVersion;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolOperation;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.CfnVersion;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.FunctionAttributes;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.LayerVersion;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Permission;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * Defines the pre token generation function: its role, log group, code, settings, the alias the trigger
 * points at, and the trigger itself.
 *
 * <p>The function reads the app client ids from its environment, so it depends on the clients, which depend
 * on the pool. If the pool referred to the function in turn, CloudFormation would see a cycle. So the function
 * has a fixed name, and the pool is given the alias ARN built from that name, which refers to no resource;
 * the invoke permission, which does refer to the alias, keeps CloudFormation's order right.
 *
 * @param function the function
 * @param functionName its name, fixed at synth time
 * @param alias the alias {@code live} on its current version, which the trigger invokes
 * @param policyLayer the layer that delivers the policy to a {@code triggerFunction}; null for the embedded
 *     function, whose code holds the policy
 */
public record TriggerFunction(Function function, String functionName, Alias alias, LayerVersion policyLayer) {

    /** Cognito waits at most 5 seconds for a trigger, and this cannot be changed. */
    static final Duration TIMEOUT = Duration.seconds(5);
    /** Stop at the C1 compiler: a short-lived, small handler starts faster without C2. */
    static final String JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

    static final String ALIAS_NAME = "live";
    static final int MAX_FUNCTION_NAME_LENGTH = 64;

    /**
     * The function's settings, with the construct's defaults applied.
     *
     * @param memorySize memory in MB
     * @param logRetention how long the log group keeps logs
     * @param architecture the instruction set
     * @param snapStart whether published versions start from a SnapStart snapshot
     */
    public record Settings(
            Number memorySize, RetentionDays logRetention, Architecture architecture, boolean snapStart) {

        /**
         * The settings of the properties, with the construct's defaults for those not set.
         *
         * @param props the construct's properties
         * @return the settings
         */
        public static Settings of(ScopedGroupAuthProps props) {
            return new Settings(
                    props.getMemorySize() == null ? 512 : props.getMemorySize(),
                    props.getLogRetention() == null ? RetentionDays.THREE_MONTHS : props.getLogRetention(),
                    props.getArchitecture() == null ? Architecture.ARM_64 : props.getArchitecture(),
                    props.getSnapStart() == null || props.getSnapStart());
        }

        /**
         * Records a problem if Lambda would refuse the memory size.
         *
         * @param problems where to record problems
         */
        public void check(Problems problems) {
            if (Token.isUnresolved(memorySize)) {
                problems.add("`memorySize` is a deploy-time token; it must be a plain number of megabytes, such as"
                        + " 512, from 128 to 10240");
            } else if (memorySize.doubleValue() < 128
                    || memorySize.doubleValue() > 10_240
                    || memorySize.doubleValue() % 1 != 0) {
                problems.add("`memorySize` is " + memorySize + "; Lambda allows whole megabytes from 128 to 10240");
            }
        }
    }

    /**
     * Defines the function with its code, role and log group, and the alias on its current version, with the
     * child ids {@code LogGroup}, {@code ServiceRole}, {@code Function} and {@code Alias}.
     *
     * @param scope the ScopedGroupAuth construct
     * @param settings the function's settings
     * @param policyFile the text of the policy file to package with the function code
     * @param clientsVariable the lazy value of the grant variable
     * @param versionDescription the lazy description of the published version
     * @return the function and its alias
     */
    public static TriggerFunction define(
            Construct scope, Settings settings, String policyFile, String clientsVariable, String versionDescription) {
        String functionName = Names.uniqueResourceName(
                scope,
                UniqueResourceNameOptions.builder()
                        .maxLength(MAX_FUNCTION_NAME_LENGTH)
                        .build());
        LogGroup logGroup = logGroup(scope, settings);
        Path code = FunctionCode.stage(scope, policyFile);
        Function function =
                function(scope, functionName, settings, code, role(scope, logGroup), logGroup, clientsVariable);
        FunctionCode.removeIfCopied(function, code);
        ((CfnVersion) function.getCurrentVersion().getNode().getDefaultChild()).setDescription(versionDescription);
        return new TriggerFunction(function, functionName, alias(scope, function), null);
    }

    private static LogGroup logGroup(Construct scope, Settings settings) {
        return LogGroup.Builder.create(scope, "LogGroup")
                .retention(settings.logRetention())
                .build();
    }

    /**
     * Only the function's own log group, and no managed policy: AWSLambdaBasicExecutionRole allows writing to
     * every log group in the account.
     */
    private static Role role(Construct scope, LogGroup logGroup) {
        Role role = Role.Builder.create(scope, "ServiceRole")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Lets the ScopedGroupAuth pre token generation function write its own logs")
                .build();
        logGroup.grantWrite(role);
        return role;
    }

    private static Function function(
            Construct scope,
            String functionName,
            Settings settings,
            Path code,
            Role role,
            LogGroup logGroup,
            String clientsVariable) {
        Function function = Function.Builder.create(scope, "Function")
                .functionName(functionName)
                .description("ScopedGroupAuth: adds and suppresses OAuth scopes in access tokens by group")
                .runtime(Runtime.JAVA_21)
                .architecture(settings.architecture())
                .handler(PolicyFormat.HANDLER)
                .code(Code.fromAsset(code.toString()))
                .memorySize(settings.memorySize())
                .timeout(TIMEOUT)
                .role(role)
                .logGroup(logGroup)
                .loggingFormat(LoggingFormat.JSON)
                .applicationLogLevelV2(ApplicationLogLevel.WARN)
                .snapStart(settings.snapStart() ? SnapStartConf.ON_PUBLISHED_VERSIONS : null)
                .environment(
                        Map.of(PolicyFormat.CLIENTS_VARIABLE, clientsVariable, "JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS))
                .build();
        suppressLatestRuntimeRule(function);
        // The CDK warns that SnapStart needs published versions: the trigger invokes one, through the alias.
        Annotations.of(function)
                .acknowledgeWarning(
                        "@aws-cdk/aws-lambda:snapStartRequirePublish",
                        "the trigger invokes the alias on the current published version");
        return function;
    }

    /** SnapStart applies to published versions only; the alias follows the current one. */
    static Alias alias(Construct scope, Function function) {
        return Alias.Builder.create(scope, "Alias")
                .aliasName(ALIAS_NAME)
                .version(function.getCurrentVersion())
                .build();
    }

    /**
     * cdk-nag's AwsSolutions-L1 asks for the newest Java runtime. The handler is built and tested for
     * {@code java21}, so the construct records that reason where cdk-nag reads suppressions, without a
     * dependency on cdk-nag.
     */
    private static void suppressLatestRuntimeRule(Function function) {
        // Ordered, unlike Map.of, whose order changes from one JVM to the next, so every synthesis writes the
        // same template.
        Map<String, String> rule = new LinkedHashMap<>();
        rule.put("id", "AwsSolutions-L1");
        rule.put(
                "reason",
                "ScopedGroupAuth's embedded handler is built and tested for the java21 runtime, with SnapStart; a"
                        + " newer runtime is adopted in a release that tests it");
        ((CfnResource) function.getNode().getDefaultChild())
                .addMetadata("cdk_nag", Map.of("rules_to_suppress", List.of(rule)));
    }

    /**
     * A construct of ScopedGroupAuth without children, where the synthesis reports attach: the embedded function's
     * resource, or the policy layer's.
     *
     * @return the leaf
     */
    public IConstruct reportLeaf() {
        return (policyLayer == null ? function : policyLayer).getNode().getDefaultChild();
    }

    /**
     * The hash of the asset that holds the policy, which the scope matrix records: the embedded function's code,
     * or the policy layer's content.
     *
     * @return the asset hash
     */
    public String policyAssetHash() {
        return FunctionCode.assetHash(policyLayer == null ? function : policyLayer);
    }

    /**
     * Makes this function's alias the pool's pre token generation trigger, and lets Cognito invoke the alias
     * from this pool only.
     *
     * @param scope the ScopedGroupAuth construct
     * @param pool the user pool
     * @param version the event version
     */
    public void attach(Construct scope, UserPool pool, LambdaVersion version) {
        IFunction byName = Function.fromFunctionAttributes(
                scope,
                "TriggerTarget",
                FunctionAttributes.builder()
                        .functionArn(Stack.of(scope)
                                .formatArn(ArnComponents.builder()
                                        .service("lambda")
                                        .resource("function")
                                        .resourceName(functionName + ":" + ALIAS_NAME)
                                        .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                                        .build()))
                        // The permission below is on the alias itself; the pool must not create one.
                        .sameEnvironment(false)
                        .skipPermissions(true)
                        .build());
        pool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, byName, version);
        alias.addPermission(
                "CognitoInvoke",
                Permission.builder()
                        .principal(new ServicePrincipal("cognito-idp.amazonaws.com"))
                        .sourceArn(pool.getUserPoolArn())
                        .build());
    }
}
