--liquibase formatted sql

--changeset supportflow:engine-job-duedate-index
--comment: job acquisition orders and filters by due date; without an index it scans every pending SLA timer
CREATE INDEX sf_idx_job_acquisition ON act_ru_job (duedate_) WHERE retries_ > 0 AND suspension_state_ = 1;
--rollback DROP INDEX sf_idx_job_acquisition;
