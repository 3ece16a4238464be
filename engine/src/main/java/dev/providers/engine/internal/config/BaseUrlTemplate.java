package dev.providers.engine.internal.config;

import dev.providers.engine.spec.UnresolvedSecretException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Base URLs with {@code ${ENV_NAME}} references, such as Cloudflare's
 * {@code https://api.cloudflare.com/client/v4/accounts/${CLOUDFLARE_ACCOUNT_ID}/ai/v1}. A
 * {@link URI} cannot hold braces, so the spec keeps a reference percent-encoded
 * ({@code $%7BCLOUDFLARE_ACCOUNT_ID%7D}); the engine resolves it when a request is made, like a
 * secret, and listings show it as written ({@link #display(URI)}).
 */
public final class BaseUrlTemplate {

    private static final Pattern WRITTEN = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern ENCODED =
            Pattern.compile("\\$%7[Bb]([A-Za-z_][A-Za-z0-9_]*)%7[Dd]");

    private BaseUrlTemplate() { }

    /** Returns the URI of a base URL as written in a file, its references kept encoded. */
    public static URI toUri(String baseUrl) {
        return URI.create(WRITTEN.matcher(baseUrl).replaceAll("\\$%7B$1%7D"));
    }

    /** Returns a base URL as written with every reference replaced by {@code x}, to check it. */
    static String withPlaceholders(String baseUrl) {
        return WRITTEN.matcher(baseUrl).replaceAll("x");
    }

    /** Returns whether a base URL holds references to resolve. */
    public static boolean isTemplate(URI baseUrl) {
        return ENCODED.matcher(baseUrl.toString()).find();
    }

    /** Returns a base URL as its file writes it: {@code ${NAME}} for each reference. */
    public static String display(URI baseUrl) {
        return ENCODED.matcher(baseUrl.toString()).replaceAll("\\${$1}");
    }

    /**
     * Returns a base URL with each reference replaced by its variable's value (encoded for a
     * path segment).
     *
     * @param environment returns a variable's value, or null when it is not set
     * @throws UnresolvedSecretException naming the first variable that is not set or empty
     */
    public static URI resolve(URI baseUrl, Function<String, @Nullable String> environment) {
        String text = baseUrl.toString();
        Matcher m = ENCODED.matcher(text);
        if (!m.find()) {
            return baseUrl;
        }
        StringBuilder out = new StringBuilder();
        do {
            String value = environment.apply(m.group(1));
            if (value == null || value.isEmpty()) {
                throw new UnresolvedSecretException(m.group(1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(URLEncoder.encode(value,
                    StandardCharsets.UTF_8).replace("+", "%20")));
        } while (m.find());
        m.appendTail(out);
        return URI.create(out.toString());
    }
}
