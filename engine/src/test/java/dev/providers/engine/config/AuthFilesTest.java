package dev.providers.engine.config;

import static dev.providers.engine.config.ProviderDirs.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.engine.spec.AuthSpec;
import dev.providers.engine.spec.ProviderSpec;
import dev.providers.engine.spec.SecretRef;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The credential of a provider file: {@code apiKeys} and every {@code auth} type bind to their
 * specs with their defaults; every bad block is a located error (the error classes of
 * {@code examples/broken} are in {@link ErrorClassesTest}); overrides replace a built-in's
 * credential whichever kind it was.
 */
class AuthFilesTest {

    private static final ProviderLoader LOADER = ProviderLoader.withoutBuiltins();
    private static final String HEAD = "baseUrl: https://llm.example.com/v1\nauthHeader: true\n";
    private static final String MODELS = "models:\n  - id: m\n";

    @TempDir
    Path dir;

    private ProviderSpec load(String id, String body) {
        write(dir, id + ".yaml", "id: " + id + "\n" + HEAD + body + MODELS);
        LoadResult result = LOADER.load(dir);
        assertEquals(List.of(), result.diagnostics().stream().map(Diagnostic::format).toList());
        return result.registry().provider(id).orElseThrow();
    }

    private List<String> problems(String body) {
        write(dir, "p.yaml", "id: p\n" + HEAD + body + MODELS);
        return LOADER.load(dir).diagnostics().stream().map(d -> d.format()
                .replace(dir.resolve("p.yaml").toString(), "p.yaml")).toList();
    }

    @Test
    void apiKeysBindInOrder() {
        ProviderSpec p = load("pool", "apiKeys: [\"${KEY_A}\", \"${KEY_B}\", literal-key-c]\n");
        assertEquals(List.of(SecretRef.env("KEY_A"), SecretRef.env("KEY_B"),
                SecretRef.parse("literal-key-c")), p.apiKeys());
        assertNull(p.apiKey());
        assertNull(p.auth());
        assertTrue(p.sendsCredential());
    }

    @Test
    void aCommandBindsItsArgumentsAndTtl() {
        ProviderSpec p = load("helper", """
                auth:
                  type: command
                  command: [gcloud, auth, print-access-token, "--project=${PROJECT}"]
                  ttl: 120
                """);
        AuthSpec.Command command = assertInstanceOf(AuthSpec.Command.class, p.auth());
        assertEquals(List.of(SecretRef.parse("gcloud"), SecretRef.parse("auth"),
                SecretRef.parse("print-access-token"), SecretRef.parse("--project=${PROJECT}")),
                command.command());
        assertEquals(Duration.ofSeconds(120), command.ttl());
        assertFalse(command.needsLogin());
        assertFalse(p.toString().contains("gcloud"), "toString() shows no argument");
    }

    @Test
    void clientCredentialsBindWithTheirDefaults() {
        ProviderSpec p = load("gateway", """
                auth:
                  type: oauth2-client-credentials
                  tokenUrl: https://login.example.com/oauth2/v2.0/token
                  clientId: ${CLIENT_ID}
                  clientSecret: ${CLIENT_SECRET}
                  scope: api://llm-gateway/.default
                  extraParams: {resource: "${RESOURCE}"}
                """);
        AuthSpec.ClientCredentials c = assertInstanceOf(AuthSpec.ClientCredentials.class,
                p.auth());
        assertEquals(URI.create("https://login.example.com/oauth2/v2.0/token"), c.tokenUrl());
        assertEquals(SecretRef.env("CLIENT_SECRET"), c.clientSecret());
        assertEquals("api://llm-gateway/.default", c.scope());
        assertNull(c.audience());
        assertEquals(Map.of("resource", SecretRef.env("RESOURCE")), c.extraParams());
        assertEquals(AuthSpec.ClientAuth.BASIC, c.clientAuth());
        assertEquals(AuthSpec.DEFAULT_TTL, c.ttl());
        assertEquals("oauth2-client-credentials", c.type());
    }

    @Test
    void userLoginsAndPromptsBind() {
        AuthSpec.Device device = assertInstanceOf(AuthSpec.Device.class, load("sso", """
                auth:
                  type: oauth2-device
                  deviceAuthorizationUrl: https://sso.example.com/oauth2/device
                  tokenUrl: https://sso.example.com/oauth2/token
                  clientId: my-cli
                  scope: openid offline_access llm
                """).auth());
        assertEquals(URI.create("https://sso.example.com/oauth2/device"),
                device.deviceAuthorizationUrl());
        assertNull(device.clientSecret());
        assertTrue(device.needsLogin());
        AuthSpec.AuthorizationCode code = assertInstanceOf(AuthSpec.AuthorizationCode.class,
                load("browser", """
                        auth:
                          type: oauth2-authorization-code
                          authorizationUrl: http://127.0.0.1:8080/authorize
                          tokenUrl: http://localhost:8080/token
                          clientId: my-app
                          clientSecret: ${APP_SECRET}
                        """).auth());
        assertEquals(URI.create("http://localhost:8080/token"), code.tokenUrl());
        assertEquals(SecretRef.env("APP_SECRET"), code.clientSecret());
        AuthSpec.Prompt prompt = assertInstanceOf(AuthSpec.Prompt.class, load("pasted", """
                auth:
                  type: prompt
                  prompt: Create a token at https://llm.example.com/settings/tokens
                """).auth());
        assertEquals("Create a token at https://llm.example.com/settings/tokens",
                prompt.prompt());
    }

