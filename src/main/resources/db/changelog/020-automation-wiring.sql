--liquibase formatted sql

--changeset supportflow:routing-1
--comment: per-team assignment strategy; last_agent is the round-robin cursor, updated under the row lock (SELECT ... FOR UPDATE), so concurrent assignments in one team queue up instead of racing
CREATE TABLE routing_team (
    tenant_id  varchar(64) NOT NULL REFERENCES tenant (id),
    team       varchar(64) NOT NULL,
    strategy   varchar(16) NOT NULL,
    last_agent varchar(64),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, team),
    CONSTRAINT routing_team_strategy_ck CHECK (strategy IN ('MANUAL', 'ROUND_ROBIN', 'LEAST_LOADED', 'SKILLS'))
);

-- agents' availability and skills for assignment; an agent without a row is available with no skills
CREATE TABLE routing_agent (
    tenant_id  varchar(64) NOT NULL REFERENCES tenant (id),
    agent_id   varchar(64) NOT NULL,
    available  boolean     NOT NULL DEFAULT true,
    skills     text[]      NOT NULL DEFAULT '{}',
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, agent_id)
);
--rollback DROP TABLE routing_agent; DROP TABLE routing_team;

--changeset supportflow:macro-1
--comment: macros: a message template and field changes that agents apply to a ticket in one step; the definition as JSON
CREATE TABLE macro (
    id         bigserial    PRIMARY KEY,
    tenant_id  varchar(64)  NOT NULL REFERENCES tenant (id),
    name       varchar(100) NOT NULL,
    definition jsonb        NOT NULL,
    created_at timestamptz  NOT NULL DEFAULT now(),
    updated_at timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT macro_name_uq UNIQUE (tenant_id, name)
);
--rollback DROP TABLE macro;
