package dev.providers.engine.internal.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.engine.config.Diagnostic;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
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
 * Composes one YAML document with SnakeYAML Engine and converts it to a Jackson tree plus a
 * {@link SourceMap}.
 *
 * <p>Rejects, with a located error: syntax errors, duplicate and non-scalar keys, zero or several
 * documents, unsupported tags, non-finite and overlong numbers, documents that nest collections
 * deeper than {@link #MAX_DEPTH} (checked while parsing, so no depth of input can exhaust the
 * stack), and documents whose aliases expand beyond a fixed budget (alias bombs). Uses the YAML
 * 1.2 core schema, so {@code no} and {@code on} stay strings, and never substitutes environment
 * variables: {@code ${NAME}} is text. Because YAML 1.1 tools read those words as booleans, an
 * unquoted key or string value spelt like a YAML 1.1 boolean gets a located warning.
 *
 * <p>Thread-safety: immutable; one instance serves any number of threads.
 */
public final class YamlTreeReader {

    /** Aliases allowed per document; real provider files need a handful at most. */
    static final int MAX_ALIASES = 50;
    /** Values a document may expand to once aliases are followed. */
    static final int MAX_VALUES = 200_000;
    /**
     * Nesting depth limit, for the text and for aliases followed; real provider files nest five or
     * six levels. Every later stage that recurses over the tree relies on it.
     */
    public static final int MAX_DEPTH = 64;
    /** The longest number accepted, in characters; longer ones are never meaningful here. */
    static final int MAX_NUMBER_CHARS = 64;

    /** Plain scalars that YAML 1.1 readers (PyYAML, go-yaml v2) take as booleans. */
    private static final Pattern YAML11_BOOLEAN = Pattern.compile(
            "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
    private static final Pattern YAML11_TRUE = Pattern.compile("[yY]|yes|Yes|YES|true|True|TRUE"
            + "|on|On|ON");

    private static final Pattern INT = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern OCTAL = Pattern.compile("0o[0-7]+");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");

    // shared: building settings compiles the core schema's resolvers, which costs more than
    // composing a typical provider file; positions are labelled by the SourceMap instead
    private final LoadSettings settings = LoadSettings.builder()
                .setSchema(new CoreSchema())
                .setUseMarks(true)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setAllowRecursiveKeys(false)
                // composed here and rejected by the walk, which can say where
                .setAllowNonScalarKeys(true)
                .setCodePointLimit(4 * 1024 * 1024)
                .build();

    /** Creates a reader with the provider-file limits. */
    public YamlTreeReader() { }

    /** Reads one document from text; {@code source} labels every position. */
    public YamlDocument read(String text, String source) {
        SourceMap map = new SourceMap(source);
        List<Diagnostic> problems = new ArrayList<>();
        try {
            DepthLimitedParser parser = new DepthLimitedParser(
                    new ParserImpl(settings, new StreamReader(settings, text)), MAX_DEPTH);
            Composer composer = new Composer(settings, parser);
            if (!composer.hasNext()) {
                problems.add(Diagnostic.error(source, 1, 1, "",
                        "the file is empty; a provider file is a mapping with at least 'id'"));
                return new YamlDocument(null, map, problems);
            }
            Node node = composer.next();
            if (!parser.checkEvent(Event.ID.StreamEnd)) {
                Event next = parser.peekEvent();
                int[] at = position(next.getStartMark());
                problems.add(Diagnostic.error(source, at[0], at[1], "",
                        "a second YAML document starts here; a provider file holds exactly one"));
                return new YamlDocument(null, map, problems);
            }
            Walk walk = new Walk(map, problems);
            JsonNode root = walk.convert(node, "", 0, 0, 0);
            boolean failed = problems.stream().anyMatch(Diagnostic::isError);
            return new YamlDocument(failed ? null : root, map, problems);
        } catch (MarkedYamlEngineException e) {
            problems.add(syntaxError(source, e));
        } catch (ReaderException e) {
            int[] at = positionOfCodePoint(text, e.getPosition());
            problems.add(Diagnostic.error(source, at[0], at[1], "", String.format(
                    "character U+%04X is not allowed in YAML", e.getCodePoint())));
        } catch (YamlEngineException e) {
            problems.add(Diagnostic.error(source, 1, 1, "", structureMessage(e)));
        } catch (DepthLimitedParser.TooDeep e) {
            int[] at = position(e.mark());
            problems.add(Diagnostic.error(source, at[0], at[1], "", "collections nest deeper "
                    + "than " + MAX_DEPTH + " levels; provider files need a handful"));
        } catch (AbortWalk e) {
            // the walk recorded the located reason before giving up
        }
        return new YamlDocument(null, map, problems);
    }

    private static Diagnostic syntaxError(String source, MarkedYamlEngineException e) {
        Optional<Mark> mark = e.getProblemMark().isPresent() ? e.getProblemMark()
                : e.getContextMark();
        int[] at = position(mark);
        StringBuilder message = new StringBuilder("syntax error: ");
        String problem = e.getProblem();
        message.append(problem == null || problem.isBlank() ? "malformed YAML" : problem.trim());
        String context = e.getContext();
        if (context != null && !context.isBlank()) {
            message.append(" (").append(context.trim());
            e.getContextMark().filter(m -> e.getProblemMark().isPresent())
                    .ifPresent(m -> message.append(" at line ").append(m.getLine() + 1));
            message.append(')');
        }
        if (mark.filter(YamlTreeReader::atUnquotedReference).isPresent()) {
            message.append("; a ${NAME} reference inside [...] or {...} must be quoted: "
                    + "\"${NAME}\"");
        }
        return Diagnostic.error(source, at[0], at[1], "", message.toString());
    }

    /** Returns whether the mark is at the brace of a {@code ${...}}, which flow context breaks. */
    private static boolean atUnquotedReference(Mark mark) {
        int[] buffer = mark.getBuffer();
        int at = mark.getPointer();
        return buffer != null && at > 0 && at < buffer.length && buffer[at] == '{'
                && buffer[at - 1] == '$';
    }

    private static String structureMessage(YamlEngineException e) {
        String text = String.valueOf(e.getMessage());
        if (text.contains("aliases")) {
            return "more than " + MAX_ALIASES + " aliases to collections; "
                    + "the document looks like an alias bomb";
        }
        return "malformed YAML: " + text;
    }

    private static int[] position(Optional<Mark> mark) {
        return mark.map(m -> new int[] {m.getLine() + 1, m.getColumn() + 1})
                .orElse(new int[] {1, 1});
    }

    /** Converts a code-point index into a 1-based line and column. */
    static int[] positionOfCodePoint(String text, int codePointIndex) {
        int line = 1;
        int column = 1;
        int seen = 0;
        for (int i = 0; i < text.length() && seen < codePointIndex; seen++) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }

    /** Thrown to stop a walk once a budget is exceeded. */
    private static final class AbortWalk extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AbortWalk() {
            super(null, null, false, false);
        }
    }

