package org.webp2p.server.pingback;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/** The stored sums of beacons at one resolution: per minute for the recent past, per hour for long ranges. */
enum RollupTable {
    MINUTE("beacon_minute", "beacon_nat_minute", "minute_start", ChronoUnit.MINUTES),
    HOUR("beacon_hour", "beacon_nat_hour", "hour_start", ChronoUnit.HOURS);

    final String sums;
    final String natPairs;
    final String start;
    final ChronoUnit unit;

    RollupTable(String sums, String natPairs, String start, ChronoUnit unit) {
        this.sums = sums;
        this.natPairs = natPairs;
        this.start = start;
        this.unit = unit;
    }

    Duration resolution() {
        return unit.getDuration();
    }
}
