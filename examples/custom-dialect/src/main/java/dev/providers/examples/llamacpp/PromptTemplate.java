package dev.providers.examples.llamacpp;

import java.util.List;
import java.util.Locale;

/**
 * The markup that turns chat turns into the one prompt string {@code /completion} takes: the
 * compat flag {@code promptTemplate}. Each template writes a turn, then the opening of the turn
 * the model is to write.
 *
 * <p>Thread-safety: immutable.
 */
enum PromptTemplate {

    /** {@code <|im_start|>role\ntext<|im_end|>\n}, then {@code <|im_start|>assistant\n}. */
    CHATML {
        @Override
        void turn(StringBuilder prompt, Role role, String text) {
            prompt.append("<|im_start|>").append(role.wireName).append('\n').append(text)
                    .append("<|im_end|>\n");
        }

        @Override
        void answer(StringBuilder prompt) {
            prompt.append("<|im_start|>assistant\n");
        }
    },

    /**
     * Llama 3's header tokens, each text trimmed as Meta's template does; no
     * {@code <|begin_of_text|>}, which the server adds when it tokenizes the prompt.
     */
    LLAMA3 {
        @Override
        void turn(StringBuilder prompt, Role role, String text) {
            header(prompt, role.wireName).append(text.strip()).append("<|eot_id|>");
        }

        @Override
        void answer(StringBuilder prompt) {
            header(prompt, Role.ASSISTANT.wireName);
        }

        private StringBuilder header(StringBuilder prompt, String role) {
            return prompt.append("<|start_header_id|>").append(role)
                    .append("<|end_header_id|>\n\n");
        }
    },

    /**
     * For base models without a chat template: the system prompt and a blank line, then
     * {@code User: text\n} and {@code Assistant: text\n}, then {@code Assistant:}; the model
     * would go on to write the user's next line, so {@code \nUser:} is a stop sequence.
     */
    PLAIN {
        @Override
        void turn(StringBuilder prompt, Role role, String text) {
            switch (role) {
                case SYSTEM -> prompt.append(text).append("\n\n");
                case USER -> prompt.append("User: ").append(text).append('\n');
                case ASSISTANT -> prompt.append("Assistant: ").append(text).append('\n');
            }
        }

        @Override
        void answer(StringBuilder prompt) {
            prompt.append("Assistant:");
        }

        @Override
        List<String> stops() {
            return List.of("\nUser:");
        }
    };

    /** Who speaks a turn, with the name the templates write. */
    enum Role {
        SYSTEM("system"), USER("user"), ASSISTANT("assistant");

        final String wireName;

        Role(String wireName) {
            this.wireName = wireName;
        }
    }

    /** Appends one turn. */
    abstract void turn(StringBuilder prompt, Role role, String text);

    /** Appends the opening of the model's answer, which ends the prompt. */
    abstract void answer(StringBuilder prompt);

    /** Returns stop sequences the template needs on top of the caller's. */
    List<String> stops() {
        return List.of();
    }

    /** Returns the flag value that names this template, such as {@code chatml}. */
    String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the template a flag value names.
     *
     * @throws IllegalArgumentException naming the known values, for any other value
     */
    static PromptTemplate of(String flagValue) {
        for (PromptTemplate template : values()) {
            if (template.flagValue().equals(flagValue)) {
                return template;
            }
        }
        throw new IllegalArgumentException("compat.promptTemplate '" + flagValue
                + "' is not one of chatml, llama3, plain");
    }
}
