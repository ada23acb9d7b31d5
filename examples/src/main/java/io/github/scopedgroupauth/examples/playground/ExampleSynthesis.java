package io.github.scopedgroupauth.examples.playground;

import io.github.scopedgroupauth.examples.ScopedGroupAuthExample;
import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

/** Synthesizes the example app for a playground run that was given no cloud assembly. */
final class ExampleSynthesis {

    /** The example's stack id. */
    static final String STACK = "ScopedGroupAuthExample";

    private ExampleSynthesis() {}

    /** {@return the cloud assembly directory, synthesized into this one} */
    static Path into(Path outdir) {
        App app = new App(AppProps.builder().outdir(outdir.toString()).build());
        new ScopedGroupAuthExample(app, STACK, null);
        return Path.of(app.synth().getDirectory());
    }
}
