package dev.providers.conformance.reference;

import static dev.providers.conformance.reference.Requests.assistantCalls;
import static dev.providers.conformance.reference.Requests.body;
import static dev.providers.conformance.reference.Requests.reply;
import static dev.providers.conformance.reference.Requests.system;
import static dev.providers.conformance.reference.Requests.toolResult;
import static dev.providers.conformance.reference.Requests.user;
import static dev.providers.conformance.reference.Requests.userWithImage;
import static dev.providers.conformance.reference.Requests.withTool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.providers.conformance.reference.Reply.PlannedCall;
import java.awt.Color;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo model's rules, one by one (catalogue §7 and §9 prompts). */
class BrainTest {

    @Test
    void repliesExactlyWhenAsked() throws ApiError {
        assertEquals("Hello test successful", reply(body(system("Be concise."),
                user("Reply with exactly: 'Hello test successful'"))).text());
        assertEquals("Goodbye test successful", reply(body(
                user("Reply with exactly: 'Hello test successful'"),
                Requests.message("assistant", "Hello test successful"),
                user("Now say 'Goodbye test successful'"))).text());
        assertEquals("Hello, handoff successful!", reply(body(user("Great, thanks for all that "
                + "help! Now just say 'Hello, handoff successful!' to confirm you received "
                + "everything."))).text());
        assertEquals("plain words", reply(body(user("Reply with exactly: plain words"))).text());
    }

    @Test
    void answersArithmetic() throws ApiError {
        assertEquals("4", reply(body(user("What is 2 + 2? Reply with just the number.")))
                .text());
        assertEquals("6", reply(body(user("What is 3 + 3? Reply with just the number.")))
                .text());
        assertEquals("2 + 2 = 4.", reply(body(user("Never mind, just tell me what is 2+2?")))
                .text());
    }

    @Test
    void countsAndThinks() throws ApiError {
        assertEquals("1, 2, 3", reply(body(system("You are a helpful assistant."),
                user("Count from 1 to 3"))).text());
        Reply thought = reply(body(user("Think long and hard about 200 + 27. Think step by "
                + "step. Then output the result.")));
        assertTrue(thought.text().contains("227"), thought.text());
        assertTrue(thought.reasoning().contains("200 + 20 = 220"), thought.reasoning());
    }

    @Test
    void callsMathOperationWithNumbers() throws ApiError {
        ObjectNode body = withTool(body(system("You are a helpful assistant that uses tools when "
                + "asked."), user("Calculate 15 + 27 using the math_operation tool.")),
                "math_operation", Requests.MATH);
        List<PlannedCall> calls = reply(body).calls();
        assertEquals(1, calls.size());
        assertEquals("math_operation", calls.get(0).name());
        assertEquals("{\"a\":15,\"b\":27,\"operation\":\"add\"}", calls.get(0).argumentsJson());
    }

    @Test
    void callsInParallelThenStatesTheResults() throws ApiError {
        ObjectNode first = withTool(body(user("Think about this briefly, then calculate 42 * 17 "
                + "and 453 + 434 using the math_operation tool.")), "math_operation",
                Requests.MATH);
        List<PlannedCall> calls = reply(first).calls();
        assertEquals(2, calls.size());
        assertEquals("{\"a\":42,\"b\":17,\"operation\":\"multiply\"}",
                calls.get(0).argumentsJson());
        assertEquals("{\"a\":453,\"b\":434,\"operation\":\"add\"}",
                calls.get(1).argumentsJson());

        ObjectNode second = first.deepCopy();
        second.withArray("messages").add(assistantCalls("call_1", "math_operation",
                calls.get(0).argumentsJson(), "call_2", "math_operation",
                calls.get(1).argumentsJson()));
        second.withArray("messages").add(toolResult("call_1", "714"));
        second.withArray("messages").add(toolResult("call_2", "887"));
        Reply done = reply(second);
        assertTrue(done.calls().isEmpty());
        assertEquals("42 * 17 = 714 and 453 + 434 = 887.", done.text());
    }

