package dev.providers.conformance.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.providers.conformance.api.ConfigKeys;
import dev.providers.conformance.launch.SuiteExecutor;
import dev.providers.conformance.launch.SuiteResult;
import dev.providers.conformance.launch.SuiteRun;
import dev.providers.conformance.launch.TestResult;
import dev.providers.conformance.launch.TestStatus;
import dev.providers.conformance.report.Reports;
import dev.providers.conformance.reference.Profile;
import dev.providers.conformance.reference.ReferenceServer;
import dev.providers.engine.auth.CredentialStore;
import dev.providers.engine.auth.StoredCredential;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kit with every kind of credential: the wrong-key test (P14a) runs for each, sending a
 * bogus static key in place of the credential; and a pool of three keys of which one is
 * revoked and one rate-limited passes every test while the report names the failed keys by
 * position only.
 */
class CredentialsKitTest {

    private static final String KEY = "sk-kit-credentials-0123456789";

    @TempDir
    Path dir;

    private SuiteResult run(String providerYaml, String tests, Path credentials)
            throws Exception {
        Path providers = Files.createDirectories(dir.resolve("providers.d"));
        Files.writeString(providers.resolve("cred.yaml"), providerYaml);
        SuiteRun run = SuiteRun.builder().provider("cred").providersDir(providers)
                .reportDir(dir.resolve("reports")).tests(tests).attempts(1)
                .configurationParameter(ConfigKeys.CREDENTIALS, credentials.toString())
                .build();
        SuiteResult result = SuiteExecutor.create().execute(run,
                new PrintWriter(new StringWriter()));
        Reports.write(result, run.reportDir());
        return result;
    }

    private static TestStatus status(SuiteResult result, String id) {
        return result.tests().stream().filter(t -> t.id().equals(id)).map(TestResult::status)
                .findFirst().orElseThrow(() -> new AssertionError("no " + id + " in "
                        + result.summary()));
    }

    /** A token endpoint that sells {@link #KEY} for any client. */
    private static HttpServer tokenEndpoint() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(
                InetAddress.getLoopbackAddress(), 0), 4);
        server.createContext("/token", exchange -> {
            byte[] body = ("{\"access_token\":\"" + KEY + "\",\"expires_in\":3600}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"apiKeys", "command", "oauth2-client-credentials", "oauth2-device",
            "oauth2-authorization-code", "prompt"})
    void theWrongKeyTestRunsForEveryKindOfCredential(String kind) throws Exception {
        Path credentials = dir.resolve("credentials.json");
        HttpServer tokens = tokenEndpoint();
        try (ReferenceServer server = ReferenceServer.start(Profile.OPENAI, KEY)) {
            String sso = "http://127.0.0.1:" + tokens.getAddress().getPort();
            String credential = switch (kind) {
                case "apiKeys" -> "apiKeys: [sk-kit-revoked-00000000, " + KEY + "]\n";
                case "command" -> "auth:\n  type: command\n  command: [\"" + helper() + "\"]\n";
                case "oauth2-client-credentials" -> "auth:\n  type: " + kind + "\n  tokenUrl: "
                        + sso + "/token\n  clientId: kit\n  clientSecret: kit-secret-value\n";
                case "oauth2-device" -> "auth:\n  type: " + kind + "\n  deviceAuthorizationUrl: "
                        + sso + "/device\n  tokenUrl: " + sso + "/token\n  clientId: kit\n";
                case "oauth2-authorization-code" -> "auth:\n  type: " + kind
                        + "\n  authorizationUrl: " + sso + "/authorize\n  tokenUrl: " + sso
                        + "/token\n  clientId: kit\n";
                default -> "auth:\n  type: prompt\n";
            };
            if (kind.startsWith("oauth2-device") || kind.startsWith("oauth2-authorization")
                    || kind.equals("prompt")) {
                CredentialStore.file(credentials).save("cred", new StoredCredential(kind, KEY,
                        null, Instant.now().plusSeconds(3600), Instant.now()));
            }
            SuiteResult result = run("id: cred\nbaseUrl: " + server.baseUrl()
                    + "\nauthHeader: true\n" + credential + "models: [{id: "
                    + Profile.LITE_MODEL + "}]\n", "P01,P14a", credentials);
            assertEquals(TestStatus.PASSED, status(result, "P01"), result::summary);
            assertEquals(TestStatus.PASSED, status(result, "P14a"), result::summary);
        } finally {
            tokens.stop(0);
        }
    }

    /** A credential helper that prints {@link #KEY}. */
    private Path helper() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "the helper is an sh script");
        Path helper = dir.resolve("helper.sh");
        Files.writeString(helper, "#!/bin/sh\necho " + KEY + "\n");
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
        return helper;
    }

    @Test
    void aRevokedAndARateLimitedKeyAreNamedByPositionAndEveryTestPasses() throws Exception {
        String revoked = "sk-kit-revoked-aaaaaaaaaaaa";
        String limited = "sk-kit-limited-bbbbbbbbbbbb";
        String healthy = "sk-kit-healthy-cccccccccccc";
        try (ReferenceServer server = ReferenceServer.start(Profile.OPENAI, null);
                KeyGate gate = new KeyGate(server.baseUrl(), Map.of(revoked, 401,
                        limited, 429))) {
            SuiteResult result = run("id: cred\nbaseUrl: " + gate.baseUrl()
                    + "\nauthHeader: true\napiKeys: [" + revoked + ", " + limited + ", "
                    + healthy + "]\nmodels: [{id: " + Profile.LITE_MODEL + ", input: [text]}]\n",
                    "P01,P02,P05,P08", dir.resolve("credentials.json"));
            for (TestResult test : result.tests()) {
                assertEquals(TestStatus.PASSED, test.status(), test.id() + ": "
                        + test.message());
            }
            List<String> deviations = result.tests().stream().flatMap(t -> t.deviations()
                    .stream()).distinct().toList();
            assertTrue(deviations.stream().anyMatch(d -> d.endsWith("api-key-failed: key #1 "
                    + "answered 401, dropped for this process")), deviations::toString);
            assertTrue(deviations.stream().anyMatch(d -> d.endsWith("api-key-rate-limited: "
                    + "key #2 answered 429, cooling down for 3600 s")), deviations::toString);
            String report = Files.readString(dir.resolve("reports").resolve("report.json"));
            assertTrue(report.contains("key #1 answered 401"), report);
            assertTrue(report.contains("key #2 answered 429"), report);
            try (Stream<Path> files = Files.walk(dir.resolve("reports"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String text = Files.readString(file);
                    for (String key : List.of(revoked, limited, healthy)) {
                        assertFalse(text.contains(key), file + " shows a key");
                    }
                }
            }
        }
    }
}
