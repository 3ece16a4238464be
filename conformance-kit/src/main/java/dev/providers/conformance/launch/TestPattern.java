package dev.providers.conformance.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * The {@code --tests} pattern: comma-separated alternatives, each a glob ({@code *}, {@code ?})
 * that must match a whole name, or else a substring; case-insensitive. A test matches when any
 * alternative matches its catalogue id, its class's simple name, its method name, or its own or
 * an enclosing display name.
 */
final class TestPattern {

    private final String text;
    private final List<Pattern> globs;
    private final List<String> substrings;

    private TestPattern(String text, List<Pattern> globs, List<String> substrings) {
        this.text = text;
        this.globs = globs;
        this.substrings = substrings;
    }

    /**
     * Parses a pattern.
     *
     * @throws IllegalArgumentException when it has no alternative
     */
    static TestPattern parse(String text) {
        List<Pattern> globs = new ArrayList<>();
        List<String> substrings = new ArrayList<>();
        for (String part : text.split(",")) {
            String alternative = part.trim().toLowerCase(Locale.ROOT);
            if (alternative.isEmpty()) {
                continue;
            }
            if (alternative.contains("*") || alternative.contains("?")) {
                globs.add(glob(alternative));
            } else {
                substrings.add(alternative);
            }
        }
        if (globs.isEmpty() && substrings.isEmpty()) {
            throw new IllegalArgumentException("the test pattern '" + text
                    + "' names no test; give an id, a name or a glob, separated by commas");
        }
        return new TestPattern(text, List.copyOf(globs), List.copyOf(substrings));
    }

    /** Returns whether any alternative matches any of the names. */
    boolean matches(List<String> names) {
        for (String name : names) {
            String lower = name.toLowerCase(Locale.ROOT);
            for (String substring : substrings) {
                if (lower.contains(substring)) {
                    return true;
                }
            }
            for (Pattern glob : globs) {
                if (glob.matcher(lower).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Returns a filter that keeps the tests this pattern matches. */
    PostDiscoveryFilter filter() {
        return descriptor -> matches(names(descriptor))
                ? FilterResult.included("matches --tests " + text)
                : FilterResult.excluded("does not match --tests " + text);
    }

    /** Returns the names a descriptor is matched by (see the class comment). */
    static List<String> names(TestDescriptor descriptor) {
        List<String> names = new ArrayList<>();
        String className = null;
        String classDisplayName = null;
        for (TestDescriptor d = descriptor; d != null && !d.isRoot();
                d = d.getParent().orElse(null)) {
            names.add(d.getDisplayName());
            Optional<TestSource> source = d.getSource();
            if (source.isPresent() && source.get() instanceof MethodSource method) {
                names.add(method.getMethodName());
                className = className == null ? method.getClassName() : className;
            } else if (source.isPresent() && source.get() instanceof ClassSource type
                    && classDisplayName == null) {
                className = type.getClassName();
                classDisplayName = d.getDisplayName();
            }
        }
        String simpleName = className == null ? null : simpleName(className);
        if (simpleName != null) {
            names.add(simpleName);
        }
        String id = CatalogueIds.find(descriptor.getDisplayName(), classDisplayName, simpleName);
        if (id != null) {
            names.add(id);
        }
        return names;
    }

    static String simpleName(String className) {
        String name = className.substring(className.lastIndexOf('.') + 1);
        return name.substring(name.lastIndexOf('$') + 1);
    }

    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    @Override
    public String toString() {
        return text;
    }
}