    /** One conversion, with its value budget. */
    private static final class Walk {
        private final SourceMap map;
        private final List<Diagnostic> problems;
        private int values;

        Walk(SourceMap map, List<Diagnostic> problems) {
            this.map = map;
            this.problems = problems;
        }

        JsonNode convert(Node node, String pointer, int depth, int keyLine, int keyColumn) {
            int[] at = position(node.getStartMark());
            map.put(pointer, keyLine, keyColumn, at[0], at[1]);
            if (++values > MAX_VALUES) {
                fail(at, "", "the document expands to more than " + MAX_VALUES
                        + " values through aliases; it looks like an alias bomb");
            }
            if (depth > MAX_DEPTH) {
                fail(at, pointer, "nesting deeper than " + MAX_DEPTH
                        + " levels (a recursive alias?)");
            }
            if (node instanceof MappingNode mapping) {
                return object(mapping, pointer, depth);
            }
            if (node instanceof SequenceNode sequence) {
                ArrayNode array = JsonNodeFactory.instance.arrayNode();
                List<Node> items = sequence.getValue();
                for (int i = 0; i < items.size(); i++) {
                    array.add(convert(items.get(i), SourceMap.child(pointer, i), depth + 1, 0, 0));
                }
                return array;
            }
            return scalar((ScalarNode) node, pointer, at);
        }

