package io.github.scopedgroupauth.examples.playground;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A synthesized CloudFormation template, with the few intrinsic functions an app's values use resolved as
 * CloudFormation would at deploy time: literals, {@code Ref} (to the resources the playground stands in for and
 * the pseudo parameters) and {@code Fn::Join}.
 */
final class Template {

    /** The made-up values of the pseudo parameters: the playground's Region and a documentation account. */
    private static final Map<String, String> PSEUDO_PARAMETERS = Map.of(
            "AWS::Partition", "aws",
            "AWS::AccountId", "123456789012",
            "AWS::URLSuffix", "amazonaws.com",
            "AWS::StackName", "playground");

    private final JsonNode resources;
    private final String region;
    private final Map<String, String> references = new LinkedHashMap<>();

    Template(JsonNode template, String region) {
        this.resources = template.path("Resources");
        this.region = region;
    }

    /** Makes {@code Ref} to this resource resolve to this value, as the resource's physical id would. */
    void reference(String logicalId, String value) {
        references.put(logicalId, value);
    }

    /** {@return the resources of this type, logical id to properties, in template order} */
    Map<String, JsonNode> resources(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        resources.properties().forEach(resource -> {
            if (type.equals(resource.getValue().path("Type").asText())) {
                found.put(resource.getKey(), resource.getValue().path("Properties"));
            }
        });
        return found;
    }

    /** {@return the resource's type, or empty when the template has no such resource} */
    String typeOf(String logicalId) {
        return resources.path(logicalId).path("Type").asText();
    }

    /**
     * The value as a string, intrinsic functions resolved.
     *
     * @throws IllegalArgumentException naming the value when it uses anything else
     */
    String resolve(JsonNode value) {
        if (value.isTextual() || value.isNumber() || value.isBoolean()) {
            return value.asText();
        }
        if (value.has("Ref")) {
            String name = value.get("Ref").asText();
            if ("AWS::Region".equals(name)) {
                return region;
            }
            String resolved = references.getOrDefault(name, PSEUDO_PARAMETERS.get(name));
            if (resolved != null) {
                return resolved;
            }
        }
        JsonNode join = value.get("Fn::Join");
        if (join != null && join.size() == 2 && join.get(1).isArray()) {
            List<String> parts = new ArrayList<>();
            join.get(1).forEach(part -> parts.add(resolve(part)));
            return String.join(join.get(0).asText(), parts);
        }
        throw new IllegalArgumentException("the playground cannot resolve " + value
                + ": it knows literals, Fn::Join, pseudo parameters and Ref to the user pool and its clients");
    }

    /** {@return each element of an array resolved; empty for a missing value} */
    List<String> resolveAll(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(resolve(element)));
        return List.copyOf(values);
    }

    /** {@return the values of an object, each resolved} */
    Map<String, String> resolveValues(JsonNode object, Function<String, String> onFailure) {
        Map<String, String> values = new LinkedHashMap<>();
        object.properties().forEach(field -> {
            try {
                values.put(field.getKey(), resolve(field.getValue()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(onFailure.apply(field.getKey()) + ": " + e.getMessage(), e);
            }
        });
        return values;
    }
}
