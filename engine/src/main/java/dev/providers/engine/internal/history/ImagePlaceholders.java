package dev.providers.engine.internal.history;

import dev.providers.engine.message.ImageContent;
import dev.providers.engine.message.Message;
import dev.providers.engine.message.TextContent;
import dev.providers.engine.message.ToolResultMessage;
import dev.providers.engine.message.UserContent;
import dev.providers.engine.message.UserMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces images with a placeholder text for models that do not declare image input, so that
 * the model knows something was there
 * ({@code docs/dialects/openai-completions.md} §3.3 "Images for a text-only
 * model"). Consecutive images collapse into one placeholder.
 *
 * <p>Thread-safety: stateless.
 */
final class ImagePlaceholders {

    /** Stands in for user images. */
    static final String USER_IMAGE = "(image omitted: model does not support images)";

    /** Stands in for tool-result images. */
    static final String TOOL_IMAGE = "(tool image omitted: model does not support images)";

    private ImagePlaceholders() { }

    /** Returns the history with every image replaced by its placeholder. */
    static List<Message> replace(List<Message> history) {
        List<Message> out = new ArrayList<>(history.size());
        for (Message message : history) {
            if (message instanceof UserMessage user) {
                out.add(new UserMessage(replace(user.content(), USER_IMAGE), user.timestamp()));
            } else if (message instanceof ToolResultMessage result) {
                out.add(new ToolResultMessage(result.toolCallId(), result.toolName(),
                        replace(result.content(), TOOL_IMAGE), result.isError(),
                        result.addedTools(), result.timestamp()));
            } else {
                out.add(message);
            }
        }
        return out;
    }

    private static List<UserContent> replace(List<UserContent> content, String placeholder) {
        List<UserContent> out = new ArrayList<>(content.size());
        boolean previousWasPlaceholder = false;
        for (UserContent block : content) {
            if (block instanceof ImageContent) {
                if (!previousWasPlaceholder) {
                    out.add(new TextContent(placeholder));
                }
                previousWasPlaceholder = true;
            } else {
                out.add(block);
                // a placeholder written earlier (a replayed history) also absorbs the next image
                previousWasPlaceholder = block instanceof TextContent text
                        && text.text().equals(placeholder);
            }
        }
        return out;
    }
}
