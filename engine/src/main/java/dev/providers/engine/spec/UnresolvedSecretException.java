package dev.providers.engine.spec;

/** Thrown when a secret references an environment variable that is not set. */
public final class UnresolvedSecretException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String variable;

    /** Creates the exception for one unset variable. */
    public UnresolvedSecretException(String variable) {
        super("environment variable " + variable + " is not set");
        this.variable = variable;
    }

    /** Returns the name of the variable that is not set. */
    public String variable() {
        return variable;
    }
}
