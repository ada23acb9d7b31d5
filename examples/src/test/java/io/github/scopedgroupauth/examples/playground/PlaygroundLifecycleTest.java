package io.github.scopedgroupauth.examples.playground;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scopedgroupauth.runtime.policy.PolicyFormat;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The playground as a process: a function that refuses every event fails the sign-in with an OAuth error; the
 * servers listen on the loopback address only; stopping ends every child process and deletes what it wrote.
 */
@EnabledOnOs(OS.LINUX)
class PlaygroundLifecycleTest {

    @TempDir
    Path temporary;

    @Test
    void functionThatFails_failsTheSignInWithAnOAuthError_andStoppingLeavesNothing() throws IOException {
        // given a cloud assembly whose policy file was changed after synthesis: the function refuses to start
        Path assembly = ExampleSynthesis.into(temporary.resolve("cdk.out"));
        try (Stream<Path> assets = Files.list(assembly)) {
            for (Path policy : assets.map(asset -> asset.resolve(PolicyFormat.FILE_NAME))
                    .filter(Files::isRegularFile)
                    .toList()) {
                Files.writeString(policy, Files.readString(policy).replace("admin/*", "admin/all"));
            }
        }
        Playground playground = Playground.start(PlaygroundTest.settings(assembly));
        Path run = playground.runDirectory();
        URI api = URI.create(playground.apiUrl());
        try {
            // when
            String callback = new PlaygroundClient(playground).callbackAfterSignIn("openid", "ada");

            // then
            Map<String, String> answer = PlaygroundClient.query(callback);
            assertThat(answer.get("error")).isEqualTo("server_error");
            assertThat(answer.get("state")).isEqualTo("state-1");
            assertThat(answer.get("error_description"))
                    .startsWith("PreTokenGeneration failed with error ")
                    .contains("InvalidPolicyException");
            // The page's server runs until the stop; the runtime, after its init error, may have exited already.
            assertThat(children("Serve.java")).hasSize(1);
            assertThat(reachableFromOtherThanLoopback(api.getPort())).isEmpty();
        } finally {
            playground.close();
        }

        assertThat(children("AWSLambda")).isEmpty();
        assertThat(children("Serve.java")).isEmpty();
        assertThat(run).doesNotExist();
        playground.close();
    }

    /** The processes this JVM started, still running, whose command line contains this. */
    private static List<ProcessHandle> children(String marker) {
        return ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().commandLine().orElse("").contains(marker))
                .sorted(Comparator.comparing(ProcessHandle::pid))
                .toList();
    }

    /** An address of this machine, other than loopback, on which the port answers, if any. */
    private static Optional<InetAddress> reachableFromOtherThanLoopback(int port) throws IOException {
        for (NetworkInterface network : NetworkInterface.networkInterfaces().toList()) {
            for (InetAddress address : network.inetAddresses().toList()) {
                if (address.isLoopbackAddress() || address.isLinkLocalAddress()) {
                    continue;
                }
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(address, port), 1000);
                    return Optional.of(address);
                } catch (IOException refused) {
                    // Refused: nothing listens there, as it should be.
                }
            }
        }
        return Optional.empty();
    }
}
