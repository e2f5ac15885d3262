--liquibase formatted sql

--changeset supportflow:mail-1
--comment: inbound mail: messages that could not be parsed (kept raw with the error), and the Message-IDs each mailbox has seen
CREATE TABLE mail_dead_letter (
    id          bigserial    PRIMARY KEY,
    mailbox     varchar(320) NOT NULL,
    received_at timestamptz  NOT NULL DEFAULT now(),
    raw         bytea        NOT NULL,
    error       text         NOT NULL
);
CREATE INDEX mail_dead_letter_received_idx ON mail_dead_letter (received_at);

CREATE TABLE mail_inbound_seen (
    mailbox       varchar(320)  NOT NULL,
    message_id    varchar(998)  NOT NULL,
    first_seen_at timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (mailbox, message_id)
);
--rollback DROP TABLE mail_inbound_seen; DROP TABLE mail_dead_letter;
