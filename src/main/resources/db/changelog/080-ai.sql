--liquibase formatted sql

--changeset supportflow:ai-suggestion
--comment: every AI result about a ticket (classification, sentiment of a reply, reply draft, knowledge-base answer), with what produced it
CREATE TABLE ai_suggestion (
    id                bigserial     PRIMARY KEY,
    ticket_id         bigint        NOT NULL REFERENCES ticket (id),
    kind              varchar(20)   NOT NULL CHECK (kind IN ('CLASSIFICATION', 'SENTIMENT', 'REPLY_DRAFT', 'KB_ANSWER')),
    message_id        bigint        REFERENCES ticket_message (id),
    payload           jsonb         NOT NULL,
    confidence        numeric(4, 3) CHECK (confidence BETWEEN 0 AND 1),
    state             varchar(16)   NOT NULL CHECK (state IN ('SUGGESTED', 'APPLIED', 'SENT', 'HANDED_OVER')),
    provider          varchar(20)   NOT NULL,
    model             varchar(100)  NOT NULL,
    input_hash        char(64)      NOT NULL,
    latency_ms        bigint        NOT NULL,
    prompt_tokens     integer       NOT NULL,
    completion_tokens integer       NOT NULL,
    created_at        timestamptz   NOT NULL
);
CREATE INDEX ai_suggestion_ticket_idx ON ai_suggestion (ticket_id, kind, id);
--rollback DROP TABLE ai_suggestion;

--changeset supportflow:ai-summary
--comment: one cached summary per ticket; a new message deletes it, the next read computes it again
CREATE TABLE ai_summary (
    ticket_id         bigint        PRIMARY KEY REFERENCES ticket (id),
    summary           text          NOT NULL,
    provider          varchar(20)   NOT NULL,
    model             varchar(100)  NOT NULL,
    input_hash        char(64)      NOT NULL,
    latency_ms        bigint        NOT NULL,
    prompt_tokens     integer       NOT NULL,
    completion_tokens integer       NOT NULL,
    created_at        timestamptz   NOT NULL
);
--rollback DROP TABLE ai_summary;

--changeset supportflow:ai-call
--comment: every call to a provider, failed and skipped ones included (cost, latency, errors)
CREATE TABLE ai_call (
    id                bigserial     PRIMARY KEY,
    ticket_id         bigint        REFERENCES ticket (id),
    feature           varchar(30)   NOT NULL,
    provider          varchar(20)   NOT NULL,
    model             varchar(100),
    input_hash        char(64)      NOT NULL,
    outcome           varchar(10)   NOT NULL CHECK (outcome IN ('OK', 'FAILED', 'SKIPPED')),
    error             varchar(500),
    latency_ms        bigint        NOT NULL,
    prompt_tokens     integer       NOT NULL DEFAULT 0,
    completion_tokens integer       NOT NULL DEFAULT 0,
    created_at        timestamptz   NOT NULL
);
CREATE INDEX ai_call_ticket_idx ON ai_call (ticket_id, id);
CREATE INDEX ai_call_created_idx ON ai_call (created_at);
--rollback DROP TABLE ai_call;

--changeset supportflow:ai-team-setting
--comment: per team: whether the autonomous knowledge-base agent answers its new tickets, and how confident it must be
CREATE TABLE ai_team_setting (
    tenant_id            varchar(64)   NOT NULL REFERENCES tenant (id),
    team                 varchar(64)   NOT NULL,
    agent_enabled        boolean       NOT NULL,
    confidence_threshold numeric(4, 3) NOT NULL CHECK (confidence_threshold BETWEEN 0 AND 1),
    updated_by           varchar(64)   NOT NULL,
    updated_at           timestamptz   NOT NULL,
    PRIMARY KEY (tenant_id, team)
);
--rollback DROP TABLE ai_team_setting;
