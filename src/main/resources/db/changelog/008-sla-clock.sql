--liquibase formatted sql

--changeset supportflow:sla-clock-1
--comment: one SLA clock per ticket and metric (first response, next response, resolution), driven by an SlaClock process instance
CREATE TABLE sla_clock (
    ticket_id           bigint       NOT NULL REFERENCES ticket (id),
    metric              varchar(16)  NOT NULL,
    tenant_id           varchar(64)  NOT NULL REFERENCES tenant (id),
    team                varchar(64),
    priority            varchar(16)  NOT NULL,
    policy              varchar(100) NOT NULL,
    target_ms           bigint       NOT NULL,
    business_hours      boolean      NOT NULL,
    calendar_team       varchar(64),
    warn_percent        smallint     NOT NULL,
    escalation          text         NOT NULL DEFAULT '',
    state               varchar(12)  NOT NULL,
    started_at          timestamptz  NOT NULL,
    -- counted time (business or calendar, as the policy says) up to running_since, or in total when not running
    elapsed_ms          bigint       NOT NULL DEFAULT 0,
    running_since       timestamptz,
    paused_since        timestamptz,
    paused_ms           bigint       NOT NULL DEFAULT 0,
    warn_at             timestamptz,
    due_at              timestamptz,
    warned_at           timestamptz,
    breached_at         timestamptz,
    fulfilled_at        timestamptz,
    escalation_level    smallint     NOT NULL DEFAULT 0,
    cycle               integer      NOT NULL DEFAULT 1,
    process_instance_id varchar(64),
    PRIMARY KEY (ticket_id, metric),
    CONSTRAINT sla_clock_metric_ck CHECK (metric IN ('FIRST_RESPONSE', 'NEXT_RESPONSE', 'RESOLUTION')),
    CONSTRAINT sla_clock_state_ck CHECK (state IN ('RUNNING', 'PAUSED', 'FULFILLED', 'STOPPED')),
    CONSTRAINT sla_clock_target_ck CHECK (target_ms > 0),
    CONSTRAINT sla_clock_warn_ck CHECK (warn_percent BETWEEN 1 AND 100),
    CONSTRAINT sla_clock_running_ck CHECK ((state = 'RUNNING') = (running_since IS NOT NULL)),
    CONSTRAINT sla_clock_paused_ck CHECK ((state = 'PAUSED') = (paused_since IS NOT NULL))
);
-- the metrics endpoint: one metric of a tenant's tickets started in a period
CREATE INDEX sla_clock_metrics_idx ON sla_clock (tenant_id, metric, started_at);

--changeset supportflow:sla-clock-2
--comment: the response-due columns of the foundation's fixed response table, replaced by sla_clock
ALTER TABLE ticket DROP COLUMN first_response_due_at;
ALTER TABLE ticket DROP COLUMN response_due_at;
ALTER TABLE ticket DROP COLUMN response_breached_at;
