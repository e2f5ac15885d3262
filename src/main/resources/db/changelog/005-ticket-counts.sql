--liquibase formatted sql

--changeset supportflow:ticket-counts-idx
--comment: the inbox count badges (GET /api/v1/tickets/counts) count a team's not-final tickets by status; with this index that is an index-only scan of the team's open part instead of a visit to every row (TicketQueries.counts uses the same status list, as a literal, so the planner can match the predicate)
CREATE INDEX ticket_counts_idx ON ticket (tenant_id, team, status)
    WHERE status IN ('NEW', 'OPEN', 'IN_PROGRESS', 'WAITING_ON_CUSTOMER', 'WAITING_ON_THIRD_PARTY', 'RESOLVED');
--rollback DROP INDEX ticket_counts_idx;
