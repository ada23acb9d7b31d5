package io.github.scopedgroupauth.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private ExampleApp() {}

    /**
     * Synthesizes the example.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
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
