--liquibase formatted sql

--changeset supportflow:survey
--comment: CSAT and NPS surveys sent when tickets are resolved; answered through a signed link (one answer per survey, updated in place)
CREATE TABLE survey (
    id                  bigserial    PRIMARY KEY,
    tenant_id           varchar(64)  NOT NULL REFERENCES tenant (id),
    kind                varchar(8)   NOT NULL CHECK (kind IN ('CSAT', 'NPS')),
    ticket_id           bigint       NOT NULL REFERENCES ticket (id),
    team                varchar(64),
    customer_key        varchar(330) NOT NULL,
    recipient           varchar(254) NOT NULL,
    state               varchar(16)  NOT NULL CHECK (state IN ('PENDING', 'SENT', 'ANSWERED', 'EXPIRED', 'SKIPPED')),
    created_at          timestamptz  NOT NULL,
    sent_at             timestamptz,
    expires_at          timestamptz  NOT NULL,
    score               smallint     CHECK (score BETWEEN 0 AND 10),
    comment             varchar(2000),
    answered_at         timestamptz,
    updated_at          timestamptz  NOT NULL,
    process_instance_id varchar(64),
    CHECK ((score IS NULL) = (answered_at IS NULL)),
    CHECK (kind <> 'CSAT' OR score IS NULL OR score >= 1 AND score <= 5)
);
CREATE INDEX survey_ticket_idx ON survey (ticket_id, kind, id);
-- the NPS interval: the latest NPS survey of a customer
CREATE INDEX survey_nps_customer_idx ON survey (tenant_id, customer_key, created_at) WHERE kind = 'NPS';
-- the summary: surveys of a period (optionally one team)
CREATE INDEX survey_period_idx ON survey (tenant_id, kind, created_at);
--rollback DROP TABLE survey;
