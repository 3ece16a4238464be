package dev.providers.conformance.launch;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds a test's catalogue id ("P04", "P14a", "P10b/c", "B02"): suite classes and methods start
 * their display names with it, and class names start with it ({@code P04bToolChoiceTest}).
 */
final class CatalogueIds {

    private static final Pattern LEADING_ID =
            Pattern.compile("^([A-Z]\\d{1,3}[a-z]?(?:/[a-z])*)(?:\\s|$)");
    private static final Pattern CLASS_ID = Pattern.compile("^([A-Z]\\d{1,3}[a-z]?)[A-Z_]");

    private CatalogueIds() { }

    /**
     * Returns the id a method's display name starts with (the most specific, e.g. "P14a"),
     * else the class display name's, else the class name's, else null.
     */
    static @Nullable String find(@Nullable String testDisplayName,
            @Nullable String classDisplayName, @Nullable String classSimpleName) {
        String id = leading(testDisplayName);
        if (id == null) {
            id = leading(classDisplayName);
        }
        if (id == null && classSimpleName != null) {
            Matcher m = CLASS_ID.matcher(classSimpleName);
            id = m.find() ? m.group(1) : null;
        }
        return id;
    }

    private static @Nullable String leading(@Nullable String displayName) {
        if (displayName == null) {
            return null;
        }
        Matcher m = LEADING_ID.matcher(displayName);
        return m.find() ? m.group(1) : null;
    }
}
