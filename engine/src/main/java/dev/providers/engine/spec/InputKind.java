package dev.providers.engine.spec;

import java.util.Locale;

/** An input modality a model accepts. */
public enum InputKind {
    TEXT, IMAGE;

    /** Returns the lowercase name used in provider files. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
