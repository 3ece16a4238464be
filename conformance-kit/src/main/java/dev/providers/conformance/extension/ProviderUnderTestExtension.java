package dev.providers.conformance.extension;

import dev.providers.conformance.api.Capability;
import dev.providers.conformance.api.Notebook;
import dev.providers.conformance.api.ProviderUnderTest;
import dev.providers.conformance.api.Requires;
import dev.providers.conformance.api.StreamRecord;
import dev.providers.conformance.api.WireSpecific;
import dev.providers.conformance.api.WireViews;
import dev.providers.conformance.redaction.Redactor;
import dev.providers.engine.ProviderEngine;
import dev.providers.engine.testing.EventInvariants;
import dev.providers.engine.registry.ResolvedModel;
import dev.providers.engine.spec.ModelSpec;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs a conformance test against the provider under test: skips it, with the reason, when the
 * model lacks a capability it requires, when it checks a dialect's wire and the kit has no
 * {@link dev.providers.conformance.api.WireView} for the model's dialect, or when the run's
 * deadline has passed; injects a {@link ProviderUnderTest}; runs it within its deadline,
 * cancelling its streams when time is up; afterwards checks the event grammar of every stream
 * the test started (G1–G13, result() == terminal, never on an I/O thread), publishes what the
 * test noted, and keeps the wire traffic of failures. Every text it publishes or throws has the
 * providers' secrets redacted.
 *
 * <p>Thread-safety: stateless; per-test state lives in the test's store.
 */
public final class ProviderUnderTestExtension implements ExecutionCondition, ParameterResolver,
        InvocationInterceptor {

    /** How the skip reason of a test left out because the run's deadline passed begins. */
    public static final String NOT_RUN = "not run: ";

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ProviderUnderTestExtension.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Deadlines deadlines = Deadlines.of(context);
        if (context.getTestMethod().isPresent() && deadlines.runPassed()) {
            return ConditionEvaluationResult.disabled(deadlines.notRunReason());
        }
        Set<Capability> needed = EnumSet.noneOf(Capability.class);
        context.getElement().flatMap(e -> AnnotationSupport.findAnnotation(e, Requires.class))
                .ifPresent(r -> needed.addAll(List.of(r.value())));
        context.getTestClass().flatMap(c -> AnnotationSupport.findAnnotation(c, Requires.class))
                .ifPresent(r -> needed.addAll(List.of(r.value())));
        Optional<WireSpecific> wire = context.getElement().flatMap(
                e -> AnnotationSupport.findAnnotation(e, WireSpecific.class));
        if (needed.isEmpty() && wire.isEmpty()) {
            return ConditionEvaluationResult.enabled("no capability required");
        }
        KitSession session = KitSession.of(context);
        String api = session.model().api();
        for (Capability capability : needed) {
            if (!declares(session, capability)) {
                return ConditionEvaluationResult.disabled(capability.skipReason(api));
            }
        }
        if (wire.isPresent() && WireViews.find(api).isEmpty()) {
            return ConditionEvaluationResult.disabled(WireViews.missing(api, wire.get().value()));
        }
        return ConditionEvaluationResult.enabled("the model declares " + needed);
    }

    static boolean declares(KitSession session, Capability capability) {
        ResolvedModel model = session.model();
        ModelSpec spec = model.model();
        return switch (capability) {
            case TOOLS -> session.takesTools();
            case IMAGES -> spec.acceptsImages();
            case THINKING -> spec.reasoning();
            case AUTH -> model.provider().sendsCredential()
                    || model.headers().values().stream().anyMatch(v -> !v.envNames().isEmpty());
            case CONTEXT -> spec.contextWindow() != null
                    && spec.contextWindow() <= session.maxOverflowTokens();
        };
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ProviderUnderTest.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return KitSession.of(context).providerUnderTest(notebook(context));
    }

    static Notebook notebook(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(Notebook.class,
                key -> new Notebook(), Notebook.class);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context)
            throws Throwable {
        intercept(invocation, context);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context)
            throws Throwable {
        intercept(invocation, context);
    }

    private static void intercept(Invocation<Void> invocation, ExtensionContext context)
            throws Throwable {
        KitSession session = KitSession.of(context);
        Notebook notebook = notebook(context);
        TestDeadline deadline = Deadlines.of(context).forTest(context);
        Throwable failure = null;
        try {
            DeadlineRunner.run(invocation, deadline, notebook, "conformance "
                    + context.getDisplayName());
        } catch (Throwable t) {
            failure = t;
        }
        List<String> violations = grammar(notebook, deadline);
        Redactor redactor = session.redactor();
        Reporting.publish(context, notebook, redactor);
        if (failure == null && violations.isEmpty()) {
            return;
        }
        Optional<String> captured = Captures.write(session, context, notebook);
        captured.ifPresent(path -> context.publishReportEntry("capture", path));
        if (!violations.isEmpty()) {
            AssertionError grammar = new AssertionError("the event stream broke the grammar:\n  "
                    + String.join("\n  ", violations));
            if (failure == null) {
                failure = grammar;
            } else {
                failure.addSuppressed(grammar);
            }
        }
        throw RedactedFailure.of(failure, redactor);
    }

    /**
     * Checks every stream the test started. A stream still running is waited for until the
     * test's deadline, then cancelled and given {@link DeadlineRunner#GRACE} to end.
     */
    private static List<String> grammar(Notebook notebook, TestDeadline deadline) {
        List<String> violations = new ArrayList<>();
        for (StreamRecord record : notebook.records()) {
            if (!record.started()) {
                continue; // the engine refused it: the test saw the exception
            }
            if (!record.ended() && !record.awaitTerminal(deadline.remaining())) {
                if (notebook.expired() == null) {
                    violations.add(record.label() + ": still running at the test's deadline; "
                            + "cancelled");
                }
                record.cancel();
                if (!record.awaitTerminal(DeadlineRunner.GRACE)) {
                    violations.add(record.label() + ": G1: no terminal event within "
                            + DeadlineRunner.GRACE.toSeconds() + " s of being cancelled");
                    continue;
                }
            }
            try {
                record.await();
            } catch (AssertionError broken) {
                violations.add(broken.getMessage());
                continue;
            }
            for (String problem : EventInvariants.check(record.events(), record.prices())) {
                violations.add(record.label() + ": " + problem);
            }
            for (String thread : record.threads()) {
                if (thread.startsWith(ProviderEngine.IO_THREAD_PREFIX)) {
                    violations.add(record.label() + ": G15: a listener ran on the I/O thread "
                            + thread);
                    break;
                }
            }
        }
        return violations;
    }
}
