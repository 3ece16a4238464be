package dev.providers.conformance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.providers.engine.ModelRef;
import dev.providers.engine.config.LoadResult;
import dev.providers.engine.config.ProviderConfigException;
import dev.providers.engine.config.ProviderLoader;
import dev.providers.engine.registry.ProviderRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A secret from ${ENV}, or written literally, never appears in any output or message. */
class SecretLeakTest {

    private static final String ENV_SECRET = "sk-env-7Hq2rLw9ZpX4";
    private static final String LITERAL_SECRET = "sk-literal-K3mV8nB1";

    @TempDir
    Path dir;

    @Test
    void noCommandOutputOrExceptionContainsASecret() throws Exception {
        Files.writeString(dir.resolve("good.yaml"), """
                id: good
                baseUrl: https://api.example.com/v1
                apiKey: ${LEAKY_KEY}
                authHeader: true
                headers:
                  X-Api-Token: "Token ${LEAKY_KEY}"
                  X-Literal: %s
                queryParams:
                  key: ${LEAKY_KEY}
                models:
                  - id: m
                    headers: {X-Model-Key: "%s"}
                """.formatted(LITERAL_SECRET, LITERAL_SECRET));
        // errors on and around secret values: bad header name, CR/LF, bad template, wrong type
        Files.writeString(dir.resolve("bad.yaml"), """
                id: bad
                baseUrl: https://%s@api.example.com/v1
                apiKey: %s${LEAKY_KEY
                headers:
                  "Bad %s": x
                  X-Split: "%s\\r\\nInjected: 1"
                  X-Number: 12
                models: [{id: m}]
                """.formatted(LITERAL_SECRET, LITERAL_SECRET, LITERAL_SECRET, LITERAL_SECRET)
                .replace("\"Bad " + LITERAL_SECRET + "\"", "\"Bad name\""));
        Files.writeString(dir.resolve("syntax.yaml"), "id: syntax\napiKey: \"" + LITERAL_SECRET
                + "\n  unterminated: [\n");
        // the credential keys: a key pool and every secret-capable key of an auth block
        Files.writeString(dir.resolve("pool.yaml"), """
                id: pool
                baseUrl: https://api.example.com/v1
                apiKeys: ["%s", "${LEAKY_KEY}"]
                authHeader: true
                models: [{id: m}]
                """.formatted(LITERAL_SECRET));
        Files.writeString(dir.resolve("oauth.yaml"), """
                id: oauth
                baseUrl: https://api.example.com/v1
                authHeader: true
                auth:
                  type: oauth2-client-credentials
                  tokenUrl: https://login.example.com/token
                  clientId: "%s"
                  clientSecret: "%s"
                  extraParams: {resource: "${LEAKY_KEY}"}
                models: [{id: m}]
                """.formatted(LITERAL_SECRET, LITERAL_SECRET));
        Files.writeString(dir.resolve("badauth.yaml"), """
                id: badauth
                baseUrl: https://api.example.com/v1
                authHeader: true
                auth:
                  type: oauth2-client-credentials
                  tokenUrl: https://%s@login.example.com/token
                  clientId: "%s${LEAKY"
                  clientSecret: "%s"
                  command: "helper --password %s"
                models: [{id: m}]
                """.formatted(LITERAL_SECRET, LITERAL_SECRET, LITERAL_SECRET, LITERAL_SECRET));
        Map<String, String> env = Map.of("PROVIDERS_DIR", dir.toString(), "LEAKY_KEY",
                ENV_SECRET);

        List<String> outputs = new ArrayList<>();
        for (String[] args : List.of(
                new String[] {"validate"},
                new String[] {"validate", "--format", "json"},
                new String[] {"validate", "--format", "github"},
                new String[] {"list"},
                new String[] {"list", "--format", "json"},
                new String[] {"explain", "good/m"},
                new String[] {"explain", "good/m", "--format", "json"},
                new String[] {"explain", "good/missing"},
                new String[] {"list", "--providers-dir", dir.toString()},
                new String[] {"explain", "oauth/m"},
                new String[] {"explain", "pool/m", "--format", "json"},
                new String[] {"validate", dir.resolve("badauth.yaml").toString()})) {
            CliRun run = CliRun.run(env, args);
            outputs.add(run.all());
        }
        LoadResult result = ProviderLoader.create().load(dir);
        outputs.add(result.toString());
        outputs.add(result.registry().provider("good").orElseThrow().toString());
        outputs.add(result.registry().model(ModelRef.of("good", "m")).toString());
        outputs.add(assertThrows(ProviderConfigException.class, result::requireValid)
                .getMessage());
        ProviderRegistry registry = result.registry();
        outputs.add(assertThrows(IllegalArgumentException.class,
                () -> registry.model(ModelRef.of("good", "x"))).getMessage());

        for (String output : outputs) {
            assertFalse(output.contains(ENV_SECRET), output);
            assertFalse(output.contains(LITERAL_SECRET), output);
            assertFalse(output.contains(LITERAL_SECRET.substring(0, 10)), output);
        }
        // the listings do say that the key is configured, by name
        assertEquals(true, outputs.get(3).contains("auth: apiKey: ${LEAKY_KEY} (set)"));
        assertEquals(true, outputs.get(3).contains("auth: apiKeys: 2 keys, 2 usable: #1 literal "
                + "(hidden), #2 ${LEAKY_KEY} (set)"), outputs.get(3));
        assertEquals(true, outputs.get(9).contains("  auth: oauth2-client-credentials: token "
                + "endpoint https://login.example.com/token, client id literal (hidden), secret "
                + "literal (hidden)"), outputs.get(9));
        assertEquals(true, outputs.get(11).contains("must not carry credentials"),
                outputs.get(11));
        assertEquals(true, outputs.get(0).contains("bad.yaml"));
    }
}
