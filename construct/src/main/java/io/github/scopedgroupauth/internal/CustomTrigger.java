package io.github.scopedgroupauth.internal;

import io.github.scopedgroupauth.ScopedGroupAuthProps;
import io.github.scopedgroupauth.runtime.policy.PolicyFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.UniqueResourceNameOptions;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awscdk.services.lambda.CfnVersion;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LayerVersion;
import software.constructs.Construct;

/**
 * Attaches the app's own function ({@code triggerFunction}) as the trigger instead of the embedded one: checks
 * what can be checked at synth, delivers the policy as a layer with the file under {@code /opt} and the grant
 * variable in the function's environment, and gives it the embedded function's wiring (a fixed name, the alias
 * {@code live} on its current version, whose description changes with the grants). The function's own settings,
 * SnapStart included, are its owner's.
 */
public final class CustomTrigger {

    /** The runtimes whose Java release runs the runtime module's classes, built for Java 17. */
    static final Set<String> JAVA_RUNTIMES = Set.of("java17", "java21");
    /** The child id that marks a function as some ScopedGroupAuth's trigger; it adds nothing to the template. */
    static final String MARKER_ID = "ScopedGroupAuthTrigger";
    /** Variables with this prefix are read by the runtime; only the construct sets them. */
    static final String VARIABLE_PREFIX = "SCOPED_GROUP_AUTH_";

    private CustomTrigger() {}

    /**
     * Records the problems of {@code triggerFunction}, if set: its runtime, its stack, a second use, and the
     * properties that configure only the embedded function.
     *
     * @param construct the ScopedGroupAuth construct
     * @param props the properties
     * @param problems where to record problems
     */
    public static void check(Construct construct, ScopedGroupAuthProps props, Problems problems) {
        Function function = props.getTriggerFunction();
        if (function == null) {
            return;
        }
        String path = function.getNode().getPath();
        String runtime = function.getRuntime().getName();
        if (!JAVA_RUNTIMES.contains(runtime)) {
            problems.add("`triggerFunction` " + path + " has runtime '" + runtime + "'; it must run Java 17 or 21"
                    + " (Runtime.JAVA_21 or Runtime.JAVA_17, code from a jar) to call ScopedGroupAuthScopes.apply,"
                    + " or leave `triggerFunction` out for the embedded handler");
        }
        String stack = Stack.of(construct).getNode().getPath();
        if (!Stack.of(function).getNode().getPath().equals(stack)) {
            problems.add("`triggerFunction` " + path + " is in stack "
                    + Stack.of(function).getNode().getPath()
                    + "; define it in stack " + stack + ", with the user pool, because the pool refers to the"
                    + " trigger and the trigger to the clients");
        }
        if (function.getNode().tryFindChild(MARKER_ID) != null) {
            problems.add("`triggerFunction` " + path + " is already the trigger of another ScopedGroupAuth; a"
                    + " function carries one policy: give each user pool a function of its own");
        }
        List<String> embeddedOnly = embeddedOnlyProperties(props);
        if (!embeddedOnly.isEmpty()) {
            problems.add(String.join(", ", embeddedOnly) + " configure the embedded function, which"
                    + " `triggerFunction` " + path + " replaces; set them on that function instead and leave them"
                    + " out here");
        }
    }

    private static List<String> embeddedOnlyProperties(ScopedGroupAuthProps props) {
        List<String> set = new ArrayList<>();
        if (props.getMemorySize() != null) {
            set.add("`memorySize`");
        }
        if (props.getArchitecture() != null) {
            set.add("`architecture`");
        }
        if (props.getLogRetention() != null) {
            set.add("`logRetention`");
        }
        if (props.getSnapStart() != null) {
            set.add("`snapStart`");
        }
        return set;
    }

    /**
     * Attaches the policy to the function and defines the alias the trigger invokes, with the child ids
     * {@code PolicyLayer} and {@code Alias}. A function without a name gets the name the embedded function would
     * get, so that the pool can refer to the alias by name.
     *
     * @param scope the ScopedGroupAuth construct
     * @param function the app's function, checked by {@link #check}
     * @param policyFile the text of the policy file
     * @param clientsVariable the lazy value of the grant variable
     * @param versionDescription the lazy description of the published version
     * @return the function, its name, alias and policy layer
     */
    public static TriggerFunction adopt(
            Construct scope, Function function, String policyFile, String clientsVariable, String versionDescription) {
        String functionName = nameOf(function);
        Path content = FunctionCode.stageLayer(scope, policyFile);
        LayerVersion layer = LayerVersion.Builder.create(scope, "PolicyLayer")
                .code(Code.fromAsset(content.toString()))
                .compatibleRuntimes(List.of(function.getRuntime()))
                .compatibleArchitectures(List.of(function.getArchitecture()))
                .description("ScopedGroupAuth policy file, read by ScopedGroupAuthScopes from /opt")
                .build();
        FunctionCode.removeIfCopied(layer, content);
        function.addLayers(layer);
        function.addEnvironment(PolicyFormat.CLIENTS_VARIABLE, clientsVariable);
        new Construct(function, MARKER_ID);
        ((CfnVersion) function.getCurrentVersion().getNode().getDefaultChild()).setDescription(versionDescription);
        scope.getNode().addValidation(() -> environmentProblems(function, clientsVariable));
        return new TriggerFunction(function, functionName, TriggerFunction.alias(scope, function), layer);
    }

    private static String nameOf(Function function) {
        CfnFunction resource = (CfnFunction) function.getNode().getDefaultChild();
        // The CDK gives an unnamed function a token that resolves to nothing.
        if (resource.getFunctionName() != null && Stack.of(function).resolve(resource.getFunctionName()) != null) {
            return resource.getFunctionName();
        }
        String name = Names.uniqueResourceName(
                function,
                UniqueResourceNameOptions.builder()
                        .maxLength(TriggerFunction.MAX_FUNCTION_NAME_LENGTH)
                        .build());
        resource.setFunctionName(name);
        return name;
    }

    /**
     * At synthesis, when the app has set every variable: a variable the runtime reads, set by the app, would
     * replace the grants or move the policy.
     */
    private static List<String> environmentProblems(Function function, String clientsVariable) {
        Stack stack = Stack.of(function);
        Map<?, ?> variables =
                variablesOf(stack.resolve(((CfnFunction) function.getNode().getDefaultChild()).getEnvironment()));
        List<String> problems = new ArrayList<>();
        String path = function.getNode().getPath();
        for (Map.Entry<?, ?> variable : variables.entrySet()) {
            String name = String.valueOf(variable.getKey());
            if (name.equals(PolicyFormat.CLIENTS_VARIABLE)) {
                if (!Objects.equals(variable.getValue(), stack.resolve(clientsVariable))) {
                    problems.add("`triggerFunction` " + path + " sets " + name + " itself, which replaces the client"
                            + " grants that ScopedGroupAuth writes there: remove that addEnvironment call");
                }
            } else if (name.startsWith(VARIABLE_PREFIX)) {
                problems.add("`triggerFunction` " + path + " sets " + name + ", which ScopedGroupAuthScopes reads to"
                        + " find the policy; only local runs set it: remove it from the function's environment");
            }
        }
        return problems;
    }

    private static Map<?, ?> variablesOf(Object environment) {
        if (environment instanceof Map<?, ?> resolved) {
            Object variables =
                    resolved.containsKey("variables") ? resolved.get("variables") : resolved.get("Variables");
            if (variables instanceof Map<?, ?> map) {
                return map;
            }
        }
        return Map.of();
    }
}
