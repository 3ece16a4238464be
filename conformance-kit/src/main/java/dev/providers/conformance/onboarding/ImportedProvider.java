package dev.providers.conformance.onboarding;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One provider an importer produced: the file to write, what was not carried over, and what the
 * user must do for the file to work (e.g. export the variable its key is read from).
 *
 * @param id the provider id the file is (or would have been) written as
 * @param draft the provider file, or null when nothing could be imported (the omissions say why)
 * @param omissions what was not carried over, per provider and model
 * @param actions steps left to the user, one sentence each, never holding a secret
 */
public record ImportedProvider(String id, @Nullable ProviderFileDraft draft,
        List<Omission> omissions,
        List<String> actions) {

    /** Copies the lists. */
    public ImportedProvider {
        omissions = List.copyOf(omissions);
        actions = List.copyOf(actions);
    }
}
