--liquibase formatted sql

--changeset supportflow:mail-outbox-1
-- Mail that other capabilities send (account mails have no ticket; surveys do), deduplicated by a key
-- that the sender chooses, so that an event seen twice never mails twice.
ALTER TABLE mail_outgoing ALTER COLUMN ticket_id DROP NOT NULL;
ALTER TABLE mail_outgoing ADD COLUMN dedupe_key varchar(200);
CREATE UNIQUE INDEX mail_outgoing_dedupe_uq ON mail_outgoing (dedupe_key) WHERE dedupe_key IS NOT NULL;
--rollback DROP INDEX mail_outgoing_dedupe_uq; ALTER TABLE mail_outgoing DROP COLUMN dedupe_key;
