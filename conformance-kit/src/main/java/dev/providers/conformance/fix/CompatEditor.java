package dev.providers.conformance.fix;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Writes one compat setting into the text of a provider file, the way a careful person would:
 * the rest of the text, comments and order included, stays as it was. An existing flag gets its
 * value replaced where it stands (in the model's own {@code compat} when the model under test
 * declares the flag there, since that one wins); a new flag goes at the end of the provider's
 * {@code compat} mapping at its indentation; a file without one gets a {@code compat:} block
 * before its {@code models}. The result is read back, and the flag must have the new value.
 *
 * <p>Positions come from SnakeYAML Engine's node marks, which count code points.
 *
 * <p>Thread-safety: stateless.
 */
public final class CompatEditor {

    /** The largest provider file the editor takes, in characters. */
    public static final int MAX_CHARS = 1 << 20;

    private static final String INDENT = "  ";

    private CompatEditor() { }

    /**
     * Returns the text with the setting applied.
     *
     * @param text the provider file
     * @param modelId the model under test, whose own compat flags win, or null
     * @throws IllegalArgumentException when the text is too large, not YAML, not a block mapping,
     *     has a {@code compat} that is not a mapping, or the edit does not read back as intended;
     *     the message says where
     */
    public static String apply(String text, @Nullable String modelId, CompatSetting setting) {
        Objects.requireNonNull(setting, "setting");
        if (text.length() > MAX_CHARS) {
            throw new IllegalArgumentException("the file is larger than " + MAX_CHARS
                    + " characters");
        }
        MappingNode root = root(text);
        String edited = edit(text, root, modelId, setting);
        Object expected = value(setting.value());
        Object actual = readBack(edited, modelId, setting.key());
        if (!Objects.equals(expected, actual)) {
            throw new IllegalArgumentException("editing the file did not set " + setting.key()
                    + " to " + setting.value() + " (it reads back as " + actual + ")");
        }
        return edited;
    }

    /**
     * Returns the provider id the text declares at its top level, or null when it declares none.
     *
     * @throws IllegalArgumentException when the text is not a YAML block mapping
     */
    public static @Nullable String declaredId(String text) {
        Node id = get(root(text), "id");
        return id instanceof ScalarNode scalar ? scalar.getValue() : null;
    }

