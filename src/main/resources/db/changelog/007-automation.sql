--liquibase formatted sql

--changeset supportflow:automation-1
--comment: automation rules that admins define; evaluated in position order; the definition (trigger, match, conditions, actions) as JSON
CREATE TABLE automation_rule (
    id         bigserial    PRIMARY KEY,
    tenant_id  varchar(64)  NOT NULL REFERENCES tenant (id),
    name       varchar(100) NOT NULL,
    enabled    boolean      NOT NULL DEFAULT true,
    position   integer      NOT NULL,
    definition jsonb        NOT NULL,
    created_at timestamptz  NOT NULL DEFAULT now(),
    updated_at timestamptz  NOT NULL DEFAULT now(),
    version    integer      NOT NULL DEFAULT 0,
    CONSTRAINT automation_rule_name_uq UNIQUE (tenant_id, name)
);
CREATE INDEX automation_rule_position_ix ON automation_rule (tenant_id, position, id);
--rollback DROP TABLE automation_rule;
