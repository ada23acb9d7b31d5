package io.github.scopedgroupauth.internal;

import io.github.scopedgroupauth.ScopeMatrix;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.AspectOptions;
import software.amazon.awscdk.AspectPriority;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.IAspect;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * What the construct leaves at synthesis besides its template: a warning when no app client is granted, a
 * warning when the version description cannot name the granted clients, and the scope matrix files. All are
 * decided at synthesis, since {@code grant} may still be called after the construct. A read-only aspect does it, since a validation only
 * reports; it runs after the aspects that change the app, and writes the files only when the late checks find
 * no problem. The construct's validation reports a file that could not be written.
 *
 * <p>The aspect is added to a construct without children, so that it is called once: an aspect is called for
 * every construct below the one it is added to, each call a jsii callback, and thousands of callbacks within
 * one synthesis overflow the jsii bridge's stack.
 */
public final class SynthReports implements IAspect {

    /** The id of the warning that no client is granted, which {@code Annotations.acknowledgeWarning} takes. */
    public static final String NO_CLIENT_GRANTED = "scoped-group-auth:noClientGranted";

    static final String NO_CLIENT_GRANTED_MESSAGE = "no app client is granted (`clients` is empty and `grant` was"
            + " not called), so every app client of the pool may carry the managed scopes of its users' groups:"
            + " list the clients that may carry them in `clients` or grant them with `auth.grant(client)`, or"
            + " acknowledge this warning if every client of the pool should";

    private final Construct construct;
    private final BooleanSupplier anyGranted;
    private final Supplier<List<String>> lateProblems;
    private final VersionDescription description;
    private final Supplier<ScopeMatrix> matrix;
    private List<String> writeProblems = List.of();

    private SynthReports(
            Construct construct,
            BooleanSupplier anyGranted,
            Supplier<List<String>> lateProblems,
            VersionDescription description,
            Supplier<ScopeMatrix> matrix) {
        this.construct = construct;
        this.anyGranted = anyGranted;
        this.lateProblems = lateProblems;
        this.description = description;
        this.matrix = matrix;
    }

    /**
     * Adds the reports to a construct, as a read-only aspect.
     *
     * @param construct the ScopedGroupAuth construct
     * @param leaf a construct of the ScopedGroupAuth construct that has no children, to add the aspect to
     * @param anyGranted whether a client is granted, asked at synthesis
     * @param lateProblems the late checks, run at synthesis
     * @param description the version description
     * @param matrix the construct's scope matrix, as of synthesis
     * @return the reports, whose {@link #writeProblems()} the validation reports
     */
    public static SynthReports register(
            Construct construct,
            IConstruct leaf,
            BooleanSupplier anyGranted,
            Supplier<List<String>> lateProblems,
            VersionDescription description,
            Supplier<ScopeMatrix> matrix) {
        SynthReports reports = new SynthReports(construct, anyGranted, lateProblems, description, matrix);
        Aspects.of(leaf)
                .add(
                        reports,
                        AspectOptions.builder()
                                .priority(AspectPriority.READONLY)
                                .build());
        return reports;
    }

    /**
     * Warns and writes, once per synthesis.
     *
     * @param node the construct the aspect is added to
     */
    @Override
    public void visit(IConstruct node) {
        // On the leaf, not the construct: the CDK (2.263) honours an acknowledgement given before a warning only
        // for warnings below the construct it was given on, so Annotations.of(auth).acknowledgeWarning covers it.
        if (!anyGranted.getAsBoolean()) {
            Annotations.of(node).addWarningV2(NO_CLIENT_GRANTED, NO_CLIENT_GRANTED_MESSAGE);
        }
        if (!description.fits()) {
            Annotations.of(construct)
                    .addWarningV2(
                            "scoped-group-auth:versionDescription",
                            "too many granted clients to name in the function version's description: if"
                                    + " CloudFormation replaces a granted client, also change the function (for"
                                    + " example with invalidateVersionBasedOn) so that a version with the new client"
                                    + " id is published");
        }
        writeProblems = lateProblems.get().isEmpty() ? ScopeMatrixFiles.write(construct, matrix.get()) : List.of();
    }

    /**
     * Why the scope matrix could not be written at the last synthesis.
     *
     * @return one message, or none
     */
    public List<String> writeProblems() {
        return writeProblems;
    }
}
