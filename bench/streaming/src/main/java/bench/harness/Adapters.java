package bench.harness;

import bench.adapters.ApacheAsyncAdapter;
import bench.adapters.JdkHttpAdapter;
import bench.adapters.LangChain4jAdapter;
import bench.adapters.OpenAiSdkAdapter;
import bench.adapters.RawNioAdapter;
import bench.api.StreamAdapter;
import java.util.List;

/**
 * Built-in adapters by short name; anything else is taken as a class name (public no-arg constructor).
 * {@code engine} is the project's own engine ({@link dev.providers.bench.streaming.EngineAdapter}).
 */
public final class Adapters {

    public static final List<String> BUILT_IN = List.of("raw-nio", "apache-async", "jdk-http", "openai-sdk",
            "langchain4j", "engine");

    private Adapters() {
    }

    public static StreamAdapter create(String name) throws Exception {
        return switch (name) {
            case "raw-nio" -> new RawNioAdapter();
            case "apache-async" -> new ApacheAsyncAdapter();
            case "jdk-http" -> new JdkHttpAdapter();
            case "openai-sdk" -> new OpenAiSdkAdapter();
            case "langchain4j" -> new LangChain4jAdapter();
            case "engine" -> new dev.providers.bench.streaming.EngineAdapter();
            case "engine-messages", "engine-responses" -> dev.providers.bench.streaming.EngineAdapter.forName(name);
            // another build of the engine on the worker's classpath (Main.classpathFor)
            default -> name.startsWith("engine") && name.contains("@")
                    ? dev.providers.bench.streaming.EngineAdapter.forName(name)
                    : (StreamAdapter) Class.forName(name).getDeclaredConstructor().newInstance();
        };
    }
}
