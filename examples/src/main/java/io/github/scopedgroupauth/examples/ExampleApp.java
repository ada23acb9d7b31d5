package io.github.scopedgroupauth.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * The CDK app of the example: run by the CDK CLI through {@code cdk.json}, or by the README's main job, which
 * synthesizes into {@code examples/cdk.out} and prints the scope matrix that the construct wrote there.
 */
public final class ExampleApp {

    /** Set by the README's main job: where to write the cloud assembly when the CDK CLI is not running. */
    static final String OUTDIR_PROPERTY = "scopedgroupauth.example.outdir";
    /** Set by the CDK CLI's {@code --debug} for the app it runs. */
    static final String CDK_DEBUG = "CDK_DEBUG";
    /** How the JavaScript stack that jsii appends to the message of a CDK error starts: its error's name. */
    static final String JSII_STACK = "\n@jsii/kernel.";

    private ExampleApp() {}

    /**
     * Synthesizes the example. When synthesis fails, prints the problem first and alone on stderr, where the CDK
     * CLI shows it, and exits with status 1; the stack trace follows only in the CDK's debug mode
     * ({@code cdk synth --debug}, or {@code CDK_DEBUG=true}), since the CLI's {@code -v} does not reach the app.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try {
            synthesize();
        } catch (RuntimeException e) {
            System.err.print(failure(e, debugModeEnabled(System.getenv(CDK_DEBUG))));
            System.exit(1);
        }
    }

    private static void synthesize() {
        String outdir = System.getenv("CDK_OUTDIR") == null ? System.getProperty(OUTDIR_PROPERTY) : null;
        App app = outdir == null
                ? new App()
                : new App(AppProps.builder().outdir(outdir).build());
        ScopedGroupAuthExample example = new ScopedGroupAuthExample(app, "ScopedGroupAuthExample", null);
        CloudAssembly assembly = app.synth();
        if (outdir != null) {
            System.out.print(report(example, Path.of(assembly.getDirectory())));
        }
    }

    /**
     * What a failed synthesis prints on stderr: the exception's message, then either its stack trace or how to
     * see it.
     *
     * @param failure what synthesis threw
     * @param debug whether the CDK's debug mode is on
     * @return text ending with a line break
     */
    static String failure(RuntimeException failure, boolean debug) {
        String message =
                withoutJavaScriptStack(failure.getMessage() == null ? failure.toString() : failure.getMessage());
        if (!debug) {
            return message + "\n(For the stack trace, synthesize with --debug or set " + CDK_DEBUG + "=true.)\n";
        }
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace, true));
        return message + "\n\n" + trace;
    }

    /**
     * The message without the JavaScript stack that jsii appends to an error raised in the CDK's own code, such
     * as a failed validation at {@code app.synth()}: a line break, the error's name ({@code @jsii/kernel.} and
     * more), the message again, then its {@code at} lines.
     */
    private static String withoutJavaScriptStack(String message) {
        int stack = message.indexOf(JSII_STACK);
        return stack < 0 ? message : message.substring(0, stack);
    }

    /** As the CDK reads {@value #CDK_DEBUG}: 1, on or true, in any case. */
    private static boolean debugModeEnabled(String value) {
        return value != null && Set.of("1", "on", "true").contains(value.toLowerCase(Locale.ROOT));
    }

    /**
     * What the main job prints: where the stack went, and the scope matrix as the construct wrote it into the
     * cloud assembly, the file a reviewer would compare.
     *
     * @param example the synthesized example
     * @param assembly the cloud assembly directory
     * @return text ending with a line break
     */
    static String report(ScopedGroupAuthExample example, Path assembly) {
        Path matrix = assembly.resolve(example.getAuth().getScopeMatrixMarkdownFile());
        try {
            return "Synthesized stack " + example.getStackName() + " into " + assembly + "\n"
                    + "Scope matrix: " + matrix + "\n\n"
                    + Files.readString(matrix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the scope matrix " + matrix, e);
        }
    }
}
