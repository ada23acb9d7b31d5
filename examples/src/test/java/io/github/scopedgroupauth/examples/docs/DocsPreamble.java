package io.github.scopedgroupauth.examples.docs;

import io.github.scopedgroupauth.ScopedGroupAuth;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cognito.OAuthFlows;
import software.amazon.awscdk.services.cognito.OAuthSettings;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.lambda.IFunction;
import software.constructs.Construct;

/**
 * The names the docs' Java statements use without declaring them: a block of statements in {@code README.md} or
 * {@code docs/} is compiled as the body of a method of a subclass of this stack (see {@link JavaBlockCheck}).
 *
 * <p>A block that asserts a result runs in a new stack {@value #STACK_ID} of a new app, where this constructor
 * has defined the user pool {@code UserPool}, its code-flow clients {@code WebClient}, {@code Mobile} and
 * {@code Partner}, and {@code Auth}, the ScopedGroupAuth of the docs' policy: {@code ADMINS → admin/*},
 * {@code EVERYONE → everyone/*}, granted to the web client. {@link #machine}, {@link #adminHandler} and
 * {@link #conf} are only declared, so that blocks compile: they are null when a block runs.
 */
public class DocsPreamble extends Stack {

    /** The id of the stack a block runs in, as the docs write it in construct paths. */
    public static final String STACK_ID = "MyStack";

    /** The user pool, also named {@link #pool}. */
    protected final UserPool userPool;
    /** The user pool, also named {@link #userPool}. */
    protected final UserPool pool;
    /** The web client, {@code MyStack/UserPool/WebClient}, also named {@link #web}. */
    protected final UserPoolClient webClient;
    /** The web client, also named {@link #webClient}. */
    protected final UserPoolClient web;
    /** A client that is not granted, {@code MyStack/UserPool/Mobile}. */
    protected final UserPoolClient mobile;
    /** A client that is not granted, {@code MyStack/UserPool/Partner}. */
    protected final UserPoolClient partner;
    /** A client credentials client; declared only. */
    protected final UserPoolClient machine = null;
    /** The function behind an API route; declared only. */
    protected final IFunction adminHandler = null;
    /** The policy file of a synthesized function; declared only. */
    protected final Path conf = null;
    /** The docs' ScopedGroupAuth, {@code MyStack/Auth}. */
    protected final ScopedGroupAuth auth;

    /**
     * Defines the pool, its clients and the construct.
     *
     * @param scope the app
     * @param id the stack id, {@link #STACK_ID} when a block runs
     */
    // A stack defines its children with itself as their scope; javac 21+ flags that as a 'this' escape.
    @SuppressWarnings("this-escape")
    public DocsPreamble(Construct scope, String id) {
        super(scope, id);
        userPool = UserPool.Builder.create(this, "UserPool").build();
        pool = userPool;
        webClient = codeFlowClient("WebClient");
        web = webClient;
        mobile = codeFlowClient("Mobile");
        partner = codeFlowClient("Partner");
        auth = ScopedGroupAuth.Builder.create(this, "Auth")
                .userPool(userPool)
                .groupScopes(Map.of("ADMINS", List.of("admin/*"), "EVERYONE", List.of("everyone/*")))
                .clients(List.of(webClient))
                .build();
    }

    private UserPoolClient codeFlowClient(String id) {
        return userPool.addClient(
                id,
                UserPoolClientOptions.builder()
                        .oAuth(OAuthSettings.builder()
                                .flows(OAuthFlows.builder()
                                        .authorizationCodeGrant(true)
                                        .build())
                                .callbackUrls(List.of("http://localhost:3000/"))
                                .build())
                        .build());
    }
}
