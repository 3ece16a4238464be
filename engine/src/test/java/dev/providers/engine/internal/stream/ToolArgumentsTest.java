package dev.providers.engine.internal.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ToolArgumentsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\":\"plain\"}",
        "{\"a\":\"with \\\"quotes\\\" and \\\\ and \\/ \\n\\t\\r\\b\\f\"}",
        "{\"emoji\":\"\\ud83d\\ude00 \\u00e9\",\"x\":\"tail\"}",
        "{\"n\":[1,-2,3.5,1e3,-0.25,12345678901234567890],\"b\":[true,false,null]}",
        "{ \"nested\" : { \"deep\" : [ { \"k\" : \"v\" } , [ ] , { } ] } , \"s\" : \"\" }",
    })
    void theTolerantParserReadsValidJsonAsTheStrictOneDoes(String json) {
        Map<String, Object> strict = ToolArguments.parse(json);

        assertEquals(strict, PartialJson.parseObject(json));
    }

    @Test
    void largeArgumentsGiveTheSameValuesAsSmallOnes() {
        String big = "x".repeat(ToolArguments.LARGE + 1);
        String json = "{\"data\":\"" + big + "\",\"escaped\":\"a\\\"b\",\"list\":[1,2.5]}";

        Map<String, Object> parsed = ToolArguments.parse(json);

        assertEquals(big, parsed.get("data"));
        assertEquals("a\"b", parsed.get("escaped"));
        assertEquals(List.of(1L, 2.5), parsed.get("list"));
    }

    @Test
    void aStringCutShortKeepsWhatArrived() {
        assertEquals(Map.of("a", "half \"way"), PartialJson.parseObject("{\"a\":\"half \\\"way"));
        assertEquals(Map.of("a", "plain"), PartialJson.parseObject("{\"a\":\"plain"));
        assertSame(Map.of(), ToolArguments.parse("  "));
    }
}
