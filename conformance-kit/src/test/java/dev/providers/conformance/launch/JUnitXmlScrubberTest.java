package dev.providers.conformance.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.providers.conformance.redaction.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JUnitXmlScrubberTest {

    @Test
    void theSystemPropertiesLeaveTheReportAndTheResultsStay(@TempDir Path dir) throws Exception {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="JUnit Jupiter" tests="1">
                  <properties>
                    <property name="https.proxyPassword" value="hunter2"/>
                    <property name="java.version" value="17"/>
                  </properties>
                  <testcase name="P01" classname="P01BasicTextTest" time="0.1"/>
                </testsuite>
                """;
        Files.writeString(dir.resolve("TEST-junit-jupiter.xml"), xml);
        Files.writeString(dir.resolve("notes.txt"), "<properties>kept</properties>");
        JUnitXmlScrubber.scrub(dir, Redactor.none());
        assertEquals("""
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="JUnit Jupiter" tests="1">
                  <testcase name="P01" classname="P01BasicTextTest" time="0.1"/>
                </testsuite>
                """, Files.readString(dir.resolve("TEST-junit-jupiter.xml")));
        assertEquals("<properties>kept</properties>", Files.readString(dir.resolve("notes.txt")));
    }

    @Test
    void secretsLeaveMessagesInEveryEscapedForm(@TempDir Path dir) throws Exception {
        String key = "sk-\"x&y<z>'";
        Files.writeString(dir.resolve("TEST-junit-jupiter.xml"), """
                <testcase name="P14">
                  <failure message="401: bad key sk-&quot;x&amp;y&lt;z&gt;'">401 sk-\\"x&amp;y\
                &lt;z&gt;' and sk-%22x%26y%3Cz%3E%27</failure>
                </testcase>
                """);
        JUnitXmlScrubber.scrub(dir, Redactor.of(List.of(key)));
        assertEquals("""
                <testcase name="P14">
                  <failure message="401: bad key ***">401 *** and ***</failure>
                </testcase>
                """, Files.readString(dir.resolve("TEST-junit-jupiter.xml")));
    }
}
