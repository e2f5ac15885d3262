--liquibase formatted sql

--changeset supportflow:history-level-activity-1
--comment: the engine's history level goes from AUDIT (2) to ACTIVITY (1): the engine refuses to start when the
--comment: level it stored differs from its configuration, so a database that ran at AUDIT is moved along.
UPDATE ACT_GE_PROPERTY SET VALUE_ = '1' WHERE NAME_ = 'historyLevel' AND VALUE_ = '2';
--rollback UPDATE ACT_GE_PROPERTY SET VALUE_ = '2' WHERE NAME_ = 'historyLevel' AND VALUE_ = '1';
