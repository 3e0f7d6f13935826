package io.enginebench.trace;

/**
 * An error the user can fix (bad flag, missing file, unreachable engine). The CLI prints its message as one line and
 * exits non-zero, without a stack trace. Messages name the offending input and, where possible, what to do.
 */
public class UserFacingException extends RuntimeException {
    public UserFacingException(String message) { super(message); }

    public UserFacingException(String message, Throwable cause) { super(message, cause); }
}
