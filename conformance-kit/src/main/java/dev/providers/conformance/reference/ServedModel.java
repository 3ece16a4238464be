package dev.providers.conformance.reference;

import java.util.List;
import java.util.Optional;

/**
 * A model the reference server serves, with what its provider file declares.
 *
 * @param id the model id on the wire
 * @param name the display name in the provider file
 * @param reasoning whether it thinks when asked (reasoning_effort other than none)
 * @param vision whether it accepts images
 */
record ServedModel(String id, String name, boolean reasoning, boolean vision) {

    /** The context window of every model, in tokens. */
    static final int CONTEXT_WINDOW = 16384;

    /** The output limit of every model, in tokens. */
    static final int MAX_TOKENS = 4096;

    /** The kit's default model: reasoning, text and image input, tools. */
    static final ServedModel CHAT = new ServedModel("demo-chat",
            "Demo chat (reasoning, vision, tools)", true, true);

    /** A text-only model without reasoning, for the gates that need one. */
    static final ServedModel LITE = new ServedModel("demo-lite", "Demo lite (text only)", false,
            false);

    static final List<ServedModel> ALL = List.of(CHAT, LITE);

    static Optional<ServedModel> byId(String id) {
        return ALL.stream().filter(m -> m.id.equals(id)).findFirst();
    }
}