    @Test
    void oneCallAtATimeWithoutParallelCalls() throws ApiError {
        ObjectNode first = withTool(body(user("Calculate 42 * 17 and 453 + 434 using the "
                + "math_operation tool.")), "math_operation", Requests.MATH);
        first.put("parallel_tool_calls", false);
        List<PlannedCall> calls = reply(first).calls();
        assertEquals(1, calls.size());
        first.withArray("messages").add(assistantCalls("call_1", "math_operation",
                calls.get(0).argumentsJson()));
        first.withArray("messages").add(toolResult("call_1", "714"));
        assertEquals("{\"a\":453,\"b\":434,\"operation\":\"add\"}",
                reply(first).calls().get(0).argumentsJson());
    }

    @Test
    void callsTheOtherFixtureTools() throws ApiError {
        assertEquals("{\"city\":\"Paris\"}", reply(withTool(body(user("What is the weather in "
                + "Paris? Use the get_weather tool.")), "get_weather", Requests.WEATHER))
                .calls().get(0).argumentsJson());
        assertEquals("{\"expression\":\"25 * 18\"}", reply(withTool(body(user("Please "
                + "calculate 25 * 18 using the calculate tool.")), "calculate",
                Requests.CALCULATE)).calls().get(0).argumentsJson());
        assertEquals("{\"value\":21}", reply(withTool(body(user("Please double the number 21 "
                + "using the double_number tool.")), "double_number", Requests.DOUBLE))
                .calls().get(0).argumentsJson());
        ObjectNode circles = withTool(withTool(body(user("Use the get_circle_with_description "
                + "tool and tell me what you learned.")), "get_circle", Requests.EMPTY),
                "get_circle_with_description", Requests.EMPTY);
        PlannedCall call = reply(circles).calls().get(0);
        assertEquals("get_circle_with_description", call.name());
        assertEquals("{}", call.argumentsJson());
    }

    @Test
    void honoursToolChoice() throws ApiError {
        ObjectNode weather = withTool(withTool(body(user("What is the weather in Paris? Use the "
                + "get_weather tool.")), "get_weather", Requests.WEATHER), "get_time",
                Requests.EMPTY);
        ObjectNode none = weather.deepCopy().put("tool_choice", "none");
        Reply text = reply(none);
        assertTrue(text.calls().isEmpty());
        assertFalse(text.text().isEmpty());
        ObjectNode named = weather.deepCopy();
        named.putObject("tool_choice").put("type", "function").putObject("function")
                .put("name", "get_time");
        assertEquals("get_time", reply(named).calls().get(0).name());
        ObjectNode required = withTool(body(user("Hello there")), "get_weather",
                Requests.WEATHER).put("tool_choice", "required");
        assertEquals("get_weather", reply(required).calls().get(0).name());
        ObjectNode auto = withTool(body(user("Hello there")), "get_weather", Requests.WEATHER);
        assertTrue(reply(auto).calls().isEmpty());
    }

    @Test
    void textWhenToolsAreOfferedButNotAskedFor() throws ApiError {
        ObjectNode body = withTool(body(user("Please calculate 25 * 18 using the calculate "
                + "tool."), assistantCalls("tst000001", "calculate",
                "{\"expression\":\"25 * 18\"}"), toolResult("tst000001", "No result provided"),
                user("Never mind, just tell me what is 2+2?")), "calculate", Requests.CALCULATE);
        Reply reply = reply(body);
        assertTrue(reply.calls().isEmpty());
        assertEquals("2 + 2 = 4.", reply.text());
        ObjectNode hello = withTool(body(user("What is the weather in Paris? Use the "
                + "get_weather tool."), assistantCalls("tst000001", "get_weather",
                "{\"city\":\"Paris\"}"), toolResult("tst000001", "No result provided"),
                user("Never mind, just say hello.")), "get_weather", Requests.WEATHER);
        assertEquals("Hello!", reply(hello).text());
    }