    private static String edit(String text, MappingNode root, @Nullable String modelId,
            CompatSetting setting) {
        NodeTuple modelFlag = modelFlag(root, modelId, setting.key());
        if (modelFlag != null) {
            return replaceValue(text, modelFlag, setting.value());
        }
        NodeTuple compat = tuple(root, "compat");
        if (compat == null) {
            return addCompatBlock(text, root, setting);
        }
        Node value = compat.getValueNode();
        if (value instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL)) {
            if (scalar.getValue().isEmpty()) {
                // "compat:" with nothing after it: the entry goes on the next line
                int at = lineEnd(text, index(text, compat.getKeyNode().getEndMark()));
                return insertLine(text, at, INDENT + setting.line());
            }
            return splice(text, start(text, value), end(text, value), "{" + setting.line() + "}");
        }
        if (!(value instanceof MappingNode mapping)) {
            throw new IllegalArgumentException("compat at " + position(value)
                    + " is not a mapping");
        }
        NodeTuple existing = tuple(mapping, setting.key());
        if (existing != null) {
            return replaceValue(text, existing, setting.value());
        }
        if (mapping.getFlowStyle() == FlowStyle.FLOW) {
            int close = text.lastIndexOf('}', end(text, mapping));
            String separator = mapping.getValue().isEmpty() ? "" : ", ";
            return splice(text, close, close, separator + setting.line());
        }
        if (mapping.getValue().isEmpty()) {
            throw new IllegalArgumentException("compat at " + position(value)
                    + " is an empty block mapping");
        }
        int column = mapping.getValue().get(0).getKeyNode().getStartMark().map(Mark::getColumn)
                .orElse(INDENT.length());
        int at = lineEnd(text, contentEnd(text, mapping));
        return insertLine(text, at, " ".repeat(column) + setting.line());
    }

    /** Returns the model's own entry for the flag, when the model under test declares it. */
    private static @Nullable NodeTuple modelFlag(MappingNode root, @Nullable String modelId,
            String key) {
        if (modelId == null || !(get(root, "models") instanceof SequenceNode models)) {
            return null;
        }
        for (Node item : models.getValue()) {
            if (item instanceof MappingNode model && get(model, "id") instanceof ScalarNode id
                    && id.getValue().equals(modelId)
                    && get(model, "compat") instanceof MappingNode compat) {
                return tuple(compat, key);
            }
        }
        return null;
    }

    private static String addCompatBlock(String text, MappingNode root, CompatSetting setting) {
        List<NodeTuple> entries = root.getValue();
        int models = -1;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).getKeyNode() instanceof ScalarNode key
                    && key.getValue().equals("models")) {
                models = i;
            }
        }
        // after the entry before models (so that a comment above models stays with it), or
        // after the last entry
        int after = models > 0 ? models - 1 : entries.size() - 1;
        int at = entries.isEmpty() ? text.length()
                : lineEnd(text, contentEnd(text, entries.get(after).getValueNode()));
        String newline = newline(text);
        String block = "compat:" + newline + INDENT + setting.line();
        return insertLine(text, at, block);
    }

    private static String replaceValue(String text, NodeTuple entry, String value) {
        Node node = entry.getValueNode();
        boolean flowOrScalar = node instanceof ScalarNode scalar
                ? scalar.getScalarStyle() != ScalarStyle.LITERAL
                        && scalar.getScalarStyle() != ScalarStyle.FOLDED
                : node instanceof MappingNode mapping ? mapping.getFlowStyle() == FlowStyle.FLOW
                : node instanceof SequenceNode sequence
                        && sequence.getFlowStyle() == FlowStyle.FLOW;
        if (flowOrScalar && !(node instanceof ScalarNode s && s.getValue().isEmpty()
                && s.getTag().equals(Tag.NULL))) {
            return splice(text, start(text, node), end(text, node), value);
        }
        // a block value (or none): everything from the colon to its last content goes
        int colon = text.indexOf(':', end(text, entry.getKeyNode()));
        int last = node instanceof ScalarNode s && s.getTag().equals(Tag.NULL) ? colon + 1
                : contentEnd(text, node);
        return splice(text, colon + 1, Math.max(colon + 1, last), " " + value);
    }

    /**
     * Returns where a node's content ends: a block collection's end mark lies at the next
     * token, past comments and blank lines, so its last child decides.
     */
    private static int contentEnd(String text, Node node) {
        if (node instanceof MappingNode mapping && mapping.getFlowStyle() == FlowStyle.BLOCK
                && !mapping.getValue().isEmpty()) {
            List<NodeTuple> entries = mapping.getValue();
            return contentEnd(text, entries.get(entries.size() - 1).getValueNode());
        }
        if (node instanceof SequenceNode sequence && sequence.getFlowStyle() == FlowStyle.BLOCK
                && !sequence.getValue().isEmpty()) {
            List<Node> items = sequence.getValue();
            return contentEnd(text, items.get(items.size() - 1));
        }
        int end = end(text, node);
        // a block scalar's end mark lies past its last line break
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return end;
    }

    /** Returns the index just after the line break of the line holding {@code index - 1}. */
    private static int lineEnd(String text, int index) {
        int newline = text.indexOf('\n', Math.max(0, index - 1));
        return newline < 0 ? text.length() : newline + 1;
    }

    /** Inserts a line at a line start (or at the end of a text without a final line break). */
    private static String insertLine(String text, int at, String line) {
        String newline = newline(text);
        String before = at > 0 && text.charAt(at - 1) != '\n' ? newline : "";
        return splice(text, at, at, before + line + newline);
    }

    private static String splice(String text, int from, int to, String replacement) {
        return text.substring(0, from) + replacement + text.substring(to);
    }

    private static String newline(String text) {
        return text.contains("\r\n") ? "\r\n" : "\n";
    }

    private static int start(String text, Node node) {
        return index(text, node.getStartMark());
    }

    private static int end(String text, Node node) {
        return index(text, node.getEndMark());
    }

    private static int index(String text, Optional<Mark> mark) {
        int codePoints = mark.orElseThrow(() -> new IllegalArgumentException(
                "the YAML parser gave no position")).getIndex();
        return text.offsetByCodePoints(0, Math.min(codePoints,
                text.codePointCount(0, text.length())));
    }

    private static String position(Node node) {
        return node.getStartMark().map(m -> (m.getLine() + 1) + ":" + (m.getColumn() + 1))
                .orElse("?");
    }

    private static @Nullable NodeTuple tuple(MappingNode mapping, String key) {
        for (NodeTuple entry : mapping.getValue()) {
            if (entry.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
                return entry;
            }
        }
        return null;
    }

    private static @Nullable Node get(MappingNode mapping, String key) {
        NodeTuple entry = tuple(mapping, key);
        return entry == null ? null : entry.getValueNode();
    }

    private static MappingNode root(String text) {
        Optional<Node> root;
        try {
            LoadSettings settings = settings();
            root = new Composer(settings, new ParserImpl(settings, new StreamReader(settings,
                    text))).getSingleNode();
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException("not YAML: " + e.getMessage().strip());
        }
        if (root.isEmpty() || !(root.get() instanceof MappingNode mapping)
                || mapping.getFlowStyle() != FlowStyle.BLOCK) {
            throw new IllegalArgumentException("the file is not a YAML block mapping");
        }
        return mapping;
    }

    private static @Nullable Object value(String yaml) {
        try {
            return new Load(settings()).loadFromString(yaml);
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException("not a YAML value: " + yaml);
        }
    }

    /** Returns the flag's value in the edited text where the engine would take it from. */
    private static @Nullable Object readBack(String text, @Nullable String modelId, String key) {
        if (!(value(text) instanceof Map<?, ?> file)) {
            return null;
        }
        if (modelId != null && file.get("models") instanceof List<?> models) {
            for (Object item : models) {
                if (item instanceof Map<?, ?> model && modelId.equals(String.valueOf(model.get(
                        "id"))) && model.get("compat") instanceof Map<?, ?> compat
                        && compat.containsKey(key)) {
                    return compat.get(key);
                }
            }
        }
        return file.get("compat") instanceof Map<?, ?> compat ? compat.get(key) : null;
    }

    private static LoadSettings settings() {
        // the engine reads provider files with the core schema; aliases are not expanded
        return LoadSettings.builder().setSchema(new CoreSchema()).setMaxAliasesForCollections(50)
                .setCodePointLimit(MAX_CHARS * 2).setAllowDuplicateKeys(false).build();
    }
}
