package io.github.scopedgroupauth.internal;

/**
 * Stable construct ids derived from names. A construct id may not contain {@code /}, but group names and
 * resource server identifiers may; escaping keeps distinct names distinct. Changing these ids replaces
 * resources, so they are part of the public contract (see CHANGELOG).
 */
final class ConstructIds {

    private ConstructIds() {}

    /**
     * The id of a child named after {@code name}.
     *
     * @param kind what the child is, e.g. {@code Group}
     * @param name the group name or identifier
     * @return {@code kind + "-" + name} with {@code %} and {@code /} percent-escaped
     */
    static String of(String kind, String name) {
        return kind + "-" + name.replace("%", "%25").replace("/", "%2F");
    }
}
