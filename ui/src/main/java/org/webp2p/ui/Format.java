package org.webp2p.ui;

import java.time.Duration;
import java.util.Locale;

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

    /** {@code 950 B}, {@code 12.3 kB}, {@code 4.56 MB}, {@code 1.20 GB}: powers of 1000, as network figures are. */
    public static String bytes(double bytes) {
        return scaled(bytes, "B");
    }

    /** {@code 800 kb/s}, {@code 2.50 Mb/s}. */
    public static String bitsPerSecond(double bits) {
        return scaled(bits, "b/s");
    }

    /** {@code 83.3 %} of a ratio from 0 to 1. */
    public static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f %%", ratio * 100);
    }

    /** {@code 10.0 s} of milliseconds, one decimal, or {@code -} when there is no sample. */
    public static String seconds(long ms) {
        return ms < 0 ? "-" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /**
     * {@code 8.2 / 10.0 s}: a median and a 95th percentile of milliseconds in seconds, or {@code -}
     * when there is no sample.
     */
    public static String percentileSeconds(long p50Ms, long p95Ms) {
        return p50Ms < 0 || p95Ms < 0 ? "-"
                : String.format(Locale.ROOT, "%.1f / %.1f s", p50Ms / 1000.0, p95Ms / 1000.0);
    }

    /** {@code 1200 ms}, or {@code -} when there is no sample. */
    public static String millis(long ms) {
        return ms < 0 ? "-" : ms + " ms";
    }

    private static String scaled(double value, String unit) {
        String[] prefixes = {"", "k", "M", "G", "T"};
        int i = 0;
        double v = Math.max(0, value);
        while (v >= 1000 && i < prefixes.length - 1) {
            v /= 1000;
            i++;
        }
        if (i == 0) {
            return String.format(Locale.ROOT, "%.0f %s", v, unit);
        }
        String digits = v < 10 ? "%.2f" : v < 100 ? "%.1f" : "%.0f";
        return String.format(Locale.ROOT, digits + " %s%s", v, prefixes[i], unit);
    }
}
