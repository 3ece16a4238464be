package dev.providers.conformance.api;

/** The tiers of the suite; each test class carries the tag of its tier. */
public enum Tier {
    /** What any endpoint must do, whatever its model; one attempt. */
    PROTOCOL("protocol"),
    /** What an instruction-following model must do; several attempts, the rate reported. */
    BEHAVIOUR("behaviour");

    private final String tag;

    Tier(String tag) {
        this.tag = tag;
    }

    /** Returns the JUnit tag of the tier. */
    public String tag() {
        return tag;
    }
}
