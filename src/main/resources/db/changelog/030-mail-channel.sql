--liquibase formatted sql

--changeset supportflow:mail-channel-1
--comment: the email channel: every inbound message kept raw with what became of it, and every outgoing mail with its stable Message-ID
CREATE TABLE mail_inbound (
    id                bigserial     PRIMARY KEY,
    mailbox           varchar(320)  NOT NULL,
    message_id        varchar(998)  NOT NULL,
    classification    varchar(16)   NOT NULL,
    outcome           varchar(16)   NOT NULL,
    reason            text,
    ticket_id         bigint        REFERENCES ticket (id),
    ticket_message_id bigint,
    sender            varchar(320),
    raw               bytea         NOT NULL,
    received_at       timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT mail_inbound_outcome_check CHECK (outcome IN ('TICKET_CREATED', 'REPLY_ADDED', 'IGNORED'))
);
CREATE INDEX mail_inbound_message_id_idx ON mail_inbound (message_id) WHERE ticket_id IS NOT NULL;
CREATE INDEX mail_inbound_ticket_idx ON mail_inbound (ticket_id);

CREATE TABLE mail_outgoing (
    id                bigserial     PRIMARY KEY,
    ticket_id         bigint        NOT NULL REFERENCES ticket (id),
    ticket_message_id bigint,
    kind              varchar(32)   NOT NULL,
    message_id        varchar(998)  NOT NULL UNIQUE,
    recipient         varchar(320)  NOT NULL,
    reply_to          varchar(320)  NOT NULL,
    subject           text          NOT NULL,
    in_reply_to       varchar(998),
    thread_references text,
    body_text         text          NOT NULL,
    body_html         text          NOT NULL,
    status            varchar(16)   NOT NULL DEFAULT 'PENDING',
    created_at        timestamptz   NOT NULL DEFAULT now(),
    sent_at           timestamptz,
    CONSTRAINT mail_outgoing_status_check CHECK (status IN ('PENDING', 'SENT'))
);
CREATE INDEX mail_outgoing_ticket_idx ON mail_outgoing (ticket_id);
-- one mail per stored message and one acknowledgement per ticket, however often the event is seen
CREATE UNIQUE INDEX mail_outgoing_message_uq ON mail_outgoing (ticket_message_id) WHERE ticket_message_id IS NOT NULL;
CREATE UNIQUE INDEX mail_outgoing_acknowledgement_uq ON mail_outgoing (ticket_id) WHERE kind = 'ACKNOWLEDGEMENT';
-- acknowledgements per address and day (mail-loop cap)
CREATE INDEX mail_outgoing_acknowledged_idx ON mail_outgoing (lower(recipient), created_at) WHERE kind = 'ACKNOWLEDGEMENT';
--rollback DROP TABLE mail_outgoing; DROP TABLE mail_inbound;

--changeset supportflow:mail-channel-2
--comment: attachments of inbound mail: metadata here, bytes in the attachment storage under a random key
CREATE TABLE mail_attachment (
    id                bigserial     PRIMARY KEY,
    ticket_id         bigint        NOT NULL REFERENCES ticket (id),
    ticket_message_id bigint,
    file_name         varchar(255)  NOT NULL,
    content_type      varchar(255)  NOT NULL,
    size_bytes        bigint        NOT NULL,
    inline            boolean       NOT NULL DEFAULT false,
    storage_key       varchar(64)   NOT NULL UNIQUE,
    created_at        timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX mail_attachment_ticket_idx ON mail_attachment (ticket_id);
--rollback DROP TABLE mail_attachment;
