package io.github.scopedgroupauth.examples.playground;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The users the sign-in page offers, read from a JSON file such as {@code examples/playground-users.json}:
 * {@code {"users": [{"username": "...", "email": "...", "groups": ["..."]}]}}.
 */
final class TestUsers {

    /** A user name as Cognito allows it, short enough for a page: no spaces, no markup. */
    private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{M}\\p{N}._@+-]{1,128}");
    /** A Cognito group name. */
    private static final Pattern GROUP = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,128}");

    /**
     * One user of the pool.
     *
     * @param username the user name, also the {@code sub} prefix
     * @param email the e-mail address
     * @param groups the user's groups, in the order Cognito would list them
     */
    record TestUser(String username, String email, List<String> groups) {

        TestUser {
            groups = List.copyOf(groups);
        }
    }

    private final Map<String, TestUser> users;
    private final List<String> order;

    private TestUsers(Map<String, TestUser> users) {
        this.users = Map.copyOf(users);
        this.order = List.copyOf(users.keySet());
    }

    /**
     * Reads a users file.
     *
     * @throws IllegalArgumentException naming the file and every problem in it
     */
    static TestUsers read(Path file) {
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("`playground.users` " + file + " cannot be read as JSON", e);
        }
        Map<String, TestUser> users = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (JsonNode user : json.path("users")) {
            String name = user.path("username").asText();
            List<String> groups = new ArrayList<>();
            user.path("groups").forEach(group -> groups.add(group.asText()));
            if (!USERNAME.matcher(name).matches()) {
                problems.add("username '" + name + "' is not 1 to 128 letters, digits or ._@+-");
            } else if (users.containsKey(name)) {
                problems.add("username '" + name + "' appears twice");
            }
            groups.stream()
                    .filter(group -> !GROUP.matcher(group).matches())
                    .forEach(group -> problems.add(
                            "user '" + name + "' has the group '" + group + "', which is not a Cognito group name"));
            users.put(name, new TestUser(name, user.path("email").asText(name + "@example.com"), groups));
        }
        if (users.isEmpty()) {
            problems.add("no users; give at least one under \"users\"");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("`playground.users` " + file + ": " + String.join("; ", problems));
        }
        return new TestUsers(users);
    }

    /** {@return the user with this name} */
    Optional<TestUser> named(String username) {
        return Optional.ofNullable(username).map(users::get);
    }

    /** {@return every user, in file order} */
    List<TestUser> all() {
        return order.stream().map(users::get).toList();
    }
}
