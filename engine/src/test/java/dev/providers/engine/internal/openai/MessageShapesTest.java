package dev.providers.engine.internal.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The message-shape converters, on raw wire messages (JSON with single quotes for brevity). */
class MessageShapesTest {

    @TempDir
    Path dir;

    private static ArrayNode json(String text) throws Exception {
        return (ArrayNode) WireJson.MAPPER.readTree(text.replace('\'', '"'));
    }

    private static void assertJson(String expected, JsonNode actual) throws Exception {
        assertEquals(json(expected), actual);
    }

    @Test
    void stringContentsOfTheSameRoleJoinWithABlankLine() throws Exception {
        assertJson("[{'role':'user','content':'a\\n\\nb\\n\\nc'}]", SameRoleMerge.apply(json(
                "[{'role':'user','content':'a'},{'role':'user','content':'b'},"
                        + "{'role':'user','content':'c'}]")));
    }

    @Test
    void partsConcatenateAndTextMeetingTextAcrossTheSeamJoins() throws Exception {
        assertJson("[{'role':'user','content':[{'type':'text','text':'look'},"
                + "{'type':'image_url','image_url':{'url':'u'}},"
                + "{'type':'text','text':'and\\n\\nthis'}]}]", SameRoleMerge.apply(json(
                "[{'role':'user','content':[{'type':'text','text':'look'},"
                        + "{'type':'image_url','image_url':{'url':'u'}},"
                        + "{'type':'text','text':'and'}]},{'role':'user','content':'this'}]")));
    }

    @Test
    void assistantsMergeCallsReasoningAndSkipEmptyContent() throws Exception {
        assertJson("[{'role':'assistant','content':'done','reasoning_content':'r1\\n\\nr2',"
                + "'tool_calls':[{'id':'1'},{'id':'2'}]}]", SameRoleMerge.apply(json(
                "[{'role':'assistant','content':null,'reasoning_content':'r1',"
                        + "'tool_calls':[{'id':'1'}]},"
                        + "{'role':'assistant','content':'done','reasoning_content':'r2',"
                        + "'tool_calls':[{'id':'2'}]}]")));
        assertJson("[{'role':'assistant','content':''}]", SameRoleMerge.apply(json(
                "[{'role':'assistant','content':''},{'role':'assistant','content':null}]")));
    }

    @Test
    void toolMessagesAndDeferredToolAnnouncementsNeverMerge() throws Exception {
        String messages = "[{'role':'tool','tool_call_id':'1','content':'a'},"
                + "{'role':'tool','tool_call_id':'2','content':'b'},"
                + "{'role':'system','tools':[]},{'role':'system','content':'s'}]";
        assertJson(messages, SameRoleMerge.apply(json(messages)));
    }

    @Test
    void allSystemTextBecomesOneLeadingMessageWithTheFirstRole() throws Exception {
        assertJson("[{'role':'developer','content':'one\\n\\ntwo\\n\\nthree'},"
                + "{'role':'user','content':'hi'},{'role':'system','tools':[]}]",
                SingleSystemMessage.apply(json("[{'role':'developer','content':'one'},"
                        + "{'role':'user','content':'hi'},"
                        + "{'role':'system','content':[{'type':'text','text':'two'}]},"
                        + "{'role':'system','tools':[]},{'role':'system','content':'three'}]")));
    }

    @Test
    void aSingleLeadingSystemMessageIsLeftAlone() throws Exception {
        ArrayNode messages = json(
                "[{'role':'system','content':'s'},{'role':'user','content':'u'}]");
        assertSame(messages, SingleSystemMessage.apply(messages));
        ArrayNode none = json("[{'role':'user','content':'u'}]");
        assertSame(none, SingleSystemMessage.apply(none));
    }

    @Test
    void aLateSingleSystemMessageMovesToTheFront() throws Exception {
        assertJson("[{'role':'system','content':'s'},{'role':'user','content':'u'}]",
                SingleSystemMessage.apply(json(
                        "[{'role':'user','content':'u'},{'role':'system','content':'s'}]")));
    }

    @Test
    void alternationInsertsPlaceholdersWhereTurnsAreMissing() throws Exception {
        assertJson("[{'role':'system','content':'s'},"
                + "{'role':'user','content':'(continue)'},{'role':'assistant','content':'a1'},"
                + "{'role':'user','content':'u1'},{'role':'assistant','content':'(no response)'},"
                + "{'role':'user','content':'u2'},{'role':'assistant','content':'a2'},"
                + "{'role':'user','content':'(continue)'},{'role':'assistant','content':'a3'}]",
                UserFirstAlternation.apply(json("[{'role':'system','content':'s'},"
                        + "{'role':'assistant','content':'a1'},{'role':'user','content':'u1'},"
                        + "{'role':'user','content':'u2'},{'role':'assistant','content':'a2'},"
                        + "{'role':'assistant','content':'a3'}]")));
    }

    @Test
    void toolFlowsAndSystemMessagesDoNotBreakAlternation() throws Exception {
        String messages = "[{'role':'user','content':'u'},{'role':'assistant','tool_calls':[]},"
                + "{'role':'tool','content':'r1'},{'role':'tool','content':'r2'},"
                + "{'role':'system','tools':[]},{'role':'assistant','content':'a'},"
                + "{'role':'user','content':'u2'},{'role':'assistant','tool_calls':[]},"
                + "{'role':'tool','content':'r3'},{'role':'user','content':'u3'}]";
        assertJson(messages, UserFirstAlternation.apply(json(messages)));
        assertJson("[]", UserFirstAlternation.apply(json("[]")));
    }

    @Test
    void mergingRunsBeforeAlternationSoOnlyRealGapsGetPlaceholders() throws Exception {
        CompatFlags both = CompatFlags.of(TestModels.load(dir, "{mergeSameRoleMessages: true, "
                + "singleSystemMessage: true, requiresUserFirstAlternation: true}",
                TestModels.CHAT).compat());
        assertJson("[{'role':'system','content':'s'},{'role':'user','content':'(continue)'},"
                + "{'role':'assistant','content':'a'},{'role':'user','content':'u1\\n\\nu2'}]",
                MessageShapes.apply(json("[{'role':'system','content':'s'},"
                        + "{'role':'assistant','content':'a'},{'role':'user','content':'u1'},"
                        + "{'role':'user','content':'u2'}]"), both));
    }
}
