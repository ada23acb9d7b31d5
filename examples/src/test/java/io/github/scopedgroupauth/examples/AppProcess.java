package io.github.scopedgroupauth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a CDK app's main class in a JVM of its own, as the CDK CLI runs an app, on the test classpath.
 *
 * @param status the exit status
 * @param stderr the lines written to stderr, without the banner jsii prints first on an end-of-life Node.js
 *     (lines of {@code !!} and blank lines), which the app cannot prevent
 */
public record AppProcess(int status, List<String> stderr) {

    /**
     * Runs the app with {@code CDK_DEBUG} unset and the cloud assembly written under {@code temp}.
     *
     * @param mainClass the app's main class
     * @param extraClasses a directory of classes to put before the test classpath, or null
     * @param environment variables to set, such as {@code CDK_CONTEXT_JSON}
     * @param temp an empty directory for the output
     * @return how the app ended
     * @throws IOException if the JVM cannot be started
     * @throws InterruptedException if interrupted while waiting
     */
    public static AppProcess run(String mainClass, Path extraClasses, Map<String, String> environment, Path temp)
            throws IOException, InterruptedException {
        String classpath = System.getProperty("java.class.path");
        Path stderr = temp.resolve("stderr.txt");
        ProcessBuilder app = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        extraClasses == null ? classpath : extraClasses + File.pathSeparator + classpath,
                        mainClass)
                .redirectOutput(temp.resolve("stdout.txt").toFile())
                .redirectError(stderr.toFile());
        app.environment().remove("CDK_DEBUG");
        app.environment().put("CDK_OUTDIR", temp.resolve("cdk.out").toString());
        app.environment().putAll(environment);
        Process process = app.start();
        try {
            assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(stderr, StandardCharsets.UTF_8);
        int first = 0;
        while (first < lines.size()
                && (lines.get(first).isBlank() || lines.get(first).startsWith("!!"))) {
            first++;
        }
        return new AppProcess(process.exitValue(), lines.subList(first, lines.size()));
    }
}
