package dev.providers.engine.spi;

import org.jspecify.annotations.Nullable;

/**
 * The shape of tool-call ids a server accepts; {@link History#prepare} normalises every id of a
 * history to it (an id that already fits is kept, the rest are cut and hashed, deterministically
 * and identically in a call and its result).
 *
 * @param maxLength the longest id (at least 9, room for a separator and a hash)
 * @param alphanumeric whether only {@code [A-Za-z0-9]} is allowed, else also {@code _} and
 *     {@code -}
 * @param exactLength the exact length every id must have, or null
 */
public record ToolCallIdFormat(int maxLength, boolean alphanumeric,
        @Nullable Integer exactLength) {

    /** At most 40 characters of {@code [A-Za-z0-9_-]}: what OpenAI accepts. */
    public static final ToolCallIdFormat DEFAULT = new ToolCallIdFormat(40, false, null);

    /** Raises a maximum below 9 to 9 and rejects an exact length below 9. */
    public ToolCallIdFormat {
        maxLength = Math.max(maxLength, 9);
        if (exactLength != null && exactLength < 9) {
            throw new IllegalArgumentException("exactLength must be >= 9, was " + exactLength);
        }
    }
}