    @Test
    void summarisesToolResults() throws ApiError {
        ObjectNode body = withTool(body(user("What is the weather in Paris? Use the get_weather "
                + "tool."), assistantCalls("tst000001", "get_weather", "{\"city\":\"Paris\"}"),
                toolResult("tst000001", "sunny, 21C")), "get_weather", Requests.WEATHER);
        assertEquals("The weather in Paris: sunny, 21C.", reply(body).text());
        ObjectNode doubled = withTool(body(user("Please double the number 21 using the "
                + "double_number tool."), assistantCalls("tst000002", "double_number",
                "{\"value\":21}"), toolResult("tst000002", "42")), "double_number",
                Requests.DOUBLE);
        assertEquals("Doubling 21 gives 42.", reply(doubled).text());
    }

    @Test
    void describesImagesInTheQuestionAndAfterToolResults() throws ApiError {
        Reply seen = reply(body(userWithImage("What do you see in this image? Please describe "
                + "the shape and color.", Fixtures.redCircle())));
        assertEquals("I see a red circle on a white background.", seen.text());
        ObjectNode afterTool = withTool(body(user("Use the get_circle_with_description tool "
                + "and tell me what you learned. Also say what color the shape is."),
                assistantCalls("tst000001", "get_circle_with_description", "{}"),
                toolResult("tst000001", "This is a geometric shape with specific properties: it "
                        + "has a diameter of 100 pixels."),
                userWithImage("Attached image(s) from tool result:", Fixtures.redCircle())),
                "get_circle_with_description", Requests.EMPTY);
        String text = reply(afterTool).text();
        assertTrue(text.contains("diameter of 100 pixels") && text.contains("red circle"), text);
        ObjectNode onlyImage = withTool(body(user("Call the get_circle tool to get an image, and "
                + "describe what you see, shapes, colors, etc."),
                assistantCalls("tst000001", "get_circle", "{}"),
                toolResult("tst000001", "(see attached image)"),
                userWithImage("Attached image(s) from tool result:", Fixtures.png(Color.BLUE,
                        "square"))), "get_circle", Requests.EMPTY);
        assertEquals("The get_circle tool returned an image. I see a blue square on a white "
                + "background.", reply(onlyImage).text());
    }

    @Test
    void writesLongAnswers() throws ApiError {
        String names = reply(body(user("What is 15 + 27? Think step by step. Then list 50 "
                + "first names."))).text();
        assertTrue(names.startsWith("15 + 27 = 42."), names);
        assertTrue(names.length() >= 2000, "length " + names.length());
        assertTrue(names.contains("50. "), names);
        String poem = reply(body(user("Write a long poem with 20 stanzas about the beauty of "
                + "nature."))).text();
        assertTrue(poem.length() >= 2000, "length " + poem.length());
        assertEquals(20 * 4 + 1, poem.lines().filter(line -> !line.isBlank()).count());
        assertEquals("Here are 5 names: Olivia, Liam, Emma, Noah and Ava.", reply(body(
                user("Please continue, but only generate 5 names."))).text());
    }

    @Test
    void answersEmptyAndOtherMessagesBriefly() throws ApiError {
        assertEquals(TextRules.EMPTY_ANSWER, reply(body(user(""))).text());
        assertEquals(TextRules.EMPTY_ANSWER, reply(body(user("   \n\t  "))).text());
        assertEquals(TextRules.DEFAULT_ANSWER, reply(body(user("Continue."))).text());
        assertTrue(reply(body(user("Hello, how are you?"))).text().startsWith("Hello!"));
        assertFalse(reply(body(user("Continue."))).reasoning().isEmpty());
    }

    @Test
    void summarisesTheToolResultWhenAskedAboutIt() throws ApiError {
        ObjectNode body = withTool(body(user("Use the test tool"), assistantCalls("tst000001",
                "test_tool", "{}"), toolResult("tst000001", "Emoji 🙈 👍 and こんにちは"),
                user("Summarize the tool result briefly.")), "test_tool", Requests.EMPTY);
        assertEquals("The tool returned: Emoji 🙈 👍 and こんにちは", reply(body).text());
    }
}
