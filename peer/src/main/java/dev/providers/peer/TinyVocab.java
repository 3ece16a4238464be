package dev.providers.peer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The tiny model's SentencePiece-style vocabulary (byte fallback, no automatic space prefix). */
final class TinyVocab {

    /** GGUF token types, as llama.cpp numbers them. */
    static final int NORMAL = 1;
    static final int UNKNOWN = 2;
    static final int CONTROL = 3;
    static final int USER_DEFINED = 4;
    static final int BYTE = 6;

    /** The SentencePiece space marker "▁". */
    static final String SPIECE = "\u2581";

    /** Letters that get a "▁x" word-start token. */
    static final String SPACE_LETTERS = "abcdefghiklmnoprstuvw";

    /** One vocabulary entry. */
    record Token(String text, int type, float score) {
    }

    static final List<Token> TOKENS = build();
    static final int SIZE = TOKENS.size();

    private static final Map<String, Integer> IDS = index(TOKENS);

    static final int UNK = 0;
    static final int BOS = 1;
    static final int IM_END = id("<|im_end|>");

    private TinyVocab() {
    }

    /** Returns the id of a token text; fails for texts outside the vocabulary. */
    static int id(String text) {
        Integer id = IDS.get(text);
        if (id == null) {
            throw new IllegalArgumentException("not in the vocabulary: " + text);
        }
        return id;
    }

    private static List<Token> build() {
        List<Token> t = new ArrayList<>();
        t.add(new Token("<unk>", UNKNOWN, 0f));
        t.add(new Token("<s>", CONTROL, 0f));
        t.add(new Token("</s>", CONTROL, 0f));
        for (int b = 0; b < 256; b++) {
            t.add(new Token(String.format("<0x%02X>", b), BYTE, 0f));
        }
        t.add(new Token(SPIECE, NORMAL, -1000f));
        // a text newline must be this token, not the <0x0A> byte token
        t.add(new Token("\n", NORMAL, -1000f));
        for (char c = 0x21; c < 0x7F; c++) {
            t.add(new Token(String.valueOf(c), NORMAL, -1000f));
        }
        for (char c : SPACE_LETTERS.toCharArray()) {
            t.add(new Token(SPIECE + c, NORMAL, -10f));
        }
        t.add(new Token("Hello", NORMAL, -20f));
        t.add(new Token(SPIECE + "world", NORMAL, -20f));
        for (String s : List.of("<tool_call>", "</tool_call>", "<tool_response>",
                "</tool_response>")) {
            t.add(new Token(s, USER_DEFINED, 0f));
        }
        t.add(new Token("<|im_start|>", CONTROL, 0f));
        t.add(new Token("<|im_end|>", CONTROL, 0f));
        if (t.size() != 384) {
            throw new IllegalStateException("vocabulary size " + t.size() + ", expected 384");
        }
        return Collections.unmodifiableList(t);
    }

    private static Map<String, Integer> index(List<Token> tokens) {
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            ids.put(tokens.get(i).text(), i);
        }
        return ids;
    }
}
