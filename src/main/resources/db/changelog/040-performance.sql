--liquibase formatted sql

--changeset supportflow:btree-gin
--comment: btree_gin lets one GIN index hold plain columns beside the search vector (a trusted extension: the database owner may create it)
CREATE EXTENSION IF NOT EXISTS btree_gin;
--rollback DROP EXTENSION IF EXISTS btree_gin;

--changeset supportflow:ticket-search-team-priority-idx
--comment: a search with a priority (or team) filter used to fetch every ticket that matches the words and drop most of them on the heap (about 5,000 heap blocks per word at 1M tickets); with team and priority in the same GIN index it reads only the matching ones. A GIN index serves any subset of its columns equally well, so it replaces the plain search index.
CREATE INDEX ticket_search_team_priority_idx ON ticket USING gin (team, priority, search_vector);
DROP INDEX ticket_search_idx;
--rollback CREATE INDEX ticket_search_idx ON ticket USING gin (search_vector);
--rollback DROP INDEX ticket_search_team_priority_idx;

--changeset supportflow:job-due-date-not-null
--comment: the engine runs with ensureJobDueDateNotNull (application.yml) and no longer acquires jobs without a due date; jobs created before that get their creation time, so they stay first in line
UPDATE act_ru_job SET duedate_ = coalesce(create_time_, now()) WHERE duedate_ IS NULL;
--rollback SELECT 1;
