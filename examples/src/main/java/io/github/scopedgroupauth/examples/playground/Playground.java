package io.github.scopedgroupauth.examples.playground;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scopedgroupauth.examples.playground.SynthesizedApp.AppClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The local playground: signs test users in with the app's own pre token generation function, serves the
 * sample frontend on the app client's callback URL and stands in for the REST API's authorizer, all on the
 * loopback address, until stopped.
 *
 * <pre>{@code
 * mvn -B -ntp -Pplayground package                                  # the example app
 * mvn -B -ntp -Pplayground package -Dplayground.cdkOut=../my-app/cdk.out -Dplayground.stack=MyStack
 * }</pre>
 *
 * <p>Everything it writes (the synthesized example, the page's copy, the runtime's files) goes into a private
 * directory under the work directory and is deleted when it stops; its signing key is never written.
 */
public final class Playground implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<AutoCloseable> running = new ArrayList<>();
    private final Path runDirectory;
    private SynthesizedApp app;
    private AppClient client;
    private String pageUrl;
    private String issuer;
    private String apiUrl;
    private Path functionLogs;
    private String policyProblem;

    private Playground(Path runDirectory) {
        this.runDirectory = runDirectory;
    }

    /**
     * Starts the playground; {@link #close()} stops it.
     *
     * @param settings what to run it on
     * @return the running playground
     * @throws IllegalArgumentException naming the setting and the problem, such as an assembly without a
     *     ScopedGroupAuth
     * @throws IOException if a server or process cannot start
     */
    public static Playground start(PlaygroundSettings settings) throws IOException {
        Playground playground = new Playground(WorkDirectory.create(settings.workDirectory()));
        try {
            playground.startAll(settings);
            return playground;
        } catch (IOException | RuntimeException e) {
            playground.close();
            throw e;
        }
    }

    private void startAll(PlaygroundSettings settings) throws IOException {
        Path assembly =
                settings.cdkOut() != null ? settings.cdkOut() : ExampleSynthesis.into(runDirectory.resolve("cdk.out"));
        app = AssemblyReader.read(
                assembly, settings.cdkOut() != null ? settings.stack() : ExampleSynthesis.STACK, settings.region());
        TestUsers users = TestUsers.read(settings.users());
        client = chooseClient(app, settings.client());
        String callback = client.callbackUrls().stream()
                .filter(url -> url.startsWith("http://localhost:"))
                .findFirst()
                .orElse(null);
        PageServer page = null;
        if (callback != null) {
            int port = settings.pagePort() >= 0
                    ? settings.pagePort()
                    : URI.create(callback).getPort();
            page = started(new PageServer(settings.frontend(), directory("page"), port));
            pageUrl = page.url();
        }
        Map<String, String> rewrites = new LinkedHashMap<>();
        if (page != null && !pageUrl.equals(callback)) {
            rewrites.put(origin(callback), origin(pageUrl));
            client = withPageUrl(client, pageUrl);
        }
        TokenKeys keys = new TokenKeys();
        FunctionProcess function = started(new FunctionProcess(app.function(), directory("function")));
        function.start();
        functionLogs = runDirectory.resolve("function");
        OidcStandIn oidc = started(new OidcStandIn(
                settings.authPort(),
                List.of(client),
                keys,
                iss -> {
                    TokenIssuer tokens = new TokenIssuer(app, function::invoke, keys, iss);
                    policyProblem = tokens.policyProblem();
                    return tokens;
                },
                users));
        issuer = oidc.issuer();
        ApiStandIn api = started(new ApiStandIn(settings.apiPort(), app, rewrites, keys, issuer));
        apiUrl = api.stageUrl();
        if (page != null) {
            page.configure(pageConfig());
        }
    }

    /** The client named, or the first with a {@code http://localhost} callback URL, or the first. */
    static AppClient chooseClient(SynthesizedApp app, String wanted) {
        if (wanted != null) {
            return app.client(wanted)
                    .orElseThrow(() -> new IllegalArgumentException("`playground.client` '" + wanted + "' is not an"
                            + " app client with the authorization code flow in stack " + app.stack() + "; its clients: "
                            + app.clients().stream().map(AppClient::logicalId).toList()));
        }
        return app.clients().stream()
                .filter(candidate ->
                        candidate.callbackUrls().stream().anyMatch(url -> url.startsWith("http://localhost:")))
                .findFirst()
                .or(() -> app.clients().stream().findFirst())
                .orElseThrow(() -> new IllegalArgumentException("stack " + app.stack() + " of " + app.assembly()
                        + " has no app client with the authorization code flow (AllowedOAuthFlows code), which"
                        + " the playground's sign-in needs"));
    }

    /** The client with the page's own address as one more callback and sign-out URL. */
    private static AppClient withPageUrl(AppClient client, String pageUrl) {
        List<String> callbacks = new ArrayList<>(client.callbackUrls());
        callbacks.add(pageUrl);
        List<String> logouts = new ArrayList<>(client.logoutUrls());
        logouts.add(pageUrl);
        return new AppClient(client.logicalId(), client.id(), client.allowedScopes(), callbacks, logouts);
    }

    private String pageConfig() throws JsonProcessingException {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("region", app.region());
        config.put("userPoolId", app.userPoolId());
        config.put("clientId", client.id());
        config.put("domain", issuer);
        config.put("apiUrl", apiUrl);
        return JSON.writeValueAsString(config);
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private Path directory(String name) throws IOException {
        return Files.createDirectory(runDirectory.resolve(name));
    }

    private <T extends AutoCloseable> T started(T part) {
        running.add(0, part);
        return part;
    }

    /** {@return the sample page's address, or null when the client has no {@code http://localhost} callback} */
    public String pageUrl() {
        return pageUrl;
    }

    /** {@return the sign-in stand-in's issuer and domain, {@code http://127.0.0.1:port}} */
    public String issuer() {
        return issuer;
    }

    /** {@return the API stand-in's stage URL, ending with a slash} */
    public String apiUrl() {
        return apiUrl;
    }

    /** {@return the made-up id of the app client the page signs in with} */
    public String clientId() {
        return client.id();
    }

    /**
     * {@return the playground's private run directory: the synthesized example ({@code cdk.out}), the page's copy
     *     ({@code page}, served as it is on disk) and the function's logs ({@code function})}
     */
    public Path runDirectory() {
        return runDirectory;
    }

    /** {@return the redirect URIs the stand-in accepts for that client} */
    public List<String> callbackUrls() {
        return client.callbackUrls();
    }

    /** {@return what the playground prints when it has started} */
    public String banner() {
        StringBuilder text = new StringBuilder();
        text.append("ScopedGroupAuth playground: local stand-ins, not AWS. Stack ")
                .append(app.stack())
                .append(" of ")
                .append(app.assembly())
                .append('\n');
        text.append("  Sample page:    ")
                .append(pageUrl == null ? "(the client has no http://localhost callback)" : pageUrl)
                .append('\n');
        text.append("  Sign-in (OIDC): ").append(issuer).append("/.well-known/openid-configuration\n");
        text.append("  App client:     ")
                .append(client.logicalId())
                .append(", client_id ")
                .append(client.id())
                .append(", redirect URIs ")
                .append(client.callbackUrls())
                .append('\n');
        text.append("  API:            ").append(apiUrl).append('\n');
        text.append("  Function logs:  ").append(functionLogs).append('\n');
        if (policyProblem != null) {
            text.append("WARNING: the function's policy file cannot be read, so, as in Cognito, every sign-in will"
                            + " fail: ")
                    .append(policyProblem)
                    .append('\n');
        }
        text.append("Press Ctrl-C to stop; everything under ")
                .append(runDirectory)
                .append(" is then deleted.\n");
        return text.toString();
    }

    /** Stops every server and process and deletes the run directory. Safe to call more than once. */
    @Override
    public synchronized void close() {
        for (AutoCloseable part : running) {
            try {
                part.close();
            } catch (Exception e) {
                System.err.println("playground: stopping " + part.getClass().getSimpleName() + " failed: " + e);
            }
        }
        running.clear();
        WorkDirectory.delete(runDirectory);
    }

    /**
     * Runs the playground until Ctrl-C, or with {@code -Dplayground.explain} prints one decision and exits.
     *
     * @param args ignored; settings are system properties
     * @throws IOException if a server or process cannot start
     * @throws InterruptedException if interrupted while running
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (System.getProperty("playground.explain") != null) {
            Explain.main(args);
            return;
        }
        Playground playground = start(PlaygroundSettings.from(System.getProperties()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            playground.close();
                            stopped.countDown();
                        },
                        "playground-stop"));
        System.out.print(playground.banner());
        System.out.flush();
        stopped.await();
    }

    static {
        // The JDK's HTTP server writes headers and body separately; without this, each answer waits ~40 ms.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }
}
