package io.github.scopedgroupauth.examples.playground;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * An RSA key made at start and held in memory only, never written: signs JWTs with RS256, as Cognito signs its
 * tokens, publishes the public half as a JWKS, and verifies tokens as API Gateway's authorizer does.
 */
final class TokenKeys {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final KeyPair keys;
    private final String keyId = UUID.randomUUID().toString();

    TokenKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make an RSA key", e);
        }
    }

    /** A signed JWT with these claims. */
    String sign(Map<String, Object> claims) {
        try {
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("kid", keyId);
            header.put("alg", "RS256");
            String signingInput = ENCODER.encodeToString(JSON.writeValueAsBytes(header)) + "."
                    + ENCODER.encodeToString(JSON.writeValueAsBytes(claims));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + ENCODER.encodeToString(signature.sign());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The claims of a JWT that this key signed with RS256 under its key id, or empty for anything else: another
     * algorithm ({@code none} included), another key, a malformed token.
     */
    Optional<JsonNode> verify(String token) {
        String[] parts = token == null ? new String[0] : token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode header = JSON.readTree(DECODER.decode(parts[0]));
            if (!header.isObject()
                    || !"RS256".equals(header.path("alg").asText())
                    || !keyId.equals(header.path("kid").asText())) {
                return Optional.empty();
            }
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(keys.getPublic());
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(DECODER.decode(parts[2]))) {
                return Optional.empty();
            }
            JsonNode claims = JSON.readTree(DECODER.decode(parts[1]));
            return claims != null && claims.isObject() ? Optional.of(claims) : Optional.empty();
        } catch (IllegalArgumentException | IOException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    /** The JSON Web Key Set of the public key (RFC 7517), as Cognito publishes its keys. */
    Map<String, Object> jwks() {
        RSAPublicKey publicKey = (RSAPublicKey) keys.getPublic();
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("kty", "RSA");
        key.put("kid", keyId);
        key.put("use", "sig");
        key.put("alg", "RS256");
        key.put("n", unsigned(publicKey.getModulus()));
        key.put("e", unsigned(publicKey.getPublicExponent()));
        return Map.of("keys", List.of(key));
    }

    /** A JWK integer: big-endian, without the sign byte that BigInteger adds when the top bit is set. */
    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return ENCODER.encodeToString(bytes);
    }
}
