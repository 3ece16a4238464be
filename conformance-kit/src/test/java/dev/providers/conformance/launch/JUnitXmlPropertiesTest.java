package dev.providers.conformance.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JUnitXmlPropertiesTest {

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
        JUnitXmlProperties.strip(dir);
        assertEquals("""
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="JUnit Jupiter" tests="1">
                  <testcase name="P01" classname="P01BasicTextTest" time="0.1"/>
                </testsuite>
                """, Files.readString(dir.resolve("TEST-junit-jupiter.xml")));
        assertEquals("<properties>kept</properties>", Files.readString(dir.resolve("notes.txt")));
    }
}
