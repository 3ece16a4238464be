package dev.providers.conformance.cli;

import dev.providers.conformance.onboarding.EndpointProbe;
import dev.providers.engine.internal.config.BaseUrlTemplate;
import dev.providers.engine.message.ErrorKind;
import java.net.URI;
import java.util.Optional;

/**
 * The "did you mean baseUrl …" of a request answered 404 that names no model: most often the
 * base URL lacks its version segment or carries an endpoint path, and a neighbouring base path
 * answers a model list.
 */
final class BaseUrlHint {

    private BaseUrlHint() { }

    /** Returns the hint line for an error of {@code kind} at {@code baseUrl}, if a probe finds one. */
    static Optional<String> of(ErrorKind kind, URI baseUrl) {
        if (kind != ErrorKind.NOT_FOUND || BaseUrlTemplate.isTemplate(baseUrl)) {
            return Optional.empty();
        }
        return EndpointProbe.nearbyBaseUrl(baseUrl).map(better -> "did you mean baseUrl: "
                + better + "? (GET " + better + "/models answers a model list)");
    }
}
