package io.github.scopedgroupauth.examples.playground;

import java.nio.file.Path;
import java.util.Properties;

/**
 * What to run the playground on, from system properties ({@code -Dplayground.*}, which Maven passes on).
 *
 * @param cdkOut {@code playground.cdkOut}: the cloud assembly to use, or null to synthesize the example app
 * @param stack {@code playground.stack}: the stack's artifact id, or null for the one with a ScopedGroupAuth
 * @param client {@code playground.client}: the app client's logical id or made-up id, or null for the first
 *     with a {@code http://localhost} callback URL (else the first)
 * @param users {@code playground.users}: the test users file
 * @param frontend {@code playground.frontend}: the sample frontend's folder
 * @param workDirectory {@code playground.workDirectory}: where everything the playground writes goes, inside
 *     the build's {@code target/}
 * @param region {@code playground.region}: the Region to pretend to be in
 * @param pagePort {@code playground.pagePort}: the sample page's port, or -1 for its callback URL's
 * @param authPort {@code playground.authPort}: the sign-in stand-in's port, 0 for a free one
 * @param apiPort {@code playground.apiPort}: the API stand-in's port, 0 for a free one
 */
public record PlaygroundSettings(
        Path cdkOut,
        String stack,
        String client,
        Path users,
        Path frontend,
        Path workDirectory,
        String region,
        int pagePort,
        int authPort,
        int apiPort) {

    /**
     * Reads the settings.
     *
     * @param properties the system properties
     * @return the settings, with the defaults of a run from the examples folder
     */
    public static PlaygroundSettings from(Properties properties) {
        String cdkOut = properties.getProperty("playground.cdkOut", "");
        return new PlaygroundSettings(
                cdkOut.isBlank() ? null : Path.of(cdkOut).toAbsolutePath(),
                blankToNull(properties.getProperty("playground.stack")),
                blankToNull(properties.getProperty("playground.client")),
                Path.of(properties.getProperty("playground.users", "playground-users.json")),
                Path.of(properties.getProperty("playground.frontend", "frontend")),
                Path.of(properties.getProperty("playground.workDirectory", "target/playground")),
                properties.getProperty("playground.region", "us-east-1"),
                port(properties, "playground.pagePort", -1),
                port(properties, "playground.authPort", 0),
                port(properties, "playground.apiPort", 0));
    }

    /**
     * The same settings with other ports, for a run beside another (tests).
     *
     * @param page the page's port, 0 for a free one
     * @return new settings
     */
    public PlaygroundSettings withPagePort(int page) {
        return new PlaygroundSettings(
                cdkOut, stack, client, users, frontend, workDirectory, region, page, authPort, apiPort);
    }

    /**
     * The same settings on another cloud assembly.
     *
     * @param assembly the cloud assembly
     * @return new settings
     */
    public PlaygroundSettings withCdkOut(Path assembly) {
        return new PlaygroundSettings(
                assembly, stack, client, users, frontend, workDirectory, region, pagePort, authPort, apiPort);
    }

    private static int port(Properties properties, String name, int fallback) {
        String value = properties.getProperty(name, "");
        if (value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // Reported below with the value.
        }
        throw new IllegalArgumentException(
                "`" + name + "` '" + value + "' is not a port; give 0 to 65535 (0 picks a free one)");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
