package dev.providers.conformance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.ConformanceMain;
import dev.providers.conformance.reference.Profile;
import dev.providers.conformance.reference.ReferenceServer;
import dev.providers.peer.oauth.DeviceFlowServer;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code conformance login ID} and {@code logout ID} end to end, the test playing the user: it
 * reads what the command printed, opens the page with the code (device flow, against an
 * RFC 8628 server) or follows the URL through the authorization server's redirect (mock-oauth2-
 * server), or types the token (prompt). The credential lands in
 * {@code $XDG_CONFIG_HOME/providers/credentials.json}, readable by its owner only; {@code list}
 * and {@code check} say the provider is logged in, and stop saying so after {@code logout}.
 */
class LoginCommandTest {

    @TempDir
    Path dir;

    private Map<String, String> env(Path providers) {
        return Map.of("PROVIDERS_DIR", providers.toString(), "XDG_CONFIG_HOME",
                dir.resolve("config").toString(), "HOME", dir.toString());
    }

    private Path providers(String yaml) throws Exception {
        Path providers = Files.createDirectories(dir.resolve("providers.d"));
        Files.writeString(providers.resolve("sso.yaml"), yaml);
        return providers;
    }

    /** A command running in the background whose output the test reads as it comes. */
    private record Running(CompletableFuture<Integer> exit, StringWriter out, StringWriter err) {

        /** Waits up to 30 s for the output to match, and returns the match. */
        Matcher await(Pattern pattern) throws InterruptedException {
            for (int i = 0; i < 300; i++) {
                Matcher matcher = pattern.matcher(out.toString());
                if (matcher.find()) {
                    return matcher;
                }
                Thread.sleep(100);
            }
            throw new AssertionError("no " + pattern + " in:\n" + out + err);
        }

        int exitCode() throws Exception {
            return exit.get(60, TimeUnit.SECONDS);
        }
    }

    private static Running start(Map<String, String> env, ConsoleInput input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> ConformanceMain
                .run(args, input, new PrintWriter(out, true), new PrintWriter(err, true), env));
        return new Running(exit, out, err);
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Path credentials() {
        return dir.resolve("config/providers/credentials.json");
    }

    @Test
    void theDeviceFlowPrintsTheCodeStoresTheLoginAndLogoutForgetsIt() throws Exception {
        try (DeviceFlowServer sso = DeviceFlowServer.start("my-cli");
                ReferenceServer chat = ReferenceServer.start(Profile.OPENAI, null)) {
            sso.interval(1);
            Map<String, String> env = env(providers("""
                    id: sso
                    baseUrl: %s
                    authHeader: true
                    auth:
                      type: oauth2-device
                      deviceAuthorizationUrl: %s
                      tokenUrl: %s
                      clientId: my-cli
                    models: [{id: %s}]
                    """.formatted(chat.baseUrl(), sso.deviceAuthorizationUrl(), sso.tokenUrl(),
                    Profile.LITE_MODEL)));
            assertTrue(CliRun.run(env, "list").out().contains("auth: oauth2-device: not logged "
                    + "in: run `conformance login sso` [not ready]"));

            Running login = start(env, ConsoleInput.none(), "login", "sso");
            Matcher shown = login.await(Pattern.compile("open (\\S+) and enter the code "
                    + "([A-Z]{4}-[A-Z]{4}) \\(valid for 10 min\\)"));
            assertEquals(sso.verificationUri().toString(), shown.group(1));
            // the user opens the page and enters the code
            assertEquals(200, get(URI.create(shown.group(1) + "?user_code=" + shown.group(2)))
                    .statusCode());
            assertEquals(0, login.exitCode(), () -> login.out() + "" + login.err());
            String out = login.out().toString();
            assertTrue(out.startsWith("login to sso (oauth2-device)\n"), out);
            assertTrue(out.contains("  or open " + sso.verificationUri() + "?user_code="
                    + shown.group(2) + "\n"), out);
            assertTrue(out.contains("logged in to sso (the token expires in 60 min, refresh "
                    + "token stored); stored in " + credentials()), out);
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(credentials())));

            String listed = CliRun.run(env, "list").out();
            assertTrue(Pattern.compile("auth: oauth2-device: logged in; the token expires in "
                    + "(59|60) min and is refreshed then\n").matcher(listed).find(), listed);
            CliRun check = CliRun.run(env, "check", "--provider", "sso");
            assertEquals(0, check.exitCode(), check::all);
            assertTrue(check.out().contains("  credential: oauth2-device: logged in"), check::out);

