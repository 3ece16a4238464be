package dev.providers.engine.auth;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What a login shows its user and asks of them, for applications with their own UI (the
 * conformance CLI prints to the console). Every method has a default that does nothing, so an
 * application implements only what its provider's flow uses.
 *
 * <p>Threading: called on an engine thread, never on an I/O thread; a method may block (for
 * example {@link #ask} while the user types).
 */
public interface LoginCallbacks {

    /**
     * Shows the URL the user opens in a browser to sign in ({@code oauth2-authorization-code});
     * the login then waits for the browser's redirect.
     */
    default void showUrl(URI url) {
    }

    /**
     * Shows the code the user enters at the verification page ({@code oauth2-device}); the
     * login then polls the token endpoint until the user has done so or {@code expiresIn} has
     * passed.
     *
     * @param userCode the code to enter
     * @param verificationUri the page where it is entered
     * @param verificationUriComplete the page with the code filled in, or null
     * @param expiresIn how long the code is valid
     */
    default void showDeviceCode(String userCode, URI verificationUri,
            @Nullable URI verificationUriComplete, Duration expiresIn) {
    }

    /**
     * Asks the user for a secret text, such as the token of a {@code prompt} provider, and
     * returns it, or null when the user gave none.
     */
    default @Nullable String ask(String prompt) {
        return null;
    }

    /** Tells the user what the login is waiting for. */
    default void progress(String message) {
    }
}
