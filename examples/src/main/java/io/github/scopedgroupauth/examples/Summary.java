package io.github.scopedgroupauth.examples;

import io.github.scopedgroupauth.ScopedGroupAuth;

/** The short, readable summary the README's main job prints after synthesizing the example. */
final class Summary {

    private Summary() {}

    /**
     * Describes the synthesized example.
     *
     * @param example the example stack
     * @param assemblyDirectory where the cloud assembly was written
     * @return lines of text
     */
    static String of(ScopedGroupAuthExample example, String assemblyDirectory) {
        ScopedGroupAuth auth = example.getAuth();
        StringBuilder text = new StringBuilder()
                .append("Synthesized stack ")
                .append(example.getStackName())
                .append(" into ")
                .append(assemblyDirectory)
                .append('\n')
                .append('\n')
                .append(String.format("%-10s %s%n", "group", "scopes added to its members' access tokens"));
        for (String group : auth.getGroups().keySet()) {
            text.append(String.format("%-10s %s%n", group, String.join(" ", auth.scopesFor(group))));
        }
        text.append('\n')
                .append(String.format("%-10s %s%n", "client", "scopes it may carry"))
                .append(String.format(
                        "%-10s %s%n",
                        example.getWebClient().getNode().getId(),
                        String.join(
                                " ",
                                auth.getGroups().keySet().stream()
                                        .flatMap(group -> auth.scopesFor(group).stream())
                                        .distinct()
                                        .sorted()
                                        .toList())))
                .append('\n')
                .append("Users in neither group get no managed scope; requested scopes they are not entitled to")
                .append(" are suppressed.\n");
        return text.toString();
    }
}
