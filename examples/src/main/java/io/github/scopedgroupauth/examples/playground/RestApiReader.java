package io.github.scopedgroupauth.examples.playground;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.scopedgroupauth.examples.playground.SynthesizedApp.Route;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the REST API methods of a template ({@code AWS::ApiGateway::Method} under its resources and stage) and
 * the headers of its gateway responses, as API Gateway would serve them.
 */
final class RestApiReader {

    private static final String RESPONSE_HEADER = "method.response.header.";
    private static final String GATEWAY_HEADER = "gatewayresponse.header.";

    private RestApiReader() {}

    /** {@return every method, its path under the stage, in template order} */
    static List<Route> routes(Template template) {
        String stage = stageName(template);
        Map<String, JsonNode> resources = template.resources("AWS::ApiGateway::Resource");
        List<Route> routes = new ArrayList<>();
        template.resources("AWS::ApiGateway::Method").forEach((id, method) -> {
            JsonNode integration = method.path("Integration");
            JsonNode response = integration.path("IntegrationResponses").path(0);
            routes.add(new Route(
                    method.path("HttpMethod").asText(),
                    "/" + stage + path(resources, method.path("ResourceId")),
                    method.path("AuthorizationType").asText("NONE"),
                    template.resolveAll(method.path("AuthorizationScopes")),
                    constants(response.path("ResponseParameters"), RESPONSE_HEADER),
                    response.path("ResponseTemplates").path("application/json").asText(""),
                    integration.path("Type").asText("")));
        });
        return routes;
    }

    /** {@return the constant headers of each gateway response type, such as {@code UNAUTHORIZED}} */
    static Map<String, Map<String, String>> gatewayResponseHeaders(Template template) {
        Map<String, Map<String, String>> headers = new LinkedHashMap<>();
        template.resources("AWS::ApiGateway::GatewayResponse")
                .forEach((id, response) -> headers.put(
                        response.path("ResponseType").asText(),
                        constants(response.path("ResponseParameters"), GATEWAY_HEADER)));
        return headers;
    }

    private static String stageName(Template template) {
        for (JsonNode stage : template.resources("AWS::ApiGateway::Stage").values()) {
            if (stage.path("StageName").isTextual()) {
                return stage.path("StageName").asText();
            }
        }
        for (JsonNode deployment :
                template.resources("AWS::ApiGateway::Deployment").values()) {
            if (deployment.path("StageName").isTextual()) {
                return deployment.path("StageName").asText();
            }
        }
        return "prod";
    }

    /** The path of a resource: its parents' path parts, or empty for the API's root resource. */
    private static String path(Map<String, JsonNode> resources, JsonNode resourceId) {
        StringBuilder path = new StringBuilder();
        JsonNode current = resourceId;
        // Bounded by the number of resources, so that a template with a loop cannot hang the playground.
        for (int depth = 0; depth <= resources.size() && current.has("Ref"); depth++) {
            JsonNode resource = resources.get(current.get("Ref").asText());
            if (resource == null) {
                break;
            }
            path.insert(0, "/" + resource.path("PathPart").asText());
            current = resource.path("ParentId");
        }
        return path.isEmpty() ? "/" : path.toString();
    }

    /** Header mappings with a constant value ({@code 'value'}); mappings from the request are left out. */
    private static Map<String, String> constants(JsonNode parameters, String prefix) {
        Map<String, String> headers = new LinkedHashMap<>();
        parameters.properties().forEach(parameter -> {
            String value = parameter.getValue().asText();
            if (parameter.getKey().startsWith(prefix)
                    && value.length() >= 2
                    && value.startsWith("'")
                    && value.endsWith("'")) {
                headers.put(parameter.getKey().substring(prefix.length()), value.substring(1, value.length() - 1));
            }
        });
        return headers;
    }
}
