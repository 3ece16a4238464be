package dev.providers.conformance.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test whose check is about one dialect's wire (the request's shape, the framing, the
 * usage switch): it runs through the dialect's {@link WireView}, and for a dialect without one
 * it is skipped with the reason {@code no wire view for dialect X: <value> not checked}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface WireSpecific {

    /** What the test checks on the wire, as the skip reason names it ("request shape"). */
    String value();
}
