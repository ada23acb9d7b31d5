/**
 * An end-to-end harness that runs real function code under the official Lambda runtime interface client (RIC),
 * in a child JVM, against a Lambda Runtime API served by the test on 127.0.0.1.
 *
 * <p>The pieces, one job each:
 * <ul>
 *   <li>{@link io.github.scopedgroupauth.examples.e2e.LambdaFunction}: the function as Lambda would configure
 *       it (code directory, handler, environment, memory, timeout);</li>
 *   <li>{@link io.github.scopedgroupauth.examples.e2e.LambdaProcess}: starts the RIC the way the managed
 *       {@code java21} runtime does, sends events, waits with bounds, always ends the child;</li>
 *   <li>{@link io.github.scopedgroupauth.examples.e2e.RuntimeApiServer}: the Runtime API, recording results,
 *       invocation errors and init errors;</li>
 *   <li>{@link io.github.scopedgroupauth.examples.e2e.RuntimeInterfaceClient}: the RIC's jars from the test
 *       classpath and its native library;</li>
 *   <li>{@code ManagedRuntimeLaunch}: the JVM command line and the environment of the managed runtime.</li>
 * </ul>
 *
 * <pre>{@code
 * LambdaFunction function = LambdaFunction.builder()
 *     .codeDirectory(Path.of("cdk.out", "asset.<hash>"))      // the function's Code asset
 *     .handler(handler)                                        // Properties.Handler
 *     .environment(variables)                                  // Properties.Environment.Variables, tokens replaced
 *     .build();
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
