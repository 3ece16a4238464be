package dev.providers.conformance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.providers.conformance.reference.Profile;
import dev.providers.conformance.reference.ReferenceServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} names what carries the credential, whichever header that is. */
class CheckCommandTest {

    private static final String KEY = "sk-azure-check-5b1e";

    @TempDir
    Path dir;

    private Map<String, String> env(String yamlName, String yaml) throws Exception {
        Path providers = Files.createDirectories(dir.resolve("providers.d"));
        Files.writeString(providers.resolve(yamlName), yaml);
        return Map.of("PROVIDERS_DIR", providers.toString(), "XDG_CONFIG_HOME",
                dir.resolve("config").toString(), "HOME", dir.toString(),
                "AZURE_OPENAI_API_KEY", KEY, "TEAM_KEY", KEY);
    }

    @Test
    void azuresApiKeyHeaderIsReportedAsTheCredential() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(Profile.OPENAI, KEY)) {
            Map<String, String> env = env("azure-openai.yaml", "id: azure-openai\nbaseUrl: "
                    + server.baseUrl() + "\nmodels: [{id: " + Profile.LITE_MODEL + "}]\n");
            CliRun check = CliRun.run(env, "check", "--provider", "azure-openai");
            assertEquals(0, check.exitCode(), check::all);
            assertTrue(check.out().contains("\n  credential: api-key: ${AZURE_OPENAI_API_KEY} "
                    + "(set)\n"), check::out);
            assertFalse(check.all().contains(KEY), check::all);
        }
    }

    @Test
    void aKeyInTheDialectsHeaderIsReportedWithThatHeader() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(Profile.OPENAI, KEY)) {
            Map<String, String> env = env("team.yaml", "id: team\napi: anthropic-messages\n"
                    + "baseUrl: " + server.baseUrl() + "\napiKey: ${TEAM_KEY}\n"
                    + "models: [{id: " + Profile.LITE_MODEL + "}]\n");
            CliRun check = CliRun.run(env, "check", "--provider", "team");
            assertTrue(check.out().contains("\n  credential: apiKey: ${TEAM_KEY} (set) (sent as "
                    + "x-api-key)\n"), check::out);
            assertFalse(check.all().contains(KEY), check::all);
        }
    }

    @Test
    void aBareUpperCaseKeyIsShownByItsVariableWhenThatIsSet() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(Profile.OPENAI, KEY)) {
            Map<String, String> env = env("team.yaml", "id: team\nbaseUrl: " + server.baseUrl()
                    + "\napiKey: TEAM_KEY\nmodels: [{id: " + Profile.LITE_MODEL + "}]\n");
            CliRun check = CliRun.run(env, "check", "--provider", "team");
            assertEquals(0, check.exitCode(), check::all);
            assertTrue(check.out().contains("\n  credential: apiKey: TEAM_KEY (read from the "
                    + "environment, set)\n"), check::out);
            assertFalse(check.all().contains(KEY), check::all);
        }
    }

    @Test
    void noCredentialIsNoneSent() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(Profile.OPENAI, null)) {
            Map<String, String> env = env("open.yaml", "id: open\nbaseUrl: "
                    + server.baseUrl() + "\nmodels: [{id: " + Profile.LITE_MODEL + "}]\n");
            CliRun check = CliRun.run(env, "check", "--provider", "open");
            assertEquals(0, check.exitCode(), check::all);
            assertTrue(check.out().contains("\n  credential: none sent\n"), check::out);
        }
    }
}