        private ObjectNode object(MappingNode mapping, String pointer, int depth) {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                int[] keyAt = position(keyNode.getStartMark());
                if (!(keyNode instanceof ScalarNode keyScalar)) {
                    problems.add(Diagnostic.error(map.source(), keyAt[0], keyAt[1], pointer,
                            "keys must be plain scalars, found a "
                                    + keyNode.getNodeType().name().toLowerCase()));
                    continue;
                }
                String key = keyScalar.getValue();
                String child = SourceMap.child(pointer, key);
                if (keyScalar.isPlain() && YAML11_BOOLEAN.matcher(key).matches()) {
                    problems.add(Diagnostic.warning(map.source(), keyAt[0], keyAt[1], child,
                            "the key " + key + " is the boolean " + yaml11(key) + " to YAML 1.1 "
                                    + "tools (PyYAML, go-yaml v2, SnakeYAML 1.x); quote it: '"
                                    + key + "'"));
                }
                if (object.has(key)) {
                    int firstLine = map.keyAt(child).line();
                    problems.add(Diagnostic.error(map.source(), keyAt[0], keyAt[1], child,
                            "duplicate key '" + key + "' (first defined at line " + firstLine
                                    + ")"));
                    continue;
                }
                object.set(key, convert(tuple.getValueNode(), child, depth + 1, keyAt[0],
                        keyAt[1]));
            }
            return object;
        }

        private JsonNode scalar(ScalarNode node, String pointer, int[] at) {
            Tag tag = node.getTag();
            String value = node.getValue();
            JsonNodeFactory f = JsonNodeFactory.instance;
            if (tag.equals(Tag.STR) || tag.equals(Tag.ENV_TAG)) {
                if (node.isPlain() && YAML11_BOOLEAN.matcher(value).matches()) {
                    // the value is not quoted back: it may be a secret, however unlikely
                    problems.add(Diagnostic.warning(map.source(), at[0], at[1], pointer,
                            "this unquoted string is a boolean to YAML 1.1 tools (PyYAML, "
                                    + "go-yaml v2); quote it, or write true or false if a "
                                    + "boolean is meant"));
                }
                return f.textNode(value);
            }
            if (tag.equals(Tag.NULL)) {
                return f.nullNode();
            }
            if (tag.equals(Tag.BOOL)) {
                return f.booleanNode(value.equalsIgnoreCase("true"));
            }
            if ((tag.equals(Tag.INT) || tag.equals(Tag.FLOAT))
                    && value.length() > MAX_NUMBER_CHARS) {
                problems.add(Diagnostic.error(map.source(), at[0], at[1], pointer,
                        "a number longer than " + MAX_NUMBER_CHARS + " characters is out of "
                                + "range"));
                return f.nullNode();
            }
            if (tag.equals(Tag.INT)) {
                BigInteger number = parseInteger(value);
                if (number != null) {
                    return number.bitLength() < 32 ? f.numberNode(number.intValue())
                            : number.bitLength() < 64 ? f.numberNode(number.longValue())
                            : f.numberNode(number);
                }
            } else if (tag.equals(Tag.FLOAT)) {
                String lower = value.toLowerCase();
                if (lower.endsWith(".inf") || lower.equals(".nan")) {
                    problems.add(Diagnostic.error(map.source(), at[0], at[1], pointer,
                            "infinite and NaN numbers are not allowed"));
                    return f.nullNode();
                }
                try {
                    double number = Double.parseDouble(value);
                    if (Double.isInfinite(number)) {
                        problems.add(Diagnostic.error(map.source(), at[0], at[1], pointer,
                                "the number is out of range"));
                        return f.nullNode();
                    }
                    return f.numberNode(number);
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
            problems.add(Diagnostic.error(map.source(), at[0], at[1], pointer,
                    "unsupported YAML tag " + tag.getValue().replace(Tag.PREFIX, "!!")
                            + "; write plain values"));
            return f.nullNode();
        }

        private void fail(int[] at, String pointer, String message) {
            problems.add(Diagnostic.error(map.source(), at[0], at[1], pointer, message));
            throw new AbortWalk();
        }
    }

    private static boolean yaml11(String word) {
        return YAML11_TRUE.matcher(word).matches();
    }

    private static BigInteger parseInteger(String value) {
        String v = value.startsWith("+") ? value.substring(1) : value;
        if (INT.matcher(value).matches()) {
            return new BigInteger(v);
        }
        if (OCTAL.matcher(value).matches()) {
            return new BigInteger(value.substring(2), 8);
        }
        if (HEX.matcher(value).matches()) {
            return new BigInteger(value.substring(2), 16);
        }
        return null;
    }
}
