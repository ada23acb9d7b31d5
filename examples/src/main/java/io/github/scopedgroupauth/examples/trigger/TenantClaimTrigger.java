package io.github.scopedgroupauth.examples.trigger;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.AccessTokenGeneration;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.ClaimsAndScopeOverrideDetails;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.IdTokenGeneration;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreTokenGenerationEventV2.Response;
import io.github.scopedgroupauth.runtime.ScopedGroupAuthScopes;
import java.util.Map;

/**
 * A pre token generation handler of an app's own, as docs/custom-trigger.md shows it: it copies the user's
 * {@code custom:tenant} attribute into a {@code tenant} claim of both tokens, then lets ScopedGroupAuth decide the
 * scopes. Built into a jar of its own ({@code tenant-trigger}) and attached with
 * {@code ScopedGroupAuth.Builder.triggerFunction}.
 */
public final class TenantClaimTrigger
        implements RequestHandler<CognitoUserPoolPreTokenGenerationEventV2, CognitoUserPoolPreTokenGenerationEventV2> {

    /** The user attribute the tenant comes from. */
    static final String TENANT_ATTRIBUTE = "custom:tenant";

    // Loaded once, at init: a broken policy fails the function's init rather than a sign-in.
    private final ScopedGroupAuthScopes scopes = ScopedGroupAuthScopes.load();

    /**
     * Adds the tenant claim, then applies ScopedGroupAuth's decision last.
     *
     * @param event the event
     * @param context the Lambda context
     * @return the event with its response
     */
    @Override
    public CognitoUserPoolPreTokenGenerationEventV2 handleRequest(
            CognitoUserPoolPreTokenGenerationEventV2 event, Context context) {
        Map<String, String> attributes =
                event.getRequest() == null ? null : event.getRequest().getUserAttributes();
        String tenant = attributes == null ? null : attributes.get(TENANT_ATTRIBUTE);
        if (tenant != null) {
            Map<String, String> claims = Map.of("tenant", tenant);
            ClaimsAndScopeOverrideDetails details = new ClaimsAndScopeOverrideDetails();
            details.setIdTokenGeneration(new IdTokenGeneration(claims, null));
            details.setAccessTokenGeneration(new AccessTokenGeneration(claims, null, null, null));
            event.setResponse(new Response(details));
        }
        return scopes.apply(event, context);
    }
}
