/**
 * An end-to-end harness that runs real function code under the official Lambda runtime interface client (RIC),
 * in a child JVM, against a Lambda Runtime API served by the test on 127.0.0.1.
 *
 * <p>{@link io.github.scopedgroupauth.examples.e2e.LambdaFunction} describes the function as Lambda configures
 * it; {@link io.github.scopedgroupauth.examples.e2e.LambdaProcess} starts the RIC with the command line and
 * environment of the managed {@code java21} runtime ({@code ManagedRuntimeLaunch}) against its own
 * {@link io.github.scopedgroupauth.examples.e2e.RuntimeApiServer}, sends events, waits with bounds, and always
 * ends the child; a failure carries the child's output and what the Runtime API recorded.
 *
 * <pre>{@code
 * LambdaFunction function = LambdaFunction.of(codeDirectory, handler, environment);
 * try (LambdaProcess lambda = LambdaProcess.start(function)) {
 *     InvocationResult result = lambda.invoke(eventJson);
 *     assertThat(lambda.runtimeApi().initErrors()).isEmpty();
 * }
 * }</pre>
 *
 * <p>Service quirks the harness copes with, found in the RIC's source (2.10.1):
 * <ul>
 *   <li>The RIC builds the function's class loader from its working directory ({@code user.dir}), not from
 *       {@code LAMBDA_TASK_ROOT}: the directory itself, then {@code lib/*.jar} in name order, then
 *       {@code /opt/java/lib/*.jar} (layers). So the child is started in the code directory.</li>
 *   <li>Its native client fails the next-event request without {@code Lambda-Runtime-Aws-Request-Id}; the
 *       other headers are optional to it, but Lambda always sends request id, deadline, function ARN and trace
 *       id, and so does the server. Client context and Cognito identity are only sent for mobile SDK calls.</li>
 *   <li>A handler class that cannot be found is not an init error: each invocation then fails with
 *       {@code Runtime.BadFunctionCode}. A constructor that throws is an init error, and the RIC exits with
 *       status 1.</li>
 *   <li>With {@code AWS_LAMBDA_LOG_FORMAT=JSON}, logs are JSON lines on stdout with {@code timestamp},
 *       {@code level}, {@code message} and {@code AWSRequestId}.</li>
 * </ul>
 */
package io.github.scopedgroupauth.examples.e2e;
