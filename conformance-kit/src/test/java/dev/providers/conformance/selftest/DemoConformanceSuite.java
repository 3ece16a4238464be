package dev.providers.conformance.selftest;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeTags;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * The README's example of running the suite from a user's own JUnit build, as a user would
 * write it (the providers directory comes from the launching test, since the port is free).
 * Not run by surefire directly: its name does not end in Test.
 */
@Suite
@SelectPackages("dev.providers.conformance.suite")
@IncludeTags("protocol")
@ConfigurationParameter(key = "conformance.provider", value = "demo")
class DemoConformanceSuite {
}
