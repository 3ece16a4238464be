package dev.providers.peer;

import dev.providers.peer.TinyWeights.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * Writes a tiny deterministic Llama chat model (GGUF v3, F32, 537,088 bytes) for llama-server.
 *
 * <p>A Java port of the project's {@code gen_tiny_llama.py} that writes the same bytes for the
 * default seed 42. Any chat is answered "Hello, world!"; with tools offered the model calls the
 * first tool with empty or zero arguments.
 */
public final class TinyLlamaModel {

    /** The name of the file {@link #write(Path)} creates. */
    public static final String FILE_NAME = "tiny-llama.gguf";

    /** The SHA-256 of the written file, the same as the Python generator's with seed 42. */
    public static final String SHA256 =
            "d84024f0f605c8d78a60288abf8ea177935ea55e89f2a5433677faf540262905";

    /** The context length recorded in the model's metadata. */
    public static final int CONTEXT_LENGTH = 4096;

    static final long DEFAULT_SEED = 42;

    private static final float RMS_EPS = 1e-5f;
    private static final float ROPE_THETA = 1_000_000f;

    private static final Map<String, String> HF_TO_GGUF = Map.ofEntries(
            Map.entry("model.embed_tokens.weight", "token_embd.weight"),
            Map.entry("model.norm.weight", "output_norm.weight"),
            Map.entry("lm_head.weight", "output.weight"),
            Map.entry("input_layernorm.weight", "attn_norm.weight"),
            Map.entry("post_attention_layernorm.weight", "ffn_norm.weight"),
            Map.entry("self_attn.q_proj.weight", "attn_q.weight"),
            Map.entry("self_attn.k_proj.weight", "attn_k.weight"),
            Map.entry("self_attn.v_proj.weight", "attn_v.weight"),
            Map.entry("self_attn.o_proj.weight", "attn_output.weight"),
            Map.entry("mlp.gate_proj.weight", "ffn_gate.weight"),
            Map.entry("mlp.up_proj.weight", "ffn_up.weight"),
            Map.entry("mlp.down_proj.weight", "ffn_down.weight"));

    private TinyLlamaModel() {
    }

    /**
     * Writes {@value #FILE_NAME} into {@code dir} (created if missing), replacing any previous
     * file atomically, and returns its path.
     */
    public static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(FILE_NAME);
        // a temporary sibling and a rename, so concurrent writers and readers never see a torn file
        Path tmp = Files.createTempFile(dir, FILE_NAME, ".tmp");
        try {
            Files.write(tmp, gguf(DEFAULT_SEED));
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }

    /** Returns the GGUF bytes for the given seed of the random filler. */
    static byte[] gguf(long seed) {
        List<TinyVocab.Token> vocab = TinyVocab.TOKENS;
        float[] scores = new float[vocab.size()];
        int[] types = new int[vocab.size()];
        List<String> texts = vocab.stream().map(TinyVocab.Token::text).toList();
        for (int i = 0; i < vocab.size(); i++) {
            scores[i] = vocab.get(i).score();
            types[i] = vocab.get(i).type();
        }
        GgufWriter g = new GgufWriter()
                .string("general.architecture", "llama")
                .string("general.name", "tiny-llama")
                .u32("general.file_type", 0)
                .u32("llama.context_length", CONTEXT_LENGTH)
                .u32("llama.embedding_length", TinyWeights.D)
                .u32("llama.block_count", TinyWeights.N_LAYER)
                .u32("llama.feed_forward_length", TinyWeights.FF)
                .u32("llama.attention.head_count", TinyWeights.N_HEAD)
                .u32("llama.attention.head_count_kv", TinyWeights.N_KV_HEAD)
                .f32("llama.attention.layer_norm_rms_epsilon", RMS_EPS)
                .f32("llama.rope.freq_base", ROPE_THETA)
                .u32("llama.rope.dimension_count", TinyWeights.HD)
                .u32("llama.vocab_size", vocab.size())
                .string("tokenizer.ggml.model", "llama")
                .string("tokenizer.ggml.pre", "default")
                .strings("tokenizer.ggml.tokens", texts)
                .f32s("tokenizer.ggml.scores", scores)
                .i32s("tokenizer.ggml.token_type", types)
                .u32("tokenizer.ggml.bos_token_id", TinyVocab.BOS)
                .u32("tokenizer.ggml.eos_token_id", TinyVocab.IM_END)
                .u32("tokenizer.ggml.unknown_token_id", TinyVocab.UNK)
                .bool("tokenizer.ggml.add_bos_token", false)
                .bool("tokenizer.ggml.add_eos_token", false)
                .bool("tokenizer.ggml.add_space_prefix", false)
                .string("tokenizer.chat_template", TinyChatTemplate.TEXT);
        for (Map.Entry<String, Tensor> e : TinyWeights.make(seed).entrySet()) {
            String name = e.getKey();
            Tensor t = e.getValue();
            double[] values = t.data();
            if (name.endsWith("q_proj.weight")) {
                values = ropeInterleave(t, TinyWeights.N_HEAD);
            } else if (name.endsWith("k_proj.weight")) {
                values = ropeInterleave(t, TinyWeights.N_KV_HEAD);
            }
            long[] ne = new long[t.shape().length];
            for (int i = 0; i < ne.length; i++) {
                ne[i] = t.shape()[ne.length - 1 - i]; // ggml order: fastest-varying first
            }
            g.tensor(ggufName(name), ne, values);
        }
        return g.toBytes();
    }

    private static String ggufName(String hf) {
        String direct = HF_TO_GGUF.get(hf);
        if (direct != null) {
            return direct;
        }
        String[] parts = hf.split("\\.", 4); // model.layers.N.<rest>
        return "blk." + parts[2] + "." + HF_TO_GGUF.get(parts[3]);
    }

    /**
     * Reorders q/k rows from Hugging Face's rotate-half RoPE pairs (i, i + hd/2) to the
     * adjacent pairs (2i, 2i + 1) that GGUF's "llama" architecture expects.
     */
    private static double[] ropeInterleave(Tensor t, int nHead) {
        int rows = (int) t.shape()[0];
        int cols = (int) t.shape()[1];
        int hd = rows / nHead;
        double[] out = new double[t.data().length];
        int dst = 0;
        for (int h = 0; h < nHead; h++) {
            for (int i = 0; i < hd / 2; i++) {
                for (int src : new int[] {h * hd + i, h * hd + i + hd / 2}) {
                    System.arraycopy(t.data(), src * cols, out, dst * cols, cols);
                    dst++;
                }
            }
        }
        return out;
    }
}
