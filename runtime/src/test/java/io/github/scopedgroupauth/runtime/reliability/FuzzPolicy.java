package io.github.scopedgroupauth.runtime.reliability;

import io.github.scopedgroupauth.runtime.PolicyModel;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The two policies the fuzz and soak tests apply, as {@link PolicyModel}s so that every answer is checked against
 * the model, and the values their events carry: scopes share prefixes and identifiers, one default scope, and
 * optionally client grants (one client granted most scopes, one granted a single scope, every other client
 * nothing).
 */
final class FuzzPolicy {

    static final String WEB_CLIENT = "web-client";
    static final String PARTNER_CLIENT = "partner-client";
    static final String ORDERS_READ = "https://api.example.com/orders.read";
    static final String ORDERS = "https://api.example.com/orders";

    private static final Map<String, Set<String>> GROUPS = Map.of(
            "ADMINS", Set.of("admin/*", "admin/read"),
            "EVERYONE", Set.of("everyone/*"),
            "ORDERS", Set.of(ORDERS_READ, ORDERS));
    private static final Set<String> DEFAULTS = Set.of("profile/read");

    /** Every client may carry every managed scope. */
    static final PolicyModel OPEN = new PolicyModel(GROUPS, DEFAULTS, Map.of());

    /** Only the two granted clients may carry managed scopes, each its own. */
    static final PolicyModel GRANTED = new PolicyModel(
            GROUPS,
            DEFAULTS,
            Map.of(
                    WEB_CLIENT, Set.of("admin/read", "everyone/*", "profile/read", ORDERS_READ),
                    PARTNER_CLIENT, Set.of(ORDERS)));

    /** Group names as events carry them: the policy's, and near misses in case, spacing and spelling. */
    static final List<String> EVENT_GROUPS =
            List.of("ADMINS", "EVERYONE", "ORDERS", "admins", "ADMINS ", "", "Everyone", "NOBODY", "ADMINS,EVERYONE");

    /** Client ids as events carry them: granted, not granted, and near misses. */
    static final List<String> EVENT_CLIENTS =
            List.of(WEB_CLIENT, PARTNER_CLIENT, "other-client", "", "web-client ", "WEB-CLIENT", "web");

    /** Requested scopes: every managed one, and unmanaged ones that share a prefix with them or are standard. */
    static final List<String> EVENT_SCOPES = List.of(
            "admin/*",
            "admin/read",
            "everyone/*",
            "profile/read",
            ORDERS_READ,
            ORDERS,
            "admin",
            "admin/",
            "admin/**",
            "admin/*/",
            "ADMIN/*",
            "everyone/read",
            "profile/read ",
            "https://api.example.com/orders.write",
            "https://api.example.com/",
            "openid",
            "email",
            "aws.cognito.signin.user.admin");

    private FuzzPolicy() {}
}
