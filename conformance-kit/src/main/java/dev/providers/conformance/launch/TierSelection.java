package dev.providers.conformance.launch;

import dev.providers.conformance.api.Tier;
import java.util.List;
import java.util.Locale;

/** Which tiers of the suite a run selects: one of them, or all. */
public enum TierSelection {
    /** Only the PROTOCOL tier (the default). */
    PROTOCOL(List.of(Tier.PROTOCOL)),
    /** Only the BEHAVIOUR tier. */
    BEHAVIOUR(List.of(Tier.BEHAVIOUR)),
    /** Every tier. */
    ALL(List.of(Tier.values()));

    private final List<Tier> tiers;

    TierSelection(List<Tier> tiers) {
        this.tiers = tiers;
    }

    /** Returns the tiers selected, in catalogue order. */
    public List<Tier> tiers() {
        return tiers;
    }

    /** Returns the JUnit tags of the selected tiers. */
    public List<String> tags() {
        return tiers.stream().map(Tier::tag).toList();
    }

    /** Returns the lower-case name used on the command line and in reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
