package dev.providers.peer;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tiny model's hand-crafted weights under their Hugging Face names, in the generator's order.
 * The crafted directions make the answers predictable; all other block weights are seeded noise
 * drawn in exactly the generator's order, so the output is byte-identical to it.
 */
final class TinyWeights {

    static final int D = 64;
    static final int FF = 128;
    static final int N_LAYER = 2;
    static final int N_HEAD = 4;
    static final int N_KV_HEAD = 4;
    static final int HD = D / N_HEAD;
    private static final double BLOCK_STD = 0.02;

    // residual-stream directions
    private static final int B_DIR = 0;
    private static final int[] CHAIN_DIRS = {1, 2, 3, 4, 5};
    private static final int MT_DIR = 6;
    private static final int MR_DIR = 7;
    private static final int FT_DIR = 8;
    private static final int FR_DIR = 9;
    private static final int AT_DIR = 10;
    private static final int AR_DIR = 11;

    private static final double CHAIN_W = 12.0;
    private static final double TOOL_W = 16.0;
    private static final double ANSWER_W = 3.0;

    /** A tensor in row-major order with its Hugging Face shape. */
    record Tensor(long[] shape, double[] data) {

        static Tensor of(double[][] rows) {
            double[] flat = new double[rows.length * rows[0].length];
            for (int r = 0; r < rows.length; r++) {
                System.arraycopy(rows[r], 0, flat, r * rows[r].length, rows[r].length);
            }
            return new Tensor(new long[] {rows.length, rows[0].length}, flat);
        }

        static Tensor of(double[] vector) {
            return new Tensor(new long[] {vector.length}, vector.clone());
        }
    }

    private TinyWeights() {
    }

    /** Builds all tensors for the given seed of the random filler. */
    static Map<String, Tensor> make(long seed) {
        PyRandom rnd = new PyRandom(seed);
        int v = TinyVocab.SIZE;
        int[] chain = {
            TinyVocab.id("\n"), TinyVocab.id("Hello"), TinyVocab.id(","),
            TinyVocab.id(TinyVocab.SPIECE + "world"), TinyVocab.id("!"), TinyVocab.IM_END
        };
        int toolCall = TinyVocab.id("<tool_call>");
        int toolResp = TinyVocab.id("<tool_response>");
        int[] ownDir = new int[v];
        Arrays.fill(ownDir, -1);
        for (int k = 0; k < chain.length - 1; k++) {
            ownDir[chain[k]] = CHAIN_DIRS[k];
        }
        ownDir[toolCall] = MT_DIR;
        ownDir[toolResp] = MR_DIR;

        double[][] emb = new double[v][D];
        for (int t = 0; t < v; t++) {
            emb[t][B_DIR] = 1.0;
            if (ownDir[t] >= 0) {
                emb[t][ownDir[t]] = 2.0;
            }
        }

        double[][] lm = new double[v][D];
        double[] pref = defaultPreferences(v);
        for (int j = 0; j < v; j++) {
            if (!Double.isNaN(pref[j])) {
                lm[j][B_DIR] = pref[j] / 8.0;
            }
        }
        for (int k = 0; k < chain.length - 1; k++) {
            lm[chain[k + 1]][ownDir[chain[k]]] = CHAIN_W;
        }
        lm[toolCall][AT_DIR] = TOOL_W;
        // the newline after <tool_call> is the byte token, so it is not the "end of generation
        // prompt" state and, without a grammar, the turn then ends
        lm[TinyVocab.id("<0x0A>")][MT_DIR] = CHAIN_W;
        lm[TinyVocab.id("Hello")][AR_DIR] = ANSWER_W;

        Map<String, Tensor> w = new LinkedHashMap<>();
        w.put("model.embed_tokens.weight", Tensor.of(emb));
        // rotate-half layout: dims (7, 15) of a head form the lowest-frequency RoPE pair, so the
        // detectors' query/key signals barely depend on position
        int lowest = HD / 2 - 1;
        for (int l = 0; l < N_LAYER; l++) {
            String p = "model.layers." + l + ".";
            double[][] q = gaussian(rnd, D, D);
            double[][] k = gaussian(rnd, D, D);
            double[][] val = gaussian(rnd, D, D);
            double[][] o = gaussian(rnd, D, D);
            double[][] gate = gaussian(rnd, FF, D);
            double[][] up = gaussian(rnd, FF, D);
            double[][] down = gaussian(rnd, D, FF);
            if (l == 0) {
                // heads 0 and 1: "was there a <tool_call> / <tool_response> before?" detectors
                int[][] heads = {{0, MT_DIR, FT_DIR}, {1, MR_DIR, FR_DIR}};
                for (int[] h : heads) {
                    int base = h[0] * HD;
                    for (int r = base; r < base + HD; r++) {
                        Arrays.fill(q[r], 0.0);
                        Arrays.fill(k[r], 0.0);
                        Arrays.fill(val[r], 0.0);
                    }
                    for (double[] row : o) {
                        Arrays.fill(row, base, base + HD, 0.0);
                    }
                    q[base + lowest][B_DIR] = 2.0;
                    k[base + lowest][h[1]] = 2.0;
                    val[base][h[1]] = 1.0;
                    o[h[2]][base] = 0.14;
                }
            }
            if (l == 1) {
                // neuron 0: newline state AND tool flag AND NOT response flag -> AT_DIR
                // neuron 1: newline state AND response flag -> AR_DIR
                int nl = CHAIN_DIRS[0];
                for (int n = 0; n < 2; n++) {
                    Arrays.fill(gate[n], 0.0);
                    Arrays.fill(up[n], 0.0);
                    for (double[] row : down) {
                        row[n] = 0.0;
                    }
                }
                gate[0][nl] = 4.0;
                gate[0][FT_DIR] = 4.0;
                gate[0][FR_DIR] = -8.0;
                gate[0][B_DIR] = -10.0;
                gate[1][nl] = 4.0;
                gate[1][FR_DIR] = 4.0;
                gate[1][B_DIR] = -10.0;
                up[0][B_DIR] = 1.0;
                up[1][B_DIR] = 1.0;
                down[AT_DIR][0] = 0.1;
                down[AR_DIR][1] = 0.1;
            }
            w.put(p + "input_layernorm.weight", Tensor.of(ones(D)));
            w.put(p + "post_attention_layernorm.weight", Tensor.of(ones(D)));
            w.put(p + "self_attn.q_proj.weight", Tensor.of(q));
            w.put(p + "self_attn.k_proj.weight", Tensor.of(k));
            w.put(p + "self_attn.v_proj.weight", Tensor.of(val));
            w.put(p + "self_attn.o_proj.weight", Tensor.of(o));
            w.put(p + "mlp.gate_proj.weight", Tensor.of(gate));
            w.put(p + "mlp.up_proj.weight", Tensor.of(up));
            w.put(p + "mlp.down_proj.weight", Tensor.of(down));
        }
        w.put("model.norm.weight", Tensor.of(ones(D)));
        w.put("lm_head.weight", Tensor.of(lm));
        return w;
    }

