--liquibase formatted sql

--changeset supportflow:ticket-link-split
--comment: a split links the original (SPLIT_INTO) and the new ticket (SPLIT_FROM)
ALTER TABLE ticket_link DROP CONSTRAINT ticket_link_kind_check;
ALTER TABLE ticket_link ADD CONSTRAINT ticket_link_kind_check
    CHECK (kind IN ('MERGED_FROM', 'MERGED_INTO', 'RELATED', 'SPLIT_INTO', 'SPLIT_FROM'));
--rollback ALTER TABLE ticket_link DROP CONSTRAINT ticket_link_kind_check;
--rollback ALTER TABLE ticket_link ADD CONSTRAINT ticket_link_kind_check CHECK (kind IN ('MERGED_FROM', 'MERGED_INTO', 'RELATED'));

--changeset supportflow:scheduled-reply
--comment: a public reply an agent scheduled; the timer lives in its processes/scheduled-reply.bpmn instance
CREATE TABLE scheduled_reply (
    id                  bigserial    PRIMARY KEY,
    ticket_id           bigint       NOT NULL REFERENCES ticket (id),
    author_id           varchar(64)  NOT NULL,
    author_name         varchar(200) NOT NULL,
    body                text         NOT NULL,
    send_at             timestamptz  NOT NULL,
    state               varchar(16)  NOT NULL CHECK (state IN ('SCHEDULED', 'SENT', 'CANCELLED', 'FAILED')),
    failure             varchar(500),
    process_instance_id varchar(64),
    message_id          bigint       REFERENCES ticket_message (id),
    created_at          timestamptz  NOT NULL,
    updated_at          timestamptz  NOT NULL
);
CREATE INDEX scheduled_reply_ticket_idx ON scheduled_reply (ticket_id, send_at, id);
--rollback DROP TABLE scheduled_reply;
