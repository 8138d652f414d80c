package org.webp2p.protocol.admin;

import java.time.Duration;
import java.util.regex.Pattern;
import org.webp2p.protocol.Require;

/**
 * {@code POST /v1/tokens}: an API token for a stream ({@code *} for any), who it is for, and how
 * many hours it lives.
 *
 * @param subject who the token is for, for the operator's records; {@code admin} when left out
 * @param hours   1 to {@link #MAX_HOURS}; {@link #DEFAULT_HOURS} when left out
 */
public record TokenRequest(String stream, String subject, Long hours) {
    /** The longest life the admin endpoint grants (30 days); {@code webp2p token} can make longer ones. */
    public static final long MAX_HOURS = 720;
    public static final long DEFAULT_HOURS = 24;
    public static final String ANY_STREAM = "*";
    private static final Pattern STREAM = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public TokenRequest {
        Require.that(stream != null && (stream.equals(ANY_STREAM) || STREAM.matcher(stream).matches()),
                "stream must be a stream name or *");
        hours = hours == null ? DEFAULT_HOURS : hours;
        Require.that(hours >= 1 && hours <= MAX_HOURS, "hours must be 1.." + MAX_HOURS);
        subject = subject == null ? "admin" : subject;
    }

    public Duration life() {
        return Duration.ofHours(hours);
    }
}