    /**
     * Logits at a plain token (bias coordinate 8) when no chain rule applies; NaN means none.
     * Inside grammar-constrained JSON this makes the model close early, write numbers as 0 and
     * booleans as false, and avoid whitespace.
     */
    private static double[] defaultPreferences(int v) {
        double[] pref = new double[v];
        Arrays.fill(pref, Double.NaN);
        for (char c = 0x21; c < 0x7F; c++) {
            pref[TinyVocab.id(String.valueOf(c))] = 20.0;
        }
        pref[TinyVocab.IM_END] = 100.0;
        pref[TinyVocab.id("\"")] = 80.0;
        pref[TinyVocab.id("</tool_call>")] = 64.0;
        pref[TinyVocab.id("}")] = 52.0;
        pref[TinyVocab.id("]")] = 42.0;
        pref[TinyVocab.id(",")] = 32.0;
        pref[TinyVocab.id("f")] = 30.0;
        pref[TinyVocab.id("0")] = 30.0;
        for (String ws : List.of(TinyVocab.SPIECE, "\n", "<0x20>", "<0x0A>", "<0x09>", "<0x0D>",
                TinyVocab.SPIECE + "world")) {
            pref[TinyVocab.id(ws)] = -60.0;
        }
        for (char c : TinyVocab.SPACE_LETTERS.toCharArray()) {
            pref[TinyVocab.id(TinyVocab.SPIECE + c)] = -60.0;
        }
        return pref;
    }

    private static double[][] gaussian(PyRandom rnd, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int c = 0; c < cols; c++) {
                row[c] = rnd.gauss(0.0, BLOCK_STD);
            }
        }
        return m;
    }

    private static double[] ones(int n) {
        double[] a = new double[n];
        Arrays.fill(a, 1.0);
        return a;
    }
}
