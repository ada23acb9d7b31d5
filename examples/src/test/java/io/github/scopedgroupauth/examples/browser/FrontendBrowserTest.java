package io.github.scopedgroupauth.examples.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scopedgroupauth.examples.browser.StandInCognito.TestUser;
import io.github.scopedgroupauth.runtime.ScopePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
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
 * The sample frontend in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}), served by
 * its own {@code Serve.java}, signing in against {@link StandInCognito} and calling {@link StandInApi}: three
 * origins on the loopback address, so that PKCE, the state check, CORS and the content security policy all
 * take part. Run with {@code mvn -B -ntp -Pbrowser package}; the system properties
 * {@value #BROWSER_PROPERTY} and {@value #DRIVER_PROPERTY} point at another Chromium and chromedriver.
 */
@Tag("browser")
class FrontendBrowserTest {

    /** Where Chromium and its driver are, if not where Debian's packages put them. */
    private static final String BROWSER_PROPERTY = "scopedgroupauth.browser.chromium";

    private static final String DRIVER_PROPERTY = "scopedgroupauth.browser.chromedriver";
    private static final String CLIENT_ID = "4k2n8q1v7c3x9m5b6z0p1r2s3t";
    private static final String USER_POOL_ID = "eu-west-1_Ex4mple12";
    /** The example's groups and scopes (ScopedGroupAuthExample). */
    private static final ScopePolicy POLICY = ScopePolicy.builder()
            .groupScopes(Map.of("ADMINS", List.of("admin/*"), "EVERYONE", List.of("everyone/*")))
            .build();

    private static final TestUser ADMIN = new TestUser("ada", "ada@example.com", List.of("ADMINS", "EVERYONE"));
    /** Also shows that claims are shown as text: this e-mail address would be markup if parsed as HTML. */
    private static final TestUser EVERYONE =
            new TestUser("eve", "<img src=x onerror=alert(1)>eve@example.com", List.of("EVERYONE"));
    /** A call's outcome, as opposed to the "Calling ..." shown while it runs. */
    private static final Pattern FINAL_STATUS = Pattern.compile("^GET /.*");
    /** Where the screenshot of the signed-in page is written; docs/images/frontend.png is a copy of it. */
    private static final Path SCREENSHOT = Path.of("target", "browser", "frontend.png");

    @TempDir
    static Path temporary;

    private static FrontendServer page;
    private static StandInCognito cognito;
    private static StandInApi api;
    private static ChromeDriver browser;
    private static WebDriverWait wait;
    private static String config;

    @BeforeAll
    static void start() throws IOException {
        page = new FrontendServer(Path.of("frontend"), temporary.resolve("frontend"));
        TokenKeys keys = new TokenKeys();
        cognito = new StandInCognito(keys, POLICY, CLIENT_ID, USER_POOL_ID, page.url());
        String origin = page.url().substring(0, page.url().length() - 1);
        api = new StandInApi(keys, "https://cognito-idp.eu-west-1.amazonaws.com/" + USER_POOL_ID, origin);
        config = "{\"region\": \"eu-west-1\", \"userPoolId\": \"" + USER_POOL_ID + "\", \"clientId\": \"" + CLIENT_ID
                + "\", \"domain\": \"" + cognito.domain() + "\", \"apiUrl\": \"" + api.url() + "\"}";
        browser = new ChromeDriver(
                new ChromeDriverService.Builder()
                        // Never Selenium Manager, which would download a driver.
                        .usingDriverExecutable(Path.of(System.getProperty(DRIVER_PROPERTY, "/usr/bin/chromedriver"))
                                .toFile())
                        .usingAnyFreePort()
                        .build(),
                options(temporary.resolve("chromium-profile")));
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
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
                "--window-size=1280,1000",
                "--user-data-dir=" + profile);
        return options;
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (api != null) {
            api.close();
        }
        if (cognito != null) {
            cognito.close();
        }
        if (page != null) {
            page.close();
        }
    }

    @BeforeEach
    void configuredPage() {
        page.file("config.json", config);
        page.file("cdk-outputs.json", null);
    }

    @Test
    void adminsAndEveryoneUser_callsBothRoutesWithTheAccessToken_andIsRefusedAdminWithTheIdToken() throws IOException {
        // given
        signIn(ADMIN, false);

        // then
        assertThat(text("user-name")).isEqualTo("ada@example.com");
        assertThat(text("access-token"))
                .contains("\"scope\": \"admin/* email everyone/* openid profile\"")
                .containsPattern("\"exp\": \\d+, {2}// \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC");
        assertThat(text("id-token")).contains("\"token_use\": \"id\"").doesNotContain("\"scope\"");

        // when, then
        assertThat(call("admin")).startsWith("GET /admin: 200 OK");
        assertThat(text("result-body")).contains("\"route\": \"admin\"");
        Files.createDirectories(SCREENSHOT.getParent());
        Files.write(SCREENSHOT, browser.getScreenshotAs(OutputType.BYTES));
        assertThat(call("everyone")).isEqualTo("GET /everyone: 200 OK");

        browser.findElement(By.id("send-id")).click();
        assertThat(call("admin"))
                .isEqualTo("GET /admin: 401 Unauthorized: a route that requires scopes takes only access tokens");
    }

    @Test
    void everyoneUser_isForbiddenAdmin_andCallsEveryone_andSeesClaimsAsText() {
        signIn(EVERYONE, false);

        // admin/* was requested, and suppressed: the user's groups do not grant it.
        assertThat(text("access-token")).contains("\"scope\": \"email everyone/* openid profile\"");
        assertThat(call("admin")).isEqualTo("GET /admin: 403 Forbidden: this token lacks admin/*");
        assertThat(call("everyone")).isEqualTo("GET /everyone: 200 OK");
        assertThat(text("user-name")).isEqualTo("<img src=x onerror=alert(1)>eve@example.com");
        assertThat(browser.findElements(By.cssSelector("#signed-in img"))).isEmpty();
        // The content security policy requires Trusted Types: a string assigned as HTML throws.
        assertThat(script("try { document.getElementById('result-body').innerHTML = '<i>x</i>'; return 'parsed'; }"
                        + " catch (error) { return error.name; }"))
                .isEqualTo("TypeError");
    }

    @Test
    void tamperedState_isIgnoredByThePage_withoutExchangingTheCode_andTheSignInStaysWaiting() {
        int exchanges = cognito.tokenAnswers().size();

        signIn(ADMIN, true);

        assertThat(text("message"))
                .isEqualTo("An unexpected sign-in response was ignored: it does not answer a sign-in started in this"
                        + " tab.");
        assertThat(browser.findElement(By.id("signed-in")).isDisplayed()).isFalse();
        assertThat(cognito.tokenAnswers()).hasSize(exchanges);
        assertThat(script("return sessionStorage.length")).isEqualTo(1L);
        assertThat(browser.getCurrentUrl()).isEqualTo(page.url());
    }

    @Test
    void callbackAddressOpenedAgain_isIgnored_becauseTheVerifierWasUsedOnce() {
        signIn(ADMIN, false);
        String used = cognito.lastRedirect();
        int exchanges = cognito.tokenAnswers().size();

        browser.get(used);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));

        assertThat(text("message"))
                .isEqualTo("An unexpected sign-in response was ignored: it does not answer a sign-in started in this"
                        + " tab.");
        assertThat(cognito.tokenAnswers()).hasSize(exchanges);
    }

    @Test
    void tokensStayInMemory_andSignOutClearsThem() {
        signIn(ADMIN, false);
        assertThat(script("return localStorage.length + sessionStorage.length")).isEqualTo(0L);

        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.textToBe(By.id("message"), "You are signed out."));

        assertThat(browser.findElement(By.id("signed-in")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("sign-in")).isDisplayed()).isTrue();
        assertThat(text("access-token")).isEmpty();
        assertThat(text("id-token")).isEmpty();
        assertThat(cognito.logouts()).last().isEqualTo(Map.of("client_id", CLIENT_ID, "logout_uri", page.url()));
        assertThat(script("return localStorage.length + sessionStorage.length")).isEqualTo(0L);
    }

    @Test
    void cdkOutputsFile_isReadWhenThereIsNoConfigJson_withTheRegionFromTheUserPoolId() {
        page.file("config.json", null);
        page.file(
                "cdk-outputs.json",
                "{\"ScopedGroupAuthExample\": {\"UserPoolId\": \"" + USER_POOL_ID + "\", \"WebClientId\": \""
                        + CLIENT_ID + "\", \"HostedUiDomain\": \"" + cognito.domain() + "\", \"ApiUrl\": \""
                        + api.url() + "\"}}");

        signIn(EVERYONE, false);

        assertThat(text("config-summary")).startsWith("User pool " + USER_POOL_ID + " (eu-west-1)");
        assertThat(call("everyone")).isEqualTo("GET /everyone: 200 OK");
    }

    @Test
    void apiUrlWithABareQueryMark_isUsedWithoutIt() {
        String withoutSlash = api.url().substring(0, api.url().length() - 1);
        page.file("config.json", config.replace("\"" + api.url() + "\"", "\"" + withoutSlash + "?\""));

        signIn(EVERYONE, false);

        assertThat(text("config-summary")).endsWith("API " + api.url());
        assertThat(call("everyone")).isEqualTo("GET /everyone: 200 OK");
    }

    @Test
    void errorWithTheWaitingState_isShownAsText_andDropsTheWaitingVerifierAndState() {
        // given a sign-in of this tab waiting for its return with state s
        browser.get(page.url());
        script("sessionStorage.setItem('scopedgroupauth.pendingSignIn', '{\"verifier\": \"v\", \"state\": \"s\"}')");

        // when the authorize endpoint returns an error with that state
        browser.get(page.url() + "?error=access_denied&error_description=%3Cimg%20src%3Dx%3E&state=s");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));

        // then
        assertThat(text("message")).isEqualTo("Sign-in failed: Cognito answered access_denied (<img src=x>).");
        assertThat(browser.findElements(By.cssSelector("#message img"))).isEmpty();
        assertThat(script("return sessionStorage.length")).isEqualTo(0L);
        assertThat(browser.getCurrentUrl()).isEqualTo(page.url());
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
        browser.get(page.url());
        script("sessionStorage.clear()");
        browser.navigate().refresh();
        cognito.holdNextRedirect(ADMIN);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in"))).click();
        wait.until(ExpectedConditions.urlContains("/oauth2/authorize"));
        int exchanges = cognito.tokenAnswers().size();

        // when a link sends the tab a response of someone else's making
        browser.get(page.url() + "?" + query);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));

        // then its text is not shown, nothing is exchanged, and the sign-in in progress is kept
        assertThat(text("message"))
                .isEqualTo("An unexpected sign-in response was ignored: it does not answer a sign-in started in this"
                        + " tab.");
        assertThat(browser.getCurrentUrl()).isEqualTo(page.url());
        assertThat(script("return sessionStorage.length")).isEqualTo(1L);
        assertThat(cognito.tokenAnswers()).hasSize(exchanges);

        // and the real return completes it
        browser.get(cognito.lastRedirect());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-in")));
        assertThat(text("user-name")).isEqualTo("ada@example.com");
        assertThat(cognito.tokenAnswers()).hasSize(exchanges + 1).last().isEqualTo("200");
    }

    @Test
    void errorWithoutASignInInProgress_isIgnored_withoutShowingItsText() {
        browser.get(page.url());
        script("sessionStorage.clear()");

        browser.get(page.url() + "?error=access_denied&error_description=Call%20555-0100%20now&state=s");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));

        assertThat(text("message"))
                .isEqualTo("An unexpected sign-in response was ignored: it does not answer a sign-in started in this"
                        + " tab.");
        assertThat(browser.findElement(By.id("sign-in")).isDisplayed()).isTrue();
    }

    @Test
    void callbackWhileNotConfigured_dropsTheWaitingVerifierAndState() {
        browser.get(page.url());
        script("sessionStorage.setItem('scopedgroupauth.pendingSignIn', '{\"verifier\": \"v\", \"state\": \"s\"}')");
        page.file("config.json", null);

        browser.get(page.url() + "?code=c&state=s");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));

        assertThat(text("config-summary")).isEqualTo("Not configured.");
        assertThat(script("return sessionStorage.length")).isEqualTo(0L);
        assertThat(browser.getCurrentUrl()).isEqualTo(page.url());
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
        page.file("config.json", content);

        browser.get(page.url());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));

        assertThat(text("message")).startsWith(message).contains("npx -y aws-cdk@2 deploy --outputs-file");
        assertThat(text("config-summary")).isEqualTo("Not configured.");
        assertThat(browser.findElement(By.id("sign-in")).isDisplayed()).isFalse();
    }

    /** Opens the page in a fresh state and signs in through the stand-in, waiting for the outcome. */
    private void signIn(TestUser user, boolean tamperWithState) {
        browser.get(page.url());
        script("sessionStorage.clear()");
        browser.navigate().refresh();
        cognito.nextSignIn(user, tamperWithState);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in"))).click();
        wait.until(ExpectedConditions.or(
                ExpectedConditions.visibilityOfElementLocated(By.id("signed-in")),
                ExpectedConditions.visibilityOfElementLocated(By.id("message"))));
    }

    /** Calls a route with the chosen token and returns the status line the page shows. */
    private String call(String route) {
        WebElement status = browser.findElement(By.id("result-status"));
        script("document.getElementById('result-status').textContent = ''");
        browser.findElement(By.id("call-" + route)).click();
        wait.until(ExpectedConditions.textMatches(By.id("result-status"), FINAL_STATUS));
        return status.getText();
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getAttribute("textContent");
    }

    private Object script(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }
}
