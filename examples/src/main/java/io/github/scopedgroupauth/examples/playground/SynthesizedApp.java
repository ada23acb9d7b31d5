package io.github.scopedgroupauth.examples.playground;

import io.github.scopedgroupauth.runtime.PolicyFile;
import io.github.scopedgroupauth.runtime.ScopePolicy;
import io.github.scopedgroupauth.runtime.policy.PolicyFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the playground stands in for, read from one stack of a cloud assembly.
 *
 * @param assembly the cloud assembly directory
 * @param stack the stack's artifact id
 * @param region the Region the playground pretends to be in
 * @param userPoolId the made-up id of the user pool
 * @param function the pre token generation function of the ScopedGroupAuth
 * @param clients the user pool's app clients that may use the authorization code flow
 * @param routes the REST API's methods, empty when the stack has no REST API
 * @param gatewayResponseHeaders the headers of the REST API's gateway responses by response type
 */
record SynthesizedApp(
        Path assembly,
        String stack,
        String region,
        String userPoolId,
        TriggerFunction function,
        List<AppClient> clients,
        List<Route> routes,
        Map<String, Map<String, String>> gatewayResponseHeaders) {

    SynthesizedApp {
        clients = List.copyOf(clients);
        routes = List.copyOf(routes);
        gatewayResponseHeaders = Map.copyOf(gatewayResponseHeaders);
    }

    /** {@return the client with this logical id or client id} */
    Optional<AppClient> client(String idOrLogicalId) {
        return clients.stream()
                .filter(client ->
                        client.id().equals(idOrLogicalId) || client.logicalId().equals(idOrLogicalId))
                .findFirst();
    }

    /**
     * The function of a ScopedGroupAuth, as Lambda would configure it.
     *
     * @param codeDirectory the code asset in the cloud assembly: the policy file and {@code lib/}
     * @param handler the handler string
     * @param environment its variables, deploy-time values replaced by the playground's
     * @param memorySize MB
     * @param timeout the function timeout
     * @param eventVersion the event version the pool sends, {@code 2} or {@code 3}
     */
    record TriggerFunction(
            Path codeDirectory,
            String handler,
            Map<String, String> environment,
            int memorySize,
            Duration timeout,
            String eventVersion) {

        TriggerFunction {
            environment = Map.copyOf(environment);
        }

        /** {@return the policy the function reads at init, read the same way} */
        ScopePolicy policy() {
            try {
                return PolicyFile.read(Files.readAllBytes(codeDirectory.resolve(PolicyFormat.FILE_NAME)), environment);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the function's policy file in " + codeDirectory, e);
            }
        }
    }

    /**
     * An app client of the pool.
     *
     * @param logicalId its logical id in the template
     * @param id the made-up client id that stands in for the one Cognito would generate
     * @param allowedScopes {@code AllowedOAuthScopes}
     * @param callbackUrls {@code CallbackURLs}
     * @param logoutUrls {@code LogoutURLs}
     */
    record AppClient(
            String logicalId,
            String id,
            List<String> allowedScopes,
            List<String> callbackUrls,
            List<String> logoutUrls) {

        AppClient {
            allowedScopes = List.copyOf(allowedScopes);
            callbackUrls = List.copyOf(callbackUrls);
            logoutUrls = List.copyOf(logoutUrls);
        }
    }

    /**
     * A method of the REST API.
     *
     * @param method the HTTP method
     * @param path the path under the stage, such as {@code /prod/admin}; {@code {name}} matches one segment
     * @param authorizationType {@code NONE}, {@code COGNITO_USER_POOLS} or another the playground refuses
     * @param scopes {@code AuthorizationScopes}, empty for none
     * @param headers the constant headers of the integration response
     * @param responseTemplate the JSON response template of a mock integration, empty for none
     * @param integrationType the integration's type, such as {@code MOCK}
     */
    record Route(
            String method,
            String path,
            String authorizationType,
            List<String> scopes,
            Map<String, String> headers,
            String responseTemplate,
            String integrationType) {

        Route {
            scopes = List.copyOf(scopes);
            headers = Map.copyOf(headers);
        }
    }
}
