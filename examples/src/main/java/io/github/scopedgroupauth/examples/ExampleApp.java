package io.github.scopedgroupauth.examples;

import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * The CDK app of the example: run by the CDK CLI through {@code cdk.json}, or by the README's main job, which
 * synthesizes into {@code examples/cdk.out} and prints a summary.
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
            System.out.print(Summary.of(example, assembly.getDirectory()));
        }
    }
}
