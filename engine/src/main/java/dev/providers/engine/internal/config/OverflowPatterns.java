package dev.providers.engine.internal.config;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * The rule for the {@code overflowPatterns} compat flag: each entry must be valid both as an
 * ECMA-262 regular expression (what the schema's {@code format: regex} means to editors) and as
 * RE2/J syntax (the engine matches them with RE2/J, case-insensitively, in linear time), and
 * must stay small once its repetitions are expanded, since RE2/J compiles them out.
 *
 * <p>Thread-safety: stateless.
 */
final class OverflowPatterns {

    /** The longest entry checked; the schema rejects longer ones on its own. */
    static final int MAX_LENGTH = 1000;
    /** The largest expanded size accepted: RE2/J would build a program of about this many steps. */
    static final long MAX_EXPANDED = 10_000;

    private OverflowPatterns() { }

    /** Returns why {@code pattern} is not accepted, or null when it is. */
    static @Nullable String problem(String pattern) {
        if (pattern.length() > MAX_LENGTH) {
            return null; // the schema's maxLength reports it; nothing larger is compiled
        }
        EcmaRegexSyntax.Result ecma = EcmaRegexSyntax.check(pattern);
        EcmaRegexSyntax.Problem problem = ecma.problem();
        if (problem != null) {
            String flags = problem.inlineFlags();
            if (flags != null && flags.substring(0, flags.length() - 1).indexOf('i') > 0) {
                return "'" + flags + "' is not needed: overflow patterns always match "
                        + "case-insensitively (and inline flags are not ECMA-262 syntax); "
                        + "remove it";
            }
            return "is not an ECMA-262 regular expression, which 'format: regex' requires: "
                    + problem.message() + " (at offset " + problem.index() + ")";
        }
        if (ecma.expandedSize() > MAX_EXPANDED) {
            return "repeats too much: more than " + MAX_EXPANDED + " steps once its "
                    + "repetitions are expanded";
        }
        try {
            Pattern.compile(pattern, Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            return "is not RE2 syntax, which the engine matches overflow patterns with (no "
                    + "lookaround, no backreferences): " + e.getDescription();
        }
        return null;
    }
}
