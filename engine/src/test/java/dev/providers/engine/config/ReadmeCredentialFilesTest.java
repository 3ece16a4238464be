package dev.providers.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.providers.engine.spec.AuthSpec;
import dev.providers.engine.spec.ProviderSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Credentials section shows each kind of credential as a complete provider file:
 * every one loads without a problem, and together they cover every {@code auth} type and
 * {@code apiKeys}.
 */
class ReadmeCredentialFilesTest {

    private static final Pattern YAML = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void everyExampleIsACompleteValidFile() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("\n## Credentials");
        String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
        Matcher files = YAML.matcher(section);
        List<String> ids = new ArrayList<>();
        while (files.find()) {
            String yaml = files.group(1);
            String id = yaml.lines().filter(l -> l.startsWith("id: ")).findFirst().orElseThrow()
                    .substring(4);
            ProviderDirs.write(dir, id + ".yaml", yaml);
            ids.add(id);
        }
        LoadResult result = ProviderLoader.withoutBuiltins().load(dir);
        assertEquals(List.of(), result.diagnostics().stream().map(Diagnostic::format).toList());
        TreeSet<String> kinds = new TreeSet<>();
        for (String id : ids) {
            ProviderSpec provider = result.registry().provider(id).orElseThrow();
            AuthSpec auth = provider.auth();
            kinds.add(auth != null ? auth.type() : provider.apiKeys().isEmpty() ? "apiKey"
                    : "apiKeys");
        }
        assertEquals(new TreeSet<>(List.of("apiKeys", "command", "oauth2-client-credentials",
                "oauth2-device", "oauth2-authorization-code", "prompt")), kinds);
    }
}
