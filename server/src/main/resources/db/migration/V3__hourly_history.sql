-- Startup times per minute as a histogram, so a range of minutes gives a p95 and not only a mean.
-- Minutes stored before this version have none: their p95 is unknown, their mean still known.
ALTER TABLE beacon_minute ADD COLUMN startup_le_250 BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE beacon_minute ADD COLUMN startup_le_500 BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE beacon_minute ADD COLUMN startup_le_1000 BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE beacon_minute ADD COLUMN startup_le_2000 BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE beacon_minute ADD COLUMN startup_le_4000 BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE beacon_minute ADD COLUMN startup_le_8000 BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE beacon_minute ADD COLUMN startup_over_8000 BIGINT DEFAULT 0 NOT NULL;

-- Per-hour sums per swarm, kept for pingback.hour-rollup-retention: the console's long ranges.
-- Each write adds to its hour in the same transaction as to its minute, so an hour is the sum of its minutes.
CREATE TABLE beacon_hour (
    swarm VARCHAR(128) NOT NULL,
    hour_start TIMESTAMP(0) WITH TIME ZONE NOT NULL,
    beacons BIGINT NOT NULL,
    http_bytes BIGINT NOT NULL,
    p2p_bytes BIGINT NOT NULL,
    uploaded_bytes BIGINT NOT NULL,
    played_ms BIGINT NOT NULL,
    stalls BIGINT NOT NULL,
    stall_ms BIGINT NOT NULL,
    startups BIGINT NOT NULL,
    startup_ms_sum BIGINT NOT NULL,
    nat_attempts BIGINT NOT NULL,
    nat_successes BIGINT NOT NULL,
    startup_le_250 BIGINT NOT NULL,
    startup_le_500 BIGINT NOT NULL,
    startup_le_1000 BIGINT NOT NULL,
    startup_le_2000 BIGINT NOT NULL,
    startup_le_4000 BIGINT NOT NULL,
    startup_le_8000 BIGINT NOT NULL,
    startup_over_8000 BIGINT NOT NULL,
    PRIMARY KEY (swarm, hour_start)
);
CREATE INDEX beacon_hour_hour ON beacon_hour (hour_start);

-- The hours of the minutes already stored; UTC hours whatever the session's time zone.
INSERT INTO beacon_hour
SELECT swarm, hour_start,
       LEAST(SUM(beacons), 9223372036854775807),
       LEAST(SUM(http_bytes), 9223372036854775807),
       LEAST(SUM(p2p_bytes), 9223372036854775807),
       LEAST(SUM(uploaded_bytes), 9223372036854775807),
       LEAST(SUM(played_ms), 9223372036854775807),
       LEAST(SUM(stalls), 9223372036854775807),
       LEAST(SUM(stall_ms), 9223372036854775807),
       LEAST(SUM(startups), 9223372036854775807),
       LEAST(SUM(startup_ms_sum), 9223372036854775807),
       LEAST(SUM(nat_attempts), 9223372036854775807),
       LEAST(SUM(nat_successes), 9223372036854775807),
       0, 0, 0, 0, 0, 0, 0
FROM (SELECT m.*, DATEADD(SECOND, DATEDIFF(SECOND, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00', minute_start)
                      / 3600 * 3600, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00') AS hour_start
      FROM beacon_minute m) minutes
GROUP BY swarm, hour_start;

-- Connection attempts by the pair of NAT types (the reporting peer's, the far peer's), per minute and per hour.
CREATE TABLE beacon_nat_minute (
    swarm VARCHAR(128) NOT NULL,
    minute_start TIMESTAMP(0) WITH TIME ZONE NOT NULL,
    local_nat VARCHAR(24) NOT NULL,
    remote_nat VARCHAR(24) NOT NULL,
    attempts BIGINT NOT NULL,
    successes BIGINT NOT NULL,
    PRIMARY KEY (swarm, minute_start, local_nat, remote_nat)
);
CREATE INDEX beacon_nat_minute_minute ON beacon_nat_minute (minute_start);

CREATE TABLE beacon_nat_hour (
    swarm VARCHAR(128) NOT NULL,
    hour_start TIMESTAMP(0) WITH TIME ZONE NOT NULL,
    local_nat VARCHAR(24) NOT NULL,
    remote_nat VARCHAR(24) NOT NULL,
    attempts BIGINT NOT NULL,
    successes BIGINT NOT NULL,
    PRIMARY KEY (swarm, hour_start, local_nat, remote_nat)
);
CREATE INDEX beacon_nat_hour_hour ON beacon_nat_hour (hour_start);
