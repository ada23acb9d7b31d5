package io.github.scopedgroupauth.examples.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scopedgroupauth.examples.playground.Playground;
import io.github.scopedgroupauth.examples.playground.PlaygroundSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The sample frontend in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) on the local
 * playground, as users run it: the example synthesized, the function under the runtime interface client deciding
 * each token's scopes, the sign-in and API stand-ins and the page on three origins on the loopback address, so
 * that PKCE, the state check, CORS and the content security policy all take part. Run with
 * {@code mvn -B -ntp -Pbrowser package}; the system properties {@value #BROWSER_PROPERTY} and
 * {@value #DRIVER_PROPERTY} point at another Chromium and chromedriver.
 */
@Tag("browser")
class FrontendBrowserTest {

    /** Where Chromium and its driver are, if not where Debian's packages put them. */
    private static final String BROWSER_PROPERTY = "scopedgroupauth.browser.chromium";

    private static final String DRIVER_PROPERTY = "scopedgroupauth.browser.chromedriver";
    /** A call's outcome, as opposed to the "Calling ..." shown while it runs. */
    private static final Pattern FINAL_STATUS = Pattern.compile("^GET /.*");
    /** Where the screenshots go; docs/images holds copies of them. */
    private static final Path SCREENSHOTS = Path.of("target", "browser");

    private static final String IGNORED =
            "An unexpected sign-in response was ignored: it does not answer a sign-in" + " started in this tab.";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @TempDir
    static Path temporary;

    private static Playground playground;
    private static Path pageFolder;
    private static String config;
    private static ChromeDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException {
        playground = Playground.start(settings(null, "target/playground-browser"));
        pageFolder = playground.runDirectory().resolve("page");
        config = Files.readString(pageFolder.resolve("config.json"));
        browser = new ChromeDriver(
                new ChromeDriverService.Builder()
                        // Never Selenium Manager, which would download a driver.
                        .usingDriverExecutable(Path.of(System.getProperty(DRIVER_PROPERTY, "/usr/bin/chromedriver"))
                                .toFile())
                        .usingAnyFreePort()
                        .build(),
                options(temporary.resolve("chromium-profile")));
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    /** The playground's settings as the Maven profile gives them, with the test's users and a free page port. */
    private static PlaygroundSettings settings(Path cdkOut, String workDirectory) {
        Properties properties = new Properties();
        if (cdkOut != null) {
            properties.setProperty("playground.cdkOut", cdkOut.toString());
        }
        properties.setProperty("playground.users", "src/test/resources/playground/users-with-markup.json");
        properties.setProperty("playground.workDirectory", workDirectory);
        properties.setProperty("playground.pagePort", "0");
        return PlaygroundSettings.from(properties);
    }

    private static ChromeOptions options(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty(BROWSER_PROPERTY, "/usr/bin/chromium"));
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                // Without these, Chromium's own connections are refused on a closed network and slow it down.
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1280,1300",
                "--user-data-dir=" + profile);
        return options;
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (playground != null) {
            playground.close();
        }
    }

    @BeforeEach
    void configuredPage() {
        pageFile("config.json", config);
        pageFile("cdk-outputs.json", null);
    }

    @Test
    void admin_callsBothRoutesWithTheAccessToken_isRefusedAdminWithTheIdToken_andSeesWhy() throws IOException {
        // given
        signIn("ada");

        // then
        assertThat(text("user-name")).isEqualTo("ada@example.com");
        assertThat(text("access-token"))
                .contains("\"scope\": \"openid email profile admin/* everyone/*\"")
                .containsPattern("\"exp\": \\d+, {2}// \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC");
        assertThat(text("id-token")).contains("\"token_use\": \"id\"").doesNotContain("\"scope\"");
        assertThat(decisionRows())
                .containsExactly(
                        "admin/* | kept | group ADMINS",
                        "email | kept | unmanaged: no group and no default names it, so ScopedGroupAuth leaves it as"
                                + " requested",
                        "everyone/* | kept | group EVERYONE",
                        "openid | kept | unmanaged: no group and no default names it, so ScopedGroupAuth leaves it as"
                                + " requested",
                        "profile | kept | unmanaged: no group and no default names it, so ScopedGroupAuth leaves it as"
                                + " requested");

        // when, then
        assertThat(call("admin")).startsWith("GET /admin: 200 OK");
        assertThat(text("result-body")).contains("\"route\": \"admin\"");
        screenshot("playground.png");
        assertThat(call("everyone")).isEqualTo("GET /everyone: 200 OK");

        browser.findElement(By.id("send-id")).click();
        assertThat(call("admin"))
                .isEqualTo("GET /admin: 401 Unauthorized: a route that requires scopes takes only access tokens");
        assertThat(call("everyone"))
                .isEqualTo("GET /everyone: 401 Unauthorized: a route that requires scopes takes only access tokens");
    }

    @Test
    void everyoneMember_asksForAdmin_getsItSuppressed_isForbiddenAdmin_andCallsEveryone() {
        signIn("eve");

        // The page asks for admin/* at the authorize endpoint; the function suppressed it.
        assertThat(text("access-token")).contains("\"scope\": \"openid email profile everyone/*\"");
        assertThat(decisionRows()).startsWith("admin/* | suppressed | no group of the user grants it");
        assertThat(call("admin")).isEqualTo("GET /admin: 403 Forbidden: this token lacks admin/*");
        assertThat(call("everyone")).isEqualTo("GET /everyone: 200 OK");
        browser.findElement(By.id("send-id")).click();
        assertThat(call("everyone"))
                .isEqualTo("GET /everyone: 401 Unauthorized: a route that requires scopes takes only access tokens");
    }

    @Test
    void userInNoGroup_getsNoManagedScope_andIsForbiddenBothRoutes() {
        signIn("nobody");

        assertThat(text("access-token")).contains("\"scope\": \"openid email profile\"");
        assertThat(text("id-token")).doesNotContain("cognito:groups");
        assertThat(decisionRows())
                .contains(
                        "admin/* | suppressed | no group of the user grants it",
                        "everyone/* | suppressed | no group of the user grants it");
        assertThat(call("admin")).isEqualTo("GET /admin: 403 Forbidden: this token lacks admin/*");
        assertThat(call("everyone")).isEqualTo("GET /everyone: 403 Forbidden: this token lacks everyone/*");
    }

    @Test
    void markupInUserData_isShownAsText_onTheSignInPageAndThePage() throws IOException {
        browser.get(playground.pageUrl());
        script("sessionStorage.clear()");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in-mallory")));

        assertThat(text("stand-in-notice").replaceAll("\\s+", " "))
                .startsWith("This is a local stand-in for the user pool's managed login, not" + " Amazon Cognito");
        assertThat(browser.findElements(By.cssSelector("img, b"))).isEmpty();
        screenshot("playground-sign-in.png");
        browser.findElement(By.id("sign-in-mallory")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-in")));

        assertThat(text("user-name")).isEqualTo("<img src=x onerror=alert(1)>mallory@example.com");
        assertThat(browser.findElements(By.cssSelector("#signed-in img"))).isEmpty();
        // The content security policy requires Trusted Types: a string assigned as HTML throws.
        assertThat(script("try { document.getElementById('result-body').innerHTML = '<i>x</i>'; return 'parsed'; }"
                        + " catch (error) { return error.name; }"))
                .isEqualTo("TypeError");
    }

    @Test
    void functionThatFailsItsInit_failsTheSignIn_withTheOAuthErrorOnThePage() throws IOException {
        // given a copy of the cloud assembly whose policy file was changed after synthesis
        Path assembly = copy(playground.runDirectory().resolve("cdk.out"), temporary.resolve("changed-cdk.out"));
        try (Stream<Path> files = Files.walk(assembly)) {
            for (Path policy : files.filter(file -> file.endsWith("scoped-group-auth.conf"))
                    .toList()) {
                Files.writeString(policy, Files.readString(policy).replace("admin/*", "admin/all"));
            }
        }
        try (Playground refusing = Playground.start(settings(assembly, "target/playground-browser"))) {
            // when
            browser.get(refusing.pageUrl());
            wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in")))
                    .click();
            wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in-ada")))
                    .click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));

            // then
            assertThat(text("message"))
                    .startsWith("Sign-in failed: Cognito answered server_error (PreTokenGeneration failed with error"
                            + " io.github.scopedgroupauth.runtime.InvalidPolicyException: ");
            assertThat(browser.findElement(By.id("signed-in")).isDisplayed()).isFalse();
        }
    }

    @Test
    void tamperedState_isIgnoredByThePage_withoutExchangingTheCode_andTheSignInStaysWaiting() {
        String callback = holdAtSignIn("ada");

        browser.get(callback.replace("&state=", "&state=x"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));

        assertThat(text("message")).isEqualTo(IGNORED);
        assertThat(browser.findElement(By.id("signed-in")).isDisplayed()).isFalse();
        assertThat(script("return sessionStorage.length")).isEqualTo(1L);
        assertThat(browser.getCurrentUrl()).isEqualTo(playground.pageUrl());
        // The code is still unused: the waiting verifier exchanges it once.
        assertThat(exchange(callback, pendingVerifier()).statusCode()).isEqualTo(200);
    }

    @Test
    void callbackAddressOpenedAgain_isIgnored_becauseTheVerifierWasUsedOnce() {
        String callback = holdAtSignIn("ada");
        browser.get(callback);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-in")));

        browser.get(callback);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));

        assertThat(text("message")).isEqualTo(IGNORED);
    }

    @Test
    void tokensStayInMemory_andSignOutClearsThem() {
        signIn("ada");
        assertThat(script("return localStorage.length + sessionStorage.length")).isEqualTo(0L);

        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.textToBe(By.id("message"), "You are signed out."));

        assertThat(browser.findElement(By.id("signed-in")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("sign-in")).isDisplayed()).isTrue();
        assertThat(text("access-token")).isEmpty();
        assertThat(text("id-token")).isEmpty();
        assertThat(browser.findElement(By.id("decision")).isDisplayed()).isFalse();
        assertThat(browser.getCurrentUrl()).isEqualTo(playground.pageUrl());
        assertThat(script("return localStorage.length + sessionStorage.length")).isEqualTo(0L);
    }

    @Test
    void cdkOutputsFile_isReadWhenThereIsNoConfigJson_withTheRegionFromTheUserPoolId() {
        pageFile("config.json", null);
        pageFile(
                "cdk-outputs.json",
                "{\"ScopedGroupAuthExample\": {\"UserPoolId\": \"us-east-1_playground\", \"WebClientId\": \""
                        + playground.clientId() + "\", \"HostedUiDomain\": \"" + playground.issuer()
                        + "\", \"ApiUrl\": \"" + playground.apiUrl() + "\"}}");

        signIn("eve");

        assertThat(text("config-summary")).startsWith("User pool us-east-1_playground (us-east-1)");
        assertThat(call("everyone")).isEqualTo("GET /everyone: 200 OK");
    }

    @Test
    void apiUrlWithABareQueryMark_isUsedWithoutIt() {
        String apiUrl = playground.apiUrl();
        pageFile(
                "config.json",
                config.replace("\"" + apiUrl + "\"", "\"" + apiUrl.substring(0, apiUrl.length() - 1) + "?\""));

        signIn("eve");

        assertThat(text("config-summary")).endsWith("API " + apiUrl);
        assertThat(call("everyone")).isEqualTo("GET /everyone: 200 OK");
    }

    @Test
    void errorWithTheWaitingState_isShownAsText_andDropsTheWaitingVerifierAndState() {
        // given a sign-in of this tab waiting for its return with state s
        browser.get(playground.pageUrl());
        script("sessionStorage.setItem('scopedgroupauth.pendingSignIn', '{\"verifier\": \"v\", \"state\": \"s\"}')");

        // when the authorize endpoint returns an error with that state
        browser.get(playground.pageUrl() + "?error=access_denied&error_description=%3Cimg%20src%3Dx%3E&state=s");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));

        // then
        assertThat(text("message")).isEqualTo("Sign-in failed: Cognito answered access_denied (<img src=x>).");
        assertThat(browser.findElements(By.cssSelector("#message img"))).isEmpty();
        assertThat(script("return sessionStorage.length")).isEqualTo(0L);
        assertThat(browser.getCurrentUrl()).isEqualTo(playground.pageUrl());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "&state=", "&state=forged"})
    void errorWithoutTheWaitingState_isIgnored_andTheSignInInProgressStillCompletes(String state) {
        ignoresResponseOfSomeoneElse_andTheSignInInProgressStillCompletes(
                "error=access_denied&error_description=Call%20555-0100%20now" + state);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "&state=", "&state=forged"})
    void codeWithoutTheWaitingState_isIgnored_andTheSignInInProgressStillCompletes(String state) {
        ignoresResponseOfSomeoneElse_andTheSignInInProgressStillCompletes("code=forged" + state);
    }

    private void ignoresResponseOfSomeoneElse_andTheSignInInProgressStillCompletes(String query) {
        // given a sign-in of this tab that has gone to the authorize endpoint and not returned yet
        String callback = holdAtSignIn("ada");

        // when a link sends the tab a response of someone else's making
        browser.get(playground.pageUrl() + "?" + query);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));

        // then its text is not shown, and the sign-in in progress is kept
        assertThat(text("message")).isEqualTo(IGNORED);
        assertThat(browser.getCurrentUrl()).isEqualTo(playground.pageUrl());
        assertThat(script("return sessionStorage.length")).isEqualTo(1L);

        // and the real return completes it
        browser.get(callback);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-in")));
        assertThat(text("user-name")).isEqualTo("ada@example.com");
    }

    @Test
    void errorWithoutASignInInProgress_isIgnored_withoutShowingItsText() {
        browser.get(playground.pageUrl());
        script("sessionStorage.clear()");

        browser.get(playground.pageUrl() + "?error=access_denied&error_description=Call%20555-0100%20now&state=s");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));

        assertThat(text("message")).isEqualTo(IGNORED);
        assertThat(browser.findElement(By.id("sign-in")).isDisplayed()).isTrue();
    }

    @Test
    void callbackWhileNotConfigured_dropsTheWaitingVerifierAndState() {
        browser.get(playground.pageUrl());
        script("sessionStorage.setItem('scopedgroupauth.pendingSignIn', '{\"verifier\": \"v\", \"state\": \"s\"}')");
        pageFile("config.json", null);

        browser.get(playground.pageUrl() + "?code=c&state=s");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));

        assertThat(text("config-summary")).isEqualTo("Not configured.");
        assertThat(script("return sessionStorage.length")).isEqualTo(0L);
        assertThat(browser.getCurrentUrl()).isEqualTo(playground.pageUrl());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "                                  | No configuration: neither config.json nor cdk-outputs.json is next"
                        + " to this page.",
                "[]                                | config.json must hold a JSON object, not an array.",
                "{\"region\": \"eu-west-1\"        | config.json is not valid JSON:",
                "{\"region\": \"eu-west-1\", \"userPoolId\": \"us-east-1_Ab1\", \"clientId\": \"x\", \"domain\":"
                        + " \"http://auth.example.com\", \"apiUrl\": 7} | config.json: `userPoolId` \"us-east-1_Ab1\""
                        + " is not in the Region eu-west-1; `domain` \"http://auth.example.com\" must be an https URL"
                        + " (http only on localhost); `apiUrl` must be a string, not a number.",
                // The content security policy lets the page reach only localhost and 127.0.0.1 over http.
                "{\"region\": \"eu-west-1\", \"userPoolId\": \"eu-west-1_Ab1\", \"clientId\": \"x\", \"domain\":"
                        + " \"https://auth.example.com\", \"apiUrl\": \"http://[::1]:8080/prod/\"} | config.json:"
                        + " `apiUrl` \"http://[::1]:8080/prod/\" must be an https URL (http only on localhost).",
            })
    void missingOrWrongConfiguration_isNamedOnThePage(String content, String message) {
        pageFile("config.json", content);

        browser.get(playground.pageUrl());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));

        assertThat(text("message")).startsWith(message).contains("npx -y aws-cdk@2 deploy --outputs-file");
        assertThat(text("config-summary")).isEqualTo("Not configured.");
        assertThat(browser.findElement(By.id("sign-in")).isDisplayed()).isFalse();
    }

    /** Opens the page in a fresh state and signs the user in on the stand-in's page, waiting for the outcome. */
    private void signIn(String username) {
        browser.get(playground.pageUrl());
        script("sessionStorage.clear()");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in-" + username)))
                .click();
        wait.until(ExpectedConditions.or(
                ExpectedConditions.visibilityOfElementLocated(By.id("signed-in")),
                ExpectedConditions.visibilityOfElementLocated(By.id("message"))));
    }

    /**
     * Starts a sign-in in the browser and completes the stand-in's sign-in page outside it, as a user who has
     * not returned yet: the tab waits for its code, and the returned address is where it would go back to.
     */
    private String holdAtSignIn(String username) {
        browser.get(playground.pageUrl());
        script("sessionStorage.clear()");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in-" + username)));
        String request = URI.create(browser.getCurrentUrl()).getQuery().substring("request=".length());
        HttpResponse<String> answer = post(
                playground.issuer() + "/login",
                "request=" + URLEncoder.encode(request, StandardCharsets.UTF_8) + "&username=" + username);
        return answer.headers().firstValue("Location").orElseThrow();
    }

    private String pendingVerifier() {
        return (String) script("return JSON.parse(sessionStorage.getItem('scopedgroupauth.pendingSignIn')).verifier");
    }

    private static HttpResponse<String> exchange(String callback, String verifier) {
        String code = URI.create(callback).getQuery().replaceFirst("^code=([^&]*).*$", "$1");
        return post(
                playground.issuer() + "/oauth2/token",
                "grant_type=authorization_code&client_id=" + playground.clientId() + "&code=" + code
                        + "&redirect_uri=" + URLEncoder.encode(playground.pageUrl(), StandardCharsets.UTF_8)
                        + "&code_verifier=" + verifier);
    }

    private static HttpResponse<String> post(String url, String form) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The decision table's rows as "scope | outcome | why". */
    private List<String> decisionRows() {
        return browser.findElements(By.cssSelector("#decision-rows tr")).stream()
                .map(row -> String.join(
                        " | ",
                        row.findElements(By.tagName("td")).stream()
                                .map(cell -> cell.getAttribute("textContent"))
                                .toList()))
                .toList();
    }

    /** Calls a route with the chosen token and returns the status line the page shows. */
    private String call(String route) {
        WebElement status = browser.findElement(By.id("result-status"));
        script("document.getElementById('result-status').textContent = ''");
        browser.findElement(By.id("call-" + route)).click();
        wait.until(ExpectedConditions.textMatches(By.id("result-status"), FINAL_STATUS));
        return status.getText();
    }

    private static void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** Writes a file next to the page, or removes it when the content is null. */
    private static void pageFile(String name, String content) {
        try {
            if (content == null) {
                Files.deleteIfExists(pageFolder.resolve(name));
            } else {
                Files.writeString(pageFolder.resolve(name), content);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
        return to;
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getAttribute("textContent");
    }

    private Object script(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }
}
