package dev.providers.peer;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Lays out a GGUF v3 file with F32 tensors: header, key/value metadata, tensor infos, padding
 * and tensor data, all little-endian, in the order the entries are added.
 */
final class GgufWriter {

    private static final int VERSION = 3;
    private static final int ALIGN = 32;
    private static final int T_U32 = 4;
    private static final int T_I32 = 5;
    private static final int T_F32 = 6;
    private static final int T_BOOL = 7;
    private static final int T_STR = 8;
    private static final int T_ARR = 9;
    private static final int GGML_TYPE_F32 = 0;

    private final Bytes kv = new Bytes();
    private final Bytes infos = new Bytes();
    private final Bytes data = new Bytes();
    private long kvCount;
    private long tensorCount;

    /** Adds a string value. */
    GgufWriter string(String key, String value) {
        key(key, T_STR).str(value);
        return this;
    }

    /** Adds an unsigned 32-bit value. */
    GgufWriter u32(String key, int value) {
        key(key, T_U32).u32(value);
        return this;
    }

    /** Adds a 32-bit float value. */
    GgufWriter f32(String key, float value) {
        key(key, T_F32).f32(value);
        return this;
    }

    /** Adds a boolean value. */
    GgufWriter bool(String key, boolean value) {
        key(key, T_BOOL).u8(value ? 1 : 0);
        return this;
    }

    /** Adds an array of strings. */
    GgufWriter strings(String key, List<String> values) {
        key(key, T_ARR).u32(T_STR).u64(values.size());
        values.forEach(kv::str);
        return this;
    }

    /** Adds an array of 32-bit floats. */
    GgufWriter f32s(String key, float[] values) {
        key(key, T_ARR).u32(T_F32).u64(values.length);
        for (float v : values) {
            kv.f32(v);
        }
        return this;
    }

    /** Adds an array of signed 32-bit integers. */
    GgufWriter i32s(String key, int[] values) {
        key(key, T_ARR).u32(T_I32).u64(values.length);
        for (int v : values) {
            kv.u32(v);
        }
        return this;
    }

    /**
     * Adds an F32 tensor; {@code ne} lists the dimensions in ggml order, fastest-varying first,
     * and each value is rounded to float like a C cast.
     */
    GgufWriter tensor(String name, long[] ne, double[] values) {
        infos.str(name).u32(ne.length);
        for (long n : ne) {
            infos.u64(n);
        }
        infos.u32(GGML_TYPE_F32).u64(data.size());
        for (double v : values) {
            data.f32((float) v);
        }
        data.pad(ALIGN);
        tensorCount++;
        return this;
    }

    /** Returns the complete file. */
    byte[] toBytes() {
        Bytes head = new Bytes();
        head.raw("GGUF".getBytes(StandardCharsets.US_ASCII));
        head.u32(VERSION).u64(tensorCount).u64(kvCount);
        head.raw(kv.toByteArray()).raw(infos.toByteArray()).pad(ALIGN);
        return head.raw(data.toByteArray()).toByteArray();
    }

    private Bytes key(String key, int type) {
        kvCount++;
        return kv.str(key).u32(type);
    }

    /** A growing little-endian byte buffer. */
    private static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

        Bytes u8(int v) {
            out.write(v);
            return this;
        }

        Bytes u32(int v) {
            scratch.clear();
            out.write(scratch.putInt(v).array(), 0, 4);
            return this;
        }

        Bytes u64(long v) {
            scratch.clear();
            out.write(scratch.putLong(v).array(), 0, 8);
            return this;
        }

        Bytes f32(float v) {
            return u32(Float.floatToRawIntBits(v));
        }

        Bytes str(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            return u64(b.length).raw(b);
        }

        Bytes raw(byte[] b) {
            out.write(b, 0, b.length);
            return this;
        }

        Bytes pad(int align) {
            while (out.size() % align != 0) {
                out.write(0);
            }
            return this;
        }

        int size() {
            return out.size();
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
