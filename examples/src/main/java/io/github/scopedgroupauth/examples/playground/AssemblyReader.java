package io.github.scopedgroupauth.examples.playground;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scopedgroupauth.examples.playground.SynthesizedApp.AppClient;
import io.github.scopedgroupauth.examples.playground.SynthesizedApp.TriggerFunction;
import io.github.scopedgroupauth.runtime.policy.PolicyFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a cloud assembly ({@code cdk.out}) into what the playground stands in for, and refuses one whose stack
 * has no ScopedGroupAuth: a function with the ScopedGroupAuth handler and its policy file in the code asset.
 */
final class AssemblyReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STACK_TYPE = "aws:cloudformation:stack";
    private static final String LOOKED_FOR = "an AWS::Lambda::Function with the Handler " + PolicyFormat.HANDLER
            + " and the file " + PolicyFormat.FILE_NAME + " in its code asset";

    private AssemblyReader() {}

    /**
     * Reads one stack of a cloud assembly.
     *
     * @param assembly the cloud assembly directory
     * @param stack the stack's artifact id, or null for the one stack that has a ScopedGroupAuth
     * @param region the Region to pretend to be in
     * @throws IllegalArgumentException naming the assembly, the stack and what was looked for, when there is no
     *     such stack or it has no ScopedGroupAuth
     */
    static SynthesizedApp read(Path assembly, String stack, String region) {
        Map<String, JsonNode> templates = templates(assembly);
        String chosen = stack != null ? stack : onlyStackWithTrigger(assembly, templates);
        JsonNode json = templates.get(chosen);
        if (json == null) {
            throw new IllegalArgumentException("`playground.stack` '" + chosen + "' is not a stack of the cloud"
                    + " assembly " + assembly + "; its stacks: " + templates.keySet());
        }
        String userPoolId = region + "_playground";
        Template template = new Template(json, region);
        template.resources("AWS::Cognito::UserPool").keySet().forEach(pool -> template.reference(pool, userPoolId));
        List<AppClient> clients = clients(template);
        TriggerFunction function = function(assembly, chosen, template);
        return new SynthesizedApp(
                assembly,
                chosen,
                region,
                userPoolId,
                function,
                clients,
                RestApiReader.routes(template),
                RestApiReader.gatewayResponseHeaders(template));
    }

    private static Map<String, JsonNode> templates(Path assembly) {
        Path manifest = assembly.resolve("manifest.json");
        if (!Files.isRegularFile(manifest)) {
            throw new IllegalArgumentException("`playground.cdkOut` " + assembly + " is not a cloud assembly: it has"
                    + " no manifest.json; pass the directory that `cdk synth` wrote (cdk.out)");
        }
        Map<String, JsonNode> templates = new LinkedHashMap<>();
        JsonNode artifacts = readJson(manifest).path("artifacts");
        artifacts.properties().forEach(artifact -> {
            if (STACK_TYPE.equals(artifact.getValue().path("type").asText())) {
                String file = artifact.getValue()
                        .path("properties")
                        .path("templateFile")
                        .asText();
                templates.put(artifact.getKey(), readJson(inside(assembly, file)));
            }
        });
        return templates;
    }

    private static String onlyStackWithTrigger(Path assembly, Map<String, JsonNode> templates) {
        List<String> withTrigger = new ArrayList<>();
        templates.forEach((name, json) -> {
            if (triggerFunctions(new Template(json, "us-east-1")).size() == 1) {
                withTrigger.add(name);
            }
        });
        if (withTrigger.size() == 1) {
            return withTrigger.get(0);
        }
        if (withTrigger.isEmpty()) {
            throw new IllegalArgumentException("the cloud assembly " + assembly + " has no ScopedGroupAuth: none of"
                    + " its stacks " + templates.keySet() + " has " + LOOKED_FOR + "; synthesize an app that defines"
                    + " one, or pass its cloud assembly with -Dplayground.cdkOut");
        }
        throw new IllegalArgumentException("the cloud assembly " + assembly + " has a ScopedGroupAuth in several"
                + " stacks " + withTrigger + "; choose one with -Dplayground.stack");
    }

    private static Map<String, JsonNode> triggerFunctions(Template template) {
        Map<String, JsonNode> functions = new LinkedHashMap<>();
        template.resources("AWS::Lambda::Function").forEach((id, properties) -> {
            if (PolicyFormat.HANDLER.equals(properties.path("Handler").asText())) {
                functions.put(id, properties);
            }
        });
        return functions;
    }

    private static TriggerFunction function(Path assembly, String stack, Template template) {
        Map<String, JsonNode> functions = triggerFunctions(template);
        if (functions.size() != 1) {
            throw new IllegalArgumentException("the stack " + stack + " of the cloud assembly " + assembly + " has "
                    + (functions.isEmpty()
                            ? "no ScopedGroupAuth"
                            : functions.size() + " ScopedGroupAuth functions " + functions.keySet()
                                    + ", and the playground stands in for one pool")
                    + ": looked for " + LOOKED_FOR);
        }
        JsonNode properties = functions.values().iterator().next();
        String key = properties.path("Code").path("S3Key").asText();
        Path code = inside(assembly, "asset." + key.replaceFirst("\\.zip$", ""));
        if (!Files.isRegularFile(code.resolve(PolicyFormat.FILE_NAME), LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("the stack " + stack + " of the cloud assembly " + assembly
                    + " has no ScopedGroupAuth: the code asset " + code + " of its function lacks "
                    + PolicyFormat.FILE_NAME + "; looked for " + LOOKED_FOR);
        }
        Map<String, String> environment = template.resolveValues(
                properties.path("Environment").path("Variables"), name -> "the function's variable " + name);
        return new TriggerFunction(
                code,
                PolicyFormat.HANDLER,
                environment,
                properties.path("MemorySize").asInt(128),
                Duration.ofSeconds(properties.path("Timeout").asLong(3)),
                eventVersion(template));
    }

    /** The pool's trigger version: V2_0 sends events of version 2, V3_0 of version 3. */
    private static String eventVersion(Template template) {
        for (JsonNode pool : template.resources("AWS::Cognito::UserPool").values()) {
            JsonNode version =
                    pool.path("LambdaConfig").path("PreTokenGenerationConfig").path("LambdaVersion");
            if ("V3_0".equals(version.asText())) {
                return "3";
            }
        }
        return "2";
    }

    private static List<AppClient> clients(Template template) {
        List<AppClient> clients = new ArrayList<>();
        template.resources("AWS::Cognito::UserPoolClient").forEach((logicalId, properties) -> {
            // A made-up id of Cognito's alphabet, readable and the same at every start.
            String id = logicalId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
            template.reference(logicalId, id);
        });
        template.resources("AWS::Cognito::UserPoolClient").forEach((logicalId, properties) -> {
            if (properties.path("AllowedOAuthFlows").toString().contains("\"code\"")) {
                clients.add(new AppClient(
                        logicalId,
                        template.resolve(JSON.valueToTree(Map.of("Ref", logicalId))),
                        template.resolveAll(properties.path("AllowedOAuthScopes")),
                        template.resolveAll(properties.path("CallbackURLs")),
                        template.resolveAll(properties.path("LogoutURLs"))));
            }
        });
        return clients;
    }

    /** A path of the assembly, refused when it leaves the assembly directory. */
    private static Path inside(Path assembly, String relative) {
        Path resolved = assembly.resolve(relative).normalize();
        if (!resolved.startsWith(assembly.normalize())) {
            throw new IllegalArgumentException(
                    "the cloud assembly " + assembly + " names " + relative + ", which is outside it");
        }
        return resolved;
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
