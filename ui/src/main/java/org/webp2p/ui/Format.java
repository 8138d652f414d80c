package org.webp2p.ui;

import java.time.Duration;

/** How the console writes durations and counts, everywhere the same. */
public final class Format {
    private Format() {
    }

    /** {@code 45s}, {@code 3m 07s}, {@code 2h 05m}, {@code 3d 04h}. */
    public static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm %02ds", s / 60, s % 60);
        }
        if (s < 86400) {
            return String.format("%dh %02dm", s / 3600, (s % 3600) / 60);
        }
        return String.format("%dd %02dh", s / 86400, (s % 86400) / 3600);
    }
}
