-- Raw client beacons, kept for pingback.retention.
CREATE TABLE beacon (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    received_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    session_id VARCHAR(128) NOT NULL,
    peer_id VARCHAR(128),
    swarm VARCHAR(128) NOT NULL,
    http_bytes BIGINT NOT NULL,
    p2p_bytes BIGINT NOT NULL,
    uploaded_bytes BIGINT NOT NULL,
    played_ms BIGINT NOT NULL,
    startup_ms BIGINT,
    stalls INT NOT NULL,
    stall_ms BIGINT NOT NULL,
    buffer_ms BIGINT NOT NULL,
    nat_type VARCHAR(24) NOT NULL,
    links VARCHAR NOT NULL,
    connections VARCHAR NOT NULL
);
CREATE INDEX beacon_received ON beacon (received_at);
CREATE INDEX beacon_swarm_received ON beacon (swarm, received_at);

-- Per-minute sums per swarm, kept for pingback.rollup-retention; the console's history.
CREATE TABLE beacon_minute (
    swarm VARCHAR(128) NOT NULL,
    minute_start TIMESTAMP(0) WITH TIME ZONE NOT NULL,
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
    PRIMARY KEY (swarm, minute_start)
);
CREATE INDEX beacon_minute_minute ON beacon_minute (minute_start);
