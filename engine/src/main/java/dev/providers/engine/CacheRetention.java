package dev.providers.engine;

/** How long the provider should keep the prompt in its cache, where it supports caching. */
public enum CacheRetention {
    /** Ask for no caching hints. */
    NONE,
    /** The provider's default retention (e.g. 5 minutes). */
    SHORT,
    /** Long retention where supported (24 h prompt cache, 1 h cache_control markers). */
    LONG
}
