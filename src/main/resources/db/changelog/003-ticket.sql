--liquibase formatted sql

--changeset supportflow:ticket-1
CREATE TABLE ticket_counter (
    tenant_id  varchar(64) NOT NULL REFERENCES tenant (id),
    period     varchar(8)  NOT NULL,
    last_value bigint      NOT NULL,
    PRIMARY KEY (tenant_id, period)
);

CREATE TABLE ticket_category (
    tenant_id varchar(64)  NOT NULL REFERENCES tenant (id),
    code      varchar(50)  NOT NULL,
    name      varchar(100) NOT NULL,
    builtin   boolean      NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, code)
);
INSERT INTO ticket_category (tenant_id, code, name, builtin) VALUES
    ('default', 'general', 'General', true),
    ('default', 'billing', 'Billing', true),
    ('default', 'technical', 'Technical', true),
    ('default', 'account', 'Account', true),
    ('default', 'feature_request', 'Feature request', true);

CREATE TABLE custom_field (
    tenant_id varchar(64)  NOT NULL REFERENCES tenant (id),
    key       varchar(50)  NOT NULL,
    label     varchar(100) NOT NULL,
    type      varchar(16)  NOT NULL CHECK (type IN ('TEXT', 'NUMBER', 'BOOLEAN', 'DATE', 'SELECT')),
    options   text[]       NOT NULL DEFAULT '{}',
    required  boolean      NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, key)
);

CREATE TABLE ticket (
    id                    bigserial    PRIMARY KEY,
    tenant_id             varchar(64)  NOT NULL REFERENCES tenant (id),
    number                varchar(40)  NOT NULL,
    subject               varchar(250) NOT NULL,
    description           text         NOT NULL,
    requester_name        varchar(200) NOT NULL,
    requester_email       varchar(254) NOT NULL,
    customer_id           bigint       REFERENCES customer (id),
    organization_id       bigint       REFERENCES organization (id),
    channel               varchar(16)  NOT NULL,
    status                varchar(32)  NOT NULL,
    priority              varchar(16)  NOT NULL,
    priority_rank         smallint     GENERATED ALWAYS AS (CASE priority
                                           WHEN 'CRITICAL' THEN 5 WHEN 'URGENT' THEN 4 WHEN 'HIGH' THEN 3
                                           WHEN 'MEDIUM' THEN 2 ELSE 1 END) STORED,
    category              varchar(50)  NOT NULL,
    tags                  text[]       NOT NULL DEFAULT '{}',
    custom_fields         jsonb        NOT NULL DEFAULT '{}',
    team                  varchar(64),
    assignee              varchar(64),
    process_instance_id   varchar(64),
    snoozed_until         timestamptz,
    merged_into_id        bigint       REFERENCES ticket (id),
    first_response_due_at timestamptz,
    first_responded_at    timestamptz,
    response_due_at       timestamptz,
    response_breached_at  timestamptz,
    resolved_at           timestamptz,
    closed_at             timestamptz,
    created_at            timestamptz  NOT NULL,
    updated_at            timestamptz  NOT NULL,
    search_vector         tsvector     GENERATED ALWAYS AS (to_tsvector('simple'::regconfig,
                                           number || ' ' || subject || ' ' || requester_name || ' ' ||
                                           requester_email || ' ' || left(description, 20000))) STORED,
    CONSTRAINT ticket_number_uq UNIQUE (tenant_id, number),
    CONSTRAINT ticket_status_ck CHECK (status IN ('NEW', 'OPEN', 'IN_PROGRESS', 'WAITING_ON_CUSTOMER',
                                                  'WAITING_ON_THIRD_PARTY', 'RESOLVED', 'CLOSED', 'CANCELLED')),
    CONSTRAINT ticket_priority_ck CHECK (priority IN ('LOW', 'MEDIUM', 'HIGH', 'URGENT', 'CRITICAL'))
);
-- the agents' inbox: a team's open queue, most urgent first, oldest first within a priority
CREATE INDEX ticket_team_queue_idx ON ticket (tenant_id, team, priority_rank DESC, created_at, id)
    WHERE status IN ('NEW', 'OPEN', 'IN_PROGRESS');
CREATE INDEX ticket_assignee_idx ON ticket (tenant_id, assignee, priority_rank DESC, created_at, id);
CREATE INDEX ticket_status_idx ON ticket (tenant_id, status, priority_rank DESC, created_at, id);
CREATE INDEX ticket_created_idx ON ticket (tenant_id, created_at, id);
CREATE INDEX ticket_updated_idx ON ticket (tenant_id, updated_at, id);
CREATE INDEX ticket_requester_idx ON ticket (tenant_id, lower(requester_email));
CREATE INDEX ticket_tags_idx ON ticket USING gin (tags);
CREATE INDEX ticket_search_idx ON ticket USING gin (search_vector);
CREATE INDEX ticket_merged_into_idx ON ticket (merged_into_id) WHERE merged_into_id IS NOT NULL;

CREATE TABLE ticket_message (
    id          bigserial    PRIMARY KEY,
    ticket_id   bigint       NOT NULL REFERENCES ticket (id),
    author_type varchar(16)  NOT NULL CHECK (author_type IN ('AGENT', 'CUSTOMER', 'SYSTEM')),
    author_id   varchar(254),
    author_name varchar(200) NOT NULL,
    internal    boolean      NOT NULL,
    body_html   text         NOT NULL,
    body_text   text         NOT NULL,
    created_at  timestamptz  NOT NULL
);
CREATE INDEX ticket_message_ticket_idx ON ticket_message (ticket_id, created_at, id);

CREATE TABLE ticket_link (
    ticket_id        bigint      NOT NULL REFERENCES ticket (id),
    linked_ticket_id bigint      NOT NULL REFERENCES ticket (id),
    kind             varchar(16) NOT NULL CHECK (kind IN ('MERGED_FROM', 'MERGED_INTO', 'RELATED')),
    created_at       timestamptz NOT NULL,
    PRIMARY KEY (ticket_id, linked_ticket_id, kind)
);

CREATE TABLE ticket_activity (
    id         bigserial    PRIMARY KEY,
    ticket_id  bigint       NOT NULL REFERENCES ticket (id),
    actor_type varchar(16)  NOT NULL CHECK (actor_type IN ('AGENT', 'CUSTOMER', 'SYSTEM')),
    actor      varchar(254) NOT NULL,
    action     varchar(64)  NOT NULL,
    field      varchar(64),
    old_value  text,
    new_value  text,
    created_at timestamptz  NOT NULL
);
CREATE INDEX ticket_activity_ticket_idx ON ticket_activity (ticket_id, id);

--changeset supportflow:ticket-activity-append-only splitStatements:false
--comment: the activity log is evidence: the database itself refuses to change or remove it
CREATE FUNCTION ticket_activity_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'ticket_activity is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER ticket_activity_no_update_delete BEFORE UPDATE OR DELETE ON ticket_activity
    FOR EACH ROW EXECUTE FUNCTION ticket_activity_append_only();
CREATE TRIGGER ticket_activity_no_truncate BEFORE TRUNCATE ON ticket_activity
    FOR EACH STATEMENT EXECUTE FUNCTION ticket_activity_append_only();
