package io.github.scopedgroupauth.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cognito.CfnUserPoolResourceServer;
import software.amazon.awscdk.services.cognito.CfnUserPoolResourceServer.ResourceServerScopeTypeProperty;
import software.amazon.awscdk.services.cognito.OAuthScope;
import software.amazon.awscdk.services.cognito.ResourceServerScope;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolResourceServer;
import software.amazon.awscdk.services.cognito.UserPoolResourceServerProps;
import software.constructs.Construct;

/**
 * Defines a resource server per scope identifier of a plan, or reuses the one the app already defined for
 * that identifier and adds the missing scopes to it: Cognito refuses two servers with one identifier.
 */
public final class ResourceServers {

    private static final int MAX_NAME_LENGTH = 256;

    private final Construct scope;
    private final UserPool pool;
    private final PoolInspection inspection;
    private final ScopePlan plan;

    /**
     * Prepares the resource servers of a plan.
     *
     * @param scope the construct to define resource servers in
     * @param pool the user pool
     * @param inspection what the app already defined on the pool
     * @param plan the validated plan
     */
    public ResourceServers(Construct scope, UserPool pool, PoolInspection inspection, ScopePlan plan) {
        this.scope = scope;
        this.pool = pool;
        this.inspection = inspection;
        this.plan = plan;
    }

    /**
     * Records a problem for each existing server that cannot be reused.
     *
     * @param inspection what the app already defined on the pool
     * @param plan the plan
     * @param problems where to record problems
     */
    public static void check(PoolInspection inspection, ScopePlan plan, Problems problems) {
        plan.scopeNamesByIdentifier()
                .forEach((identifier, names) -> inspection
                        .existingResourceServer(identifier)
                        .ifPresent(existing -> {
                            if (PoolInspection.owner(existing).isEmpty()) {
                                problems.add("`userPool` already has resource server '" + identifier + "' defined as a"
                                        + " CfnUserPoolResourceServer at "
                                        + existing.getNode().getPath() + "; define it"
                                        + " with UserPoolResourceServer (or userPool.addResourceServer) so ScopedGroupAuth"
                                        + " can reuse it");
                                return;
                            }
                            Set<String> merged = new LinkedHashSet<>(existingNames(existing));
                            merged.addAll(names);
                            if (merged.size() > ScopePlan.MAX_SCOPES_PER_RESOURCE_SERVER) {
                                problems.add("resource server '" + identifier + "' would have " + merged.size()
                                        + " scopes with the ones it already has; Cognito allows at most "
                                        + ScopePlan.MAX_SCOPES_PER_RESOURCE_SERVER + " per resource server");
                            }
                        }));
    }

    /**
     * The resource servers of a plan, and each managed scope as the token {@code OAuthScope.resourceServer}
     * makes of it with its server, which app clients list to depend on the server.
     *
     * @param byIdentifier identifier to resource server, sorted by identifier
     * @param boundScopes the managed scopes' bound tokens
     */
    public record Defined(Map<String, UserPoolResourceServer> byIdentifier, BoundScopes boundScopes) {}

    /**
     * Defines or completes every resource server. Call only after {@link #check} found no problem.
     *
     * @return the resource servers and the bound tokens of their managed scopes
     */
    public Defined define() {
        Map<String, UserPoolResourceServer> servers = new LinkedHashMap<>();
        Map<String, String> tokens = new HashMap<>();
        plan.scopeNamesByIdentifier().forEach((identifier, names) -> {
            Optional<CfnUserPoolResourceServer> existing = inspection.existingResourceServer(identifier);
            List<ResourceServerScope> scopes = scopes(identifier, names);
            UserPoolResourceServer server =
                    existing.isPresent() ? complete(existing.get(), identifier, names) : create(identifier, scopes);
            servers.put(identifier, server);
            // One token per scope, made once: every grant and every resolution of a client's scopes uses it.
            List<String> ordered = List.copyOf(names);
            for (int i = 0; i < ordered.size(); i++) {
                tokens.put(
                        identifier + "/" + ordered.get(i),
                        OAuthScope.resourceServer(server, scopes.get(i)).getScopeName());
            }
        });
        return new Defined(Collections.unmodifiableMap(servers), new BoundScopes(tokens));
    }

    private List<ResourceServerScope> scopes(String identifier, SortedSet<String> names) {
        List<ResourceServerScope> scopes = new ArrayList<>();
        for (String name : names) {
            scopes.add(ResourceServerScope.Builder.create()
                    .scopeName(name)
                    .scopeDescription(plan.description(identifier + "/" + name))
                    .build());
        }
        return scopes;
    }

    private UserPoolResourceServer create(String identifier, List<ResourceServerScope> scopes) {
        return new UserPoolResourceServer(
                scope,
                ConstructIds.of("ResourceServer", identifier),
                UserPoolResourceServerProps.builder()
                        .userPool(pool)
                        .identifier(identifier)
                        .userPoolResourceServerName(serverName(identifier))
                        .scopes(scopes)
                        .build());
    }

    private UserPoolResourceServer complete(
            CfnUserPoolResourceServer existing, String identifier, SortedSet<String> names) {
        List<Object> scopes = new ArrayList<>(existingScopes(existing));
        Set<String> present = new LinkedHashSet<>(existingNames(existing));
        for (String name : names) {
            if (present.add(name)) {
                scopes.add(ResourceServerScopeTypeProperty.builder()
                        .scopeName(name)
                        .scopeDescription(plan.description(identifier + "/" + name))
                        .build());
            }
        }
        existing.setScopes(scopes);
        return PoolInspection.owner(existing).orElseThrow();
    }

    /** Resource server names allow only {@code [\w\s+=,.@-]}; identifiers are often URLs. */
    static String serverName(String identifier) {
        String name = identifier.replaceAll("[^\\w\\s+=,.@-]", "-");
        return name.length() <= MAX_NAME_LENGTH ? name : name.substring(0, MAX_NAME_LENGTH);
    }

    private static List<Object> existingScopes(CfnUserPoolResourceServer server) {
        List<Object> scopes = new ArrayList<>();
        Object resolved = Stack.of(server).resolve(server.getScopes());
        if (resolved instanceof List) {
            for (Object scope : (List<?>) resolved) {
                if (scope instanceof Map) {
                    Map<?, ?> fields = (Map<?, ?>) scope;
                    scopes.add(ResourceServerScopeTypeProperty.builder()
                            .scopeName(String.valueOf(field(fields, "scopeName")))
                            .scopeDescription(String.valueOf(field(fields, "scopeDescription")))
                            .build());
                }
            }
        }
        return scopes;
    }

    private static List<String> existingNames(CfnUserPoolResourceServer server) {
        List<String> names = new ArrayList<>();
        for (Object scope : existingScopes(server)) {
            names.add(((ResourceServerScopeTypeProperty) scope).getScopeName());
        }
        return names;
    }

    private static Object field(Map<?, ?> fields, String camelCase) {
        Object value = fields.get(camelCase);
        return value != null ? value : fields.get(Character.toUpperCase(camelCase.charAt(0)) + camelCase.substring(1));
    }
}
