package dev.providers.conformance.containers;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Disables container tests when no Docker engine is reachable, with {@link DockerCheck}'s
 * reason, so they show as skipped (the reason lands in the surefire XML report) instead of
 * passing silently or failing.
 */
final class DockerCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        DockerCheck.Availability docker = DockerCheck.availability();
        return docker.available()
                ? ConditionEvaluationResult.enabled("a Docker engine is reachable")
                : ConditionEvaluationResult.disabled("container test skipped: " + docker.reason());
    }
}
