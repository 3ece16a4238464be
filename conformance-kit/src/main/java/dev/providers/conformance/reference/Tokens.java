package dev.providers.conformance.reference;

import dev.providers.conformance.reference.ChatRequest.Call;
import dev.providers.conformance.reference.ChatRequest.Msg;
import dev.providers.conformance.reference.ChatRequest.ToolDef;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The model's tokens: output text is cut into word pieces (a word with its leading space, or a
 * run of punctuation), one piece per streamed chunk and per counted token; prompts are estimated
 * at about four characters per token, as OpenAI's rule of thumb says.
 */
final class Tokens {

    /** Tokens every request costs (the reply priming). */
    static final int PRIMING = 3;

    /** Tokens each message costs beyond its text (role and framing). */
    static final int PER_MESSAGE = 4;

    /** Tokens an image costs (a small image at high detail). */
    static final int PER_IMAGE = 255;

    private static final Pattern PIECE = Pattern.compile(
            "\\s*[\\p{L}\\p{M}\\p{N}_']+|\\s*[^\\s\\p{L}\\p{M}\\p{N}_']+|\\s+");

    private Tokens() { }

    /** Returns the pieces of a text; their concatenation is the text. */
    static List<String> pieces(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = PIECE.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Returns the estimated tokens of a text: characters / 4, rounded up. */
    static int ofText(String text) {
        return (text.length() + 3) / 4;
    }

    /** Returns the estimated prompt tokens of a request. */
    static int prompt(ChatRequest request) {
        int total = PRIMING + ofTools(request.tools());
        for (Msg message : request.messages()) {
            total += ofMessage(message);
        }
        return total;
    }

    /** Returns the tokens the tool definitions cost. */
    static int ofTools(List<ToolDef> tools) {
        int total = 0;
        for (ToolDef tool : tools) {
            total += ofText(tool.name()) + ofText(Json.text(tool.parameters()));
        }
        return total;
    }

    /** Returns the tokens one message costs. */
    static int ofMessage(Msg message) {
        int chars = message.text().length();
        if (message.reasoning() != null) {
            chars += message.reasoning().length();
        }
        for (Call call : message.calls()) {
            chars += call.name().length() + call.arguments().length();
        }
        return PER_MESSAGE + (chars + 3) / 4 + PER_IMAGE * message.images().size();
    }
}
