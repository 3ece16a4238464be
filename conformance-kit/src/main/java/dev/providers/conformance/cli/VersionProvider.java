package dev.providers.conformance.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version from the JAR manifest, or "development" when run from classes. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = RootCommand.class.getPackage().getImplementationVersion();
        return new String[] {"conformance " + (version == null ? "(development build)" : version)};
    }
}
