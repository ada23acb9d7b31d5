package io.github.scopedgroupauth.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.UniqueResourceNameOptions;
import software.amazon.awscdk.services.cognito.LambdaVersion;
import software.amazon.awscdk.services.cognito.OAuthScope;
import software.amazon.awscdk.services.cognito.ResourceServerScope;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolGroup;
import software.amazon.awscdk.services.cognito.UserPoolOperation;
import software.amazon.awscdk.services.cognito.UserPoolResourceServer;
import software.amazon.awscdk.services.cognito.UserPoolResourceServerOptions;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.CfnVersion;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.FunctionAttributes;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Permission;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * What {@code ScopedGroupAuth} defines, wired by hand with L2 constructs as a careful user would, for
 * {@link SynthBenchmark}: a described group per group; a named resource server per identifier with the described
 * scopes the groups use; the scopes on the app client; a log group with a retention, a role that may write only to it; the
 * function (fixed name, function jar and mapping file as its code, JSON logs at WARN, SnapStart, 5-second
 * timeout, the client ids and the JIT flags in its environment); a described version, the alias {@code live} and
 * the pool's trigger on the alias by name with the invoke permission on the alias (the function refers to the
 * client, so the pool may not refer to the function). It checks nothing, which is the construct's overhead.
 */
final class HandWiredStack {

    private HandWiredStack() {}

    /**
     * Defines everything in the stack.
     *
     * @param stack the stack, which has the pool
     * @param pool the user pool
     * @param groupScopes the groups and their scopes
     * @param lambdaJar the function jar to package
     * @param root where to write the function code
     * @throws IOException if the code cannot be written
     */
    static void define(Stack stack, UserPool pool, Map<String, List<String>> groupScopes, Path lambdaJar, Path root)
            throws IOException {
        List<OAuthScope> clientScopes = resourceServers(pool, groupScopes);
        UserPoolClient client = pool.addClient("WebClient", SynthBenchmark.clientOptions(clientScopes));
        StringBuilder mapping = new StringBuilder();
        int index = 0;
        for (Map.Entry<String, List<String>> group : groupScopes.entrySet()) {
            String scopes = String.join(" ", group.getValue());
            UserPoolGroup.Builder.create(stack, "Group" + index++)
                    .userPool(pool)
                    .groupName(group.getKey())
                    .description("Members receive the OAuth scopes " + scopes)
                    .build();
            mapping.append(group.getKey()).append(' ').append(scopes).append('\n');
        }
        Path code = Files.createTempDirectory(root, "code-");
        Files.createDirectories(code.resolve("lib"));
        Files.copy(lambdaJar, code.resolve("lib").resolve(lambdaJar.getFileName()));
        Files.writeString(code.resolve("groups.txt"), mapping, StandardCharsets.UTF_8);
        String functionName = Names.uniqueResourceName(
                stack, UniqueResourceNameOptions.builder().maxLength(64).build());
        Alias alias = function(stack, functionName, code, client, mapping.length());
        pool.addTrigger(
                UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG,
                Function.fromFunctionAttributes(
                        stack,
                        "TriggerTarget",
                        FunctionAttributes.builder()
                                .functionArn(stack.formatArn(ArnComponents.builder()
                                        .service("lambda")
                                        .resource("function")
                                        .resourceName(functionName + ":live")
                                        .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                                        .build()))
                                .sameEnvironment(false)
                                .skipPermissions(true)
                                .build()),
                LambdaVersion.V2_0);
        alias.addPermission(
                "CognitoInvoke",
                Permission.builder()
                        .principal(new ServicePrincipal("cognito-idp.amazonaws.com"))
                        .sourceArn(pool.getUserPoolArn())
                        .build());
    }

    /** A resource server per identifier the groups' scopes use, with those scopes, as the construct defines. */
    private static List<OAuthScope> resourceServers(UserPool pool, Map<String, List<String>> groupScopes) {
        Map<String, SortedSet<String>> namesByIdentifier = new TreeMap<>();
        for (List<String> scopes : groupScopes.values()) {
            for (String scope : scopes) {
                int slash = scope.lastIndexOf('/');
                namesByIdentifier
                        .computeIfAbsent(scope.substring(0, slash), key -> new TreeSet<>())
                        .add(scope.substring(slash + 1));
            }
        }
        List<OAuthScope> clientScopes = new ArrayList<>();
        int index = 0;
        for (Map.Entry<String, SortedSet<String>> identifier : namesByIdentifier.entrySet()) {
            List<ResourceServerScope> scopes = new ArrayList<>();
            for (String name : identifier.getValue()) {
                scopes.add(ResourceServerScope.Builder.create()
                        .scopeName(name)
                        .scopeDescription("Granted by group membership")
                        .build());
            }
            UserPoolResourceServer server = pool.addResourceServer(
                    "ResourceServer" + index,
                    UserPoolResourceServerOptions.builder()
                            .identifier(identifier.getKey())
                            .userPoolResourceServerName("resource-server-" + index++)
                            .scopes(scopes)
                            .build());
            for (ResourceServerScope scope : scopes) {
                clientScopes.add(OAuthScope.resourceServer(server, scope));
            }
        }
        return clientScopes;
    }

    private static Alias function(Stack stack, String functionName, Path code, UserPoolClient client, int size) {
        LogGroup logGroup = LogGroup.Builder.create(stack, "LogGroup")
                .retention(RetentionDays.THREE_MONTHS)
                .build();
        Role role = Role.Builder.create(stack, "ServiceRole")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Lets the pre token generation function write its own logs")
                .build();
        logGroup.grantWrite(role);
        Function function = Function.Builder.create(stack, "PreTokenGeneration")
                .functionName(functionName)
                .description("Adds OAuth scopes to access tokens by group")
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler("example.Handler::handleRequest")
                .code(Code.fromAsset(code.toString()))
                .memorySize(512)
                .timeout(Duration.seconds(5))
                .role(role)
                .logGroup(logGroup)
                .loggingFormat(LoggingFormat.JSON)
                .applicationLogLevelV2(ApplicationLogLevel.WARN)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .environment(Map.of(
                        "CLIENT_IDS",
                        client.getUserPoolClientId(),
                        "JAVA_TOOL_OPTIONS",
                        "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"))
                .build();
        ((CfnVersion) function.getCurrentVersion().getNode().getDefaultChild())
                .setDescription("mapping of " + size + " bytes");
        return Alias.Builder.create(stack, "Alias")
                .aliasName("live")
                .version(function.getCurrentVersion())
                .build();
    }
}
