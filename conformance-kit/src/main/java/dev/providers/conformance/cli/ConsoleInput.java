package dev.providers.conformance.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;

/**
 * Where the command line reads what it asks the user, such as a token pasted at
 * {@code conformance login}: the terminal without echo when there is one, else a line of
 * standard input (or of the reader a caller hands in).
 */
@FunctionalInterface
public interface ConsoleInput {

    /**
     * Shows {@code prompt} and returns the line the user typed, or null at the end of input.
     */
    @Nullable String readSecret(String prompt, PrintWriter out);

    /** Returns input that has nothing to read. */
    static ConsoleInput none() {
        return (prompt, out) -> null;
    }

    /** Returns the input of this process: the terminal without echo, else standard input. */
    static ConsoleInput system() {
        return (prompt, out) -> {
            Console console = System.console();
            if (console != null) {
                char[] typed = console.readPassword("%s: ", prompt);
                return typed == null ? null : new String(typed);
            }
            return of(new BufferedReader(new java.io.InputStreamReader(System.in,
                    java.nio.charset.StandardCharsets.UTF_8))).readSecret(prompt, out);
        };
    }

    /** Returns input that reads lines from {@code reader}, showing the prompt on {@code out}. */
    static ConsoleInput of(BufferedReader reader) {
        return (prompt, out) -> {
            out.print(prompt + ": ");
            out.flush();
            try {
                return reader.readLine();
            } catch (IOException e) {
                return null;
            }
        };
    }
}
