CREATE TABLE setting (
    k VARCHAR(200) PRIMARY KEY,
    v VARCHAR(4000) NOT NULL
);

CREATE TABLE service_event (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    service VARCHAR(40) NOT NULL,
    from_state VARCHAR(12),
    to_state VARCHAR(12) NOT NULL,
    detail VARCHAR(1000) NOT NULL
);

CREATE INDEX service_event_at ON service_event (at);
