--liquibase formatted sql

--changeset supportflow:ticket-link-split
--comment: a split links the original (SPLIT_INTO) and the new ticket (SPLIT_FROM)
ALTER TABLE ticket_link DROP CONSTRAINT ticket_link_kind_check;
ALTER TABLE ticket_link ADD CONSTRAINT ticket_link_kind_check
    CHECK (kind IN ('MERGED_FROM', 'MERGED_INTO', 'RELATED', 'SPLIT_INTO', 'SPLIT_FROM'));
--rollback ALTER TABLE ticket_link DROP CONSTRAINT ticket_link_kind_check;
--rollback ALTER TABLE ticket_link ADD CONSTRAINT ticket_link_kind_check CHECK (kind IN ('MERGED_FROM', 'MERGED_INTO', 'RELATED'));
