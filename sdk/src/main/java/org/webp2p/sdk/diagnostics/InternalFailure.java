package org.webp2p.sdk.diagnostics;

import java.util.Objects;

/**
 * A part of the player source that threw: a bug in the SDK, not a network condition, which parts
 * turn into state. The part carries on, and the same failure again only raises {@link #count}.
 *
 * @param part      the alarm that threw, as its part names it ({@code playback}, {@code playlist}, ...)
 * @param exception the exception's class
 * @param message   its message the latest time, possibly empty
 * @param at        where it was thrown (the top stack frame), empty if unknown
 * @param count     how many times this part has failed this way, so far
 */
public record InternalFailure(String part, String exception, String message, String at, long count) {
    public InternalFailure {
        Objects.requireNonNull(part, "part");
        Objects.requireNonNull(exception, "exception");
        message = message == null ? "" : message;
        at = at == null ? "" : at;
    }

    static InternalFailure first(String part, RuntimeException e) {
        StackTraceElement[] trace = e.getStackTrace();
        return new InternalFailure(part, e.getClass().getName(), e.getMessage(),
                trace.length == 0 ? "" : trace[0].toString(), 1);
    }

    /** The same bug: thrown as the same exception from the same place, whatever the message says. */
    boolean sameAs(InternalFailure other) {
        return exception.equals(other.exception) && at.equals(other.at);
    }

    InternalFailure again(InternalFailure latest) {
        return new InternalFailure(part, exception, latest.message, at, count + 1);
    }
}
