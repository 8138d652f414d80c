package org.webp2p.ui.history;

import java.time.Duration;
import java.util.Optional;

/** How far back a page looks: the live window, or a stored range ending now. */
public enum HistoryRange {
    LIVE("Live", "live", null),
    HOUR("1 h", "1h", Duration.ofHours(1)),
    DAY("24 h", "24h", Duration.ofHours(24)),
    WEEK("7 d", "7d", Duration.ofDays(7)),
    MONTH("30 d", "30d", Duration.ofDays(30)),
    QUARTER("90 d", "90d", Duration.ofDays(90));

    private final String label;
    private final String id;
    private final Duration span;

    HistoryRange(String label, String id, Duration span) {
        this.label = label;
        this.id = id;
        this.span = span;
    }

    public String label() {
        return label;
    }

    /** A name for node ids and file names. */
    public String id() {
        return id;
    }

    /** How far back a stored range reaches; empty for the live window. */
    public Optional<Duration> span() {
        return Optional.ofNullable(span);
    }

    /** Whether its labels need the date: a range longer than a day crosses midnight. */
    public boolean showsDates() {
        return span != null && span.compareTo(Duration.ofHours(24)) > 0;
    }
}