            CliRun logout = CliRun.run(env, "logout", "sso");
            assertEquals("logged out of sso: its credential was deleted from " + credentials()
                    + "\n", logout.out());
            assertEquals("no credential was stored for sso in " + credentials() + "\n",
                    CliRun.run(env, "logout", "sso").out());
            CliRun after = CliRun.run(env, "check", "--provider", "sso");
            assertEquals(1, after.exitCode());
            assertTrue(after.out().contains("chat: auth: no stored login for provider sso — run "
                    + "`conformance login sso`"), after::out);
        }
    }

    @Test
    void theBrowserFlowPrintsTheUrlAndWaitsForTheRedirect() throws Exception {
        MockOAuth2Server oauth = new MockOAuth2Server();
        oauth.start(InetAddress.getByName("127.0.0.1"), 0);
        try {
            Map<String, String> env = env(providers("""
                    id: sso
                    baseUrl: https://llm.example.com/v1
                    authHeader: true
                    auth:
                      type: oauth2-authorization-code
                      authorizationUrl: %s
                      tokenUrl: %s
                      clientId: my-app
                      scope: openid offline_access
                    models: [{id: m}]
                    """.formatted(oauth.authorizationEndpointUrl("default"),
                    oauth.tokenEndpointUrl("default"))));
            Running login = start(env, ConsoleInput.none(), "login", "sso");
            Matcher url = login.await(Pattern.compile("  (http://localhost:\\d+/default/"
                    + "authorize\\?\\S+)\n"));
            login.await(Pattern.compile("waiting for the browser's redirect to "
                    + "http://127\\.0\\.0\\.1:\\d+/callback"));
            // the browser: the server signs the user in and redirects to the loopback port
            HttpResponse<String> authorize = get(URI.create(url.group(1)));
            assertEquals(302, authorize.statusCode());
            HttpResponse<String> page = get(URI.create(authorize.headers().firstValue(
                    "Location").orElseThrow()));
            assertTrue(page.body().contains("Signed in. You can close this tab."), page.body());
            assertEquals(0, login.exitCode(), () -> login.out() + "" + login.err());
            assertTrue(login.out().toString().contains("logged in to sso (the token expires in "),
                    login.out()::toString);
            String stored = Files.readString(credentials());
            assertTrue(stored.contains("\"type\" : \"oauth2-authorization-code\""), stored);
        } finally {
            oauth.shutdown();
        }
    }

    @Test
    void aPromptReadsThePastedTokenAndChatSendsIt() throws Exception {
        String token = "sk-pasted-0123456789abcdef";
        try (ReferenceServer chat = ReferenceServer.start(Profile.OPENAI, token)) {
            Map<String, String> env = env(providers("""
                    id: sso
                    baseUrl: %s
                    authHeader: true
                    auth:
                      type: prompt
                      prompt: Paste a token from https://llm.example.com/tokens
                    models: [{id: %s}]
                    """.formatted(chat.baseUrl(), Profile.LITE_MODEL)));
            StringWriter out = new StringWriter();
            int code = ConformanceMain.run(new String[] {"login", "sso"}, ConsoleInput.of(
                    new BufferedReader(new StringReader("  " + token + "\n"))),
                    new PrintWriter(out, true), new PrintWriter(new StringWriter()), env);
            assertEquals(0, code, out::toString);
            assertEquals("login to sso (prompt)\nPaste a token from https://llm.example.com/"
                    + "tokens: logged in to sso; stored in " + credentials() + "\n",
                    out.toString());
            CliRun chatRun = CliRun.run(env, "chat", "--provider", "sso", "Hello");
            assertEquals(0, chatRun.exitCode(), chatRun::all);
            assertFalse(Files.readString(credentials()).isEmpty());
            assertFalse(CliRun.run(env, "list").all().contains(token));
        }
    }

    @Test
    void aProviderWithoutALoginOrAnUnknownOneIsAUsageError() throws Exception {
        Map<String, String> env = env(providers("""
                id: sso
                baseUrl: https://llm.example.com/v1
                apiKey: ${KEY}
                authHeader: true
                models: [{id: m}]
                """));
        CliRun keyed = CliRun.run(env, "login", "sso");
        assertEquals(2, keyed.exitCode());
        assertEquals("conformance login: provider sso uses apiKey, which needs no login; only "
                + "oauth2-device, oauth2-authorization-code and prompt do\n", keyed.err());
        CliRun unknown = CliRun.run(env, "logout", "nope");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().startsWith("conformance logout: unknown provider 'nope'"),
                unknown::err);
    }
}
