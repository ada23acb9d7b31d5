package io.github.scopedgroupauth.examples.playground;

import io.github.scopedgroupauth.examples.playground.SynthesizedApp.AppClient;
import io.github.scopedgroupauth.runtime.ScopeDecision;
import io.github.scopedgroupauth.runtime.ScopePolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Prints, without starting anything, which scopes an access token of a cloud assembly's ScopedGroupAuth would
 * have for a client, groups and requested scopes, and why: the decision of the policy file and environment that
 * the function reads.
 *
 * <pre>{@code
 * mvn -B -ntp -Pplayground package -Dplayground.explain -Dplayground.groups=EVERYONE \
 *     -Dplayground.scopes="openid admin/* everyone/*"
 * }</pre>
 *
 * <p>System properties: {@code playground.cdkOut} and {@code playground.stack} as for the playground (without a
 * cloud assembly the example app is synthesized), {@code playground.client} (logical id or made-up id; default
 * the playground's client), {@code playground.groups} (comma-separated; default none) and
 * {@code playground.scopes} (space-separated; default every scope the client allows, as Cognito issues them when
 * the authorize request names none).
 */
public final class Explain {

    private Explain() {}

    /**
     * Prints the decision.
     *
     * @param args ignored; settings are system properties
     * @throws IOException if the cloud assembly cannot be read or synthesized
     */
    public static void main(String[] args) throws IOException {
        System.out.print(explain(System.getProperties()));
    }

    /**
     * The decision as text.
     *
     * @param properties the settings
     * @return the text printed
     * @throws IOException if the cloud assembly cannot be read or synthesized
     */
    public static String explain(Properties properties) throws IOException {
        PlaygroundSettings settings = PlaygroundSettings.from(properties);
        Path run = WorkDirectory.create(settings.workDirectory());
        try {
            Path assembly =
                    settings.cdkOut() != null ? settings.cdkOut() : ExampleSynthesis.into(run.resolve("cdk.out"));
            SynthesizedApp app = AssemblyReader.read(
                    assembly, settings.cdkOut() != null ? settings.stack() : ExampleSynthesis.STACK, settings.region());
            AppClient client = Playground.chooseClient(app, settings.client());
            List<String> groups = split(properties.getProperty("playground.groups", ""), ",");
            String scopes = properties.getProperty("playground.scopes", "");
            List<String> requested = scopes.isBlank() ? client.allowedScopes() : split(scopes, " ");
            ScopePolicy policy = app.function().policy();
            ScopeDecision decision = policy.decide(client.id(), groups, requested);
            return "Stack " + app.stack() + " of " + app.assembly() + ", app client " + client.logicalId() + "\n"
                    + ScopeExplanation.of(
                                    policy,
                                    client.id(),
                                    groups,
                                    requested,
                                    decision.scopesToAdd(),
                                    decision.scopesToSuppress())
                            .text();
        } finally {
            WorkDirectory.delete(run);
        }
    }

    private static List<String> split(String value, String separator) {
        return Arrays.stream(value.split(separator))
                .map(String::strip)
                .filter(part -> !part.isEmpty())
                .distinct()
                .toList();
    }
}
