/**
 * The conformance kit: the suite (JUnit Jupiter tests opened to the JUnit Platform), its
 * launcher, reports and the {@code conformance} command line. Suite authors use the
 * {@code api} package; the rest is the kit's own.
 */
module dev.providers.conformance {
    requires dev.providers.engine;
    requires com.fasterxml.jackson.databind;
    requires org.snakeyaml.engine;
    requires info.picocli;
    requires org.junit.jupiter.api;
    requires org.junit.jupiter.params;
    requires org.junit.platform.commons;
    requires org.junit.platform.engine;
    requires org.junit.platform.launcher;
    requires org.junit.platform.reporting;
    requires org.opentest4j;
    requires testcontainers;
    requires com.github.dockerjava.api;
    requires jdk.httpserver;
    requires java.net.http;
    requires java.desktop;
    requires static org.jspecify;

    exports dev.providers.conformance.api;

    uses dev.providers.conformance.api.WireView;

    opens dev.providers.conformance.cli to info.picocli;
    opens dev.providers.conformance.extension to org.junit.platform.commons;
    opens dev.providers.conformance.suite to org.junit.platform.commons;
    opens dev.providers.conformance.suite.protocol to org.junit.platform.commons;
    opens dev.providers.conformance.suite.behaviour to org.junit.platform.commons;
}
