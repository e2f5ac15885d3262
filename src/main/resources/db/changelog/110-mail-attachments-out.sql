--liquibase formatted sql

--changeset supportflow:mail-attachments-out-1
-- Whether a reply's files go out as MIME parts (decided once, when the mail is composed, so that a retry
-- sends the same mail); false when it has none or they are too large and the mail links to the portal.
ALTER TABLE mail_outgoing ADD COLUMN attach_files boolean NOT NULL DEFAULT false;
--rollback ALTER TABLE mail_outgoing DROP COLUMN attach_files;
