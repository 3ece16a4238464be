package dev.providers.engine.internal.auth;

import dev.providers.engine.internal.errors.Redactor;
import dev.providers.engine.spec.AuthSpec;
import dev.providers.engine.spec.SecretRef;
import dev.providers.engine.spec.UnresolvedSecretException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Gets a token from a credential helper ({@code auth: {type: command}}): runs it on the auth
 * executor, bounded (30 s, 1 MiB of output), and reads its output ({@link HelperOutput}). A
 * helper that exits non-zero fails with the first line of its standard error, redacted of the
 * provider's secrets.
 *
 * <p>Thread-safety: immutable; each fetch is its own run.
 */
final class CommandFetcher implements TokenFetcher {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final int MAX_OUTPUT = 1024 * 1024;
    /** The most of a stderr line a message shows. */
    private static final int MAX_LINE = 300;

    private final AuthSpec.Command spec;
    private final String providerId;
    private final Function<String, @Nullable String> environment;
    private final Executor executor;
    private final Clock clock;
    private final KnownSecrets known;
    private final Supplier<Redactor> redactor;
    private final Duration timeout;

    CommandFetcher(AuthSpec.Command spec, String providerId,
            Function<String, @Nullable String> environment, Executor executor, Clock clock,
            KnownSecrets known, Supplier<Redactor> redactor, Duration timeout) {
        this.spec = spec;
        this.providerId = providerId;
        this.environment = environment;
        this.executor = executor;
        this.clock = clock;
        this.known = known;
        this.redactor = redactor;
        this.timeout = timeout;
    }

    @Override
    public CompletableFuture<Token> fetch(@Nullable Token refused) {
        return CompletableFuture.supplyAsync(this::run, executor);
    }

    @Override
    public boolean refreshable() {
        return true;
    }

    private Token run() {
        List<String> argv = new ArrayList<>();
        for (SecretRef argument : spec.command()) {
            try {
                argv.add(argument.resolve(environment));
            } catch (UnresolvedSecretException e) {
                throw new CompletionException(Failures.auth("the credential helper of provider "
                        + providerId + " needs " + e.getMessage().replace(" is not set", "")
                        + ", which is not set"));
            }
        }
        HelperRun run = new HelperRun(argv, timeout, MAX_OUTPUT);
        HelperRun.Outcome outcome;
        try {
            outcome = run.run();
        } catch (HelperRun.HelperFailure e) {
            throw new CompletionException(Failures.auth(e.getMessage() + " (provider "
                    + providerId + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(Failures.auth("the credential helper of provider "
                    + providerId + " was interrupted (the engine is closing)"));
        }
        Instant now = clock.instant();
        if (outcome.exitCode() != 0) {
            // what it printed may be a token after all; never show it
            known.add(outcome.stdout().strip());
            String line = firstLine(outcome.stderr());
            throw new CompletionException(Failures.auth("credential helper '" + run.program()
                    + "' of provider " + providerId + " exited with " + outcome.exitCode()
                    + (line.isEmpty() ? " and printed nothing on stderr"
                            : ": " + redact(line))));
        }
        HelperOutput.Parsed parsed;
        try {
            parsed = HelperOutput.parse(outcome.stdout(), now, spec.ttl());
        } catch (IllegalArgumentException e) {
            known.add(outcome.stdout().strip());
            throw new CompletionException(Failures.auth("credential helper '" + run.program()
                    + "' of provider " + providerId + " " + e.getMessage()));
        }
        parsed.secrets().forEach(known::add);
        return parsed.token();
    }

    private String redact(String line) {
        // masked before it is cut: a cut through a secret would leave its start unrecognised
        String text = redactor.get().redact(line);
        return text.length() > MAX_LINE ? text.substring(0, MAX_LINE) + "…" : text;
    }

    private static String firstLine(String stderr) {
        for (String line : stderr.split("\\R")) {
            if (!line.isBlank()) {
                return line.strip();
            }
        }
        return "";
    }
}