    @Test
    void anUnquotedReferenceInAFlowListSaysToQuoteIt() {
        assertEquals(List.of("p.yaml:4:12: error: syntax error: expected ',' or ']', but got { "
                + "(while parsing a flow sequence at line 4); a ${NAME} reference inside [...] "
                + "or {...} must be quoted: \"${NAME}\""),
                problems("apiKeys: [${KEY_A}, ${KEY_B}]\n"));
    }

    @Test
    void keysOfAnotherTypeAndMissingKeysAreLocated() {
        assertEquals(List.of(
                "p.yaml:4:1: error: /auth: auth type 'oauth2-device' needs "
                        + "'deviceAuthorizationUrl' (the device authorization endpoint)",
                "p.yaml:4:1: error: /auth: auth type 'oauth2-device' needs 'clientId'",
                "p.yaml:7:3: error: /auth/clientAuth: 'clientAuth' does not apply to auth type "
                        + "'oauth2-device', which takes: deviceAuthorizationUrl, tokenUrl, "
                        + "clientId, clientSecret, scope, ttl"),
                problems("""
                        auth:
                          type: oauth2-device
                          tokenUrl: https://sso.example.com/token
                          clientAuth: post
                        """));
    }

    @Test
    void anUnknownKeySuggestsTheRightOne() {
        assertEquals(List.of("p.yaml:9:3: error: /auth: unknown property 'tokenURL'; did you "
                        + "mean 'tokenUrl'?"),
                problems("""
                        auth:
                          type: oauth2-client-credentials
                          tokenUrl: https://login.example.com/token
                          clientId: a
                          clientSecret: b
                          tokenURL: https://login.example.com/token
                        """));
    }

    @Test
    void aCommandThatIsNotAListOfStringsAndABadTemplateAreLocated() {
        assertEquals(List.of("p.yaml:6:12: error: /auth/command: expected array, found object"),
                problems("auth:\n  type: command\n  command: {run: gcloud}\n"));
        assertEquals(List.of("p.yaml:6:21: error: /auth/command/1: unclosed '${' at character "
                        + "1; write '$${' for a literal '${'"),
                problems("auth:\n  type: command\n  command: [helper, \"${TOKEN\"]\n"));
        assertEquals(List.of("p.yaml:6:12: error: /auth/command: must have at least 1 item"),
                problems("auth:\n  type: command\n  command: []\n"));
    }

    @Test
    void httpIsAllowedOnlyOnLoopbackAndEndpointsCarryNoCredentials() {
        String block = """
                auth:
                  type: oauth2-client-credentials
                  tokenUrl: %s
                  clientId: a
                  clientSecret: b
                """;
        assertEquals(List.of(), problems(block.formatted("http://[::1]:9000/token")));
        assertEquals(List.of(), problems(block.formatted("http://127.0.0.2/token")));
        assertEquals(List.of("p.yaml:6:13: error: /auth/tokenUrl: must be an https:// URL: "
                + "tokens and client secrets must not cross the network in the clear (http:// "
                + "is allowed only for a loopback host: localhost, 127.0.0.1, [::1])"),
                problems(block.formatted("http://10.0.0.1/token")));
        assertEquals(List.of("p.yaml:6:13: error: /auth/tokenUrl: must not carry credentials; "
                + "use clientId and clientSecret, which are never printed"),
                problems(block.formatted("https://user:pw@login.example.com/token")));
        assertEquals(List.of("p.yaml:6:13: error: /auth/tokenUrl: must be an absolute https:// "
                + "URL (http:// only for a loopback host) without whitespace or control "
                + "characters"), problems(block.formatted("ftp://login.example.com/token")));
    }

    @Test
    void apiKeysAndAuthAreMutuallyExclusive() {
        assertEquals(List.of("p.yaml:5:1: error: /auth: auth and apiKeys (line 4) are mutually "
                + "exclusive: a provider takes its credential from one of apiKey, apiKeys and "
                + "auth"), problems("apiKeys: [a-key-1]\nauth:\n  type: prompt\n"));
    }

    @Test
    void aCredentialThatIsNeverSentIsAWarning() {
        write(dir, "quiet.yaml", "id: quiet\nbaseUrl: https://h.example.com/v1\n"
                + "authHeader: false\nauth:\n  type: prompt\n" + MODELS);
        List<String> found = LOADER.load(dir).diagnostics().stream().map(Diagnostic::format)
                .toList();
        assertEquals(List.of(dir.resolve("quiet.yaml") + ":4:1: warning: /auth: auth is never "
                + "sent because authHeader is false; drop 'authHeader: false'"), found);
    }

    @Test
    void anOverrideWithAuthReplacesTheBuiltinsKey() {
        ProviderLoader loader = ProviderLoader.create();
        ProviderSpec openai = loader.builtinProviders().get("openai");
        assertTrue(openai.apiKey() != null, "the built-in has a key");
        write(dir, "openai.yaml", """
                id: openai
                auth:
                  type: command
                  command: [vault, read, -field=key, secret/openai]
                """);
        LoadResult result = loader.load(dir);
        assertEquals(List.of(), result.diagnostics());
        ProviderSpec effective = result.registry().provider("openai").orElseThrow();
        assertNull(effective.apiKey());
        assertInstanceOf(AuthSpec.Command.class, effective.auth());
        assertTrue(effective.authHeader(), "authHeader is the built-in's");
        assertEquals(openai.models(), effective.models());
    }
}
