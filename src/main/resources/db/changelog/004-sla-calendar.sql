--liquibase formatted sql

--changeset supportflow:sla-calendar-1
--comment: business calendars for SLA due dates: a tenant default (team NULL) and at most one override per team
CREATE TABLE business_calendar (
    id         bigserial    PRIMARY KEY,
    tenant_id  varchar(64)  NOT NULL REFERENCES tenant (id),
    name       varchar(100) NOT NULL,
    time_zone  varchar(64)  NOT NULL,
    team       varchar(64),
    created_at timestamptz  NOT NULL DEFAULT now(),
    updated_at timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT business_calendar_name_uq UNIQUE (tenant_id, name)
);
CREATE UNIQUE INDEX business_calendar_default_uq ON business_calendar (tenant_id) WHERE team IS NULL;
CREATE UNIQUE INDEX business_calendar_team_uq ON business_calendar (tenant_id, team) WHERE team IS NOT NULL;

-- Opening hours [start_time, end_time) in the calendar's time zone; day_of_week 1 = Monday … 7 = Sunday (ISO).
-- The end of the day is PostgreSQL's time '24:00', which sorts after every other time, so start < end holds
-- for every interval including 00:00–24:00. Overlaps are refused by the application.
CREATE TABLE business_calendar_interval (
    calendar_id bigint   NOT NULL REFERENCES business_calendar (id) ON DELETE CASCADE,
    day_of_week smallint NOT NULL,
    start_time  time     NOT NULL,
    end_time    time     NOT NULL,
    PRIMARY KEY (calendar_id, day_of_week, start_time),
    CONSTRAINT business_calendar_interval_day_ck CHECK (day_of_week BETWEEN 1 AND 7),
    CONSTRAINT business_calendar_interval_ck CHECK (start_time < end_time AND end_time <= time '24:00')
);

-- A holiday closes the whole local date; a yearly one recurs every year on the month and day of holiday_date.
CREATE TABLE business_calendar_holiday (
    calendar_id  bigint       NOT NULL REFERENCES business_calendar (id) ON DELETE CASCADE,
    holiday_date date         NOT NULL,
    yearly       boolean      NOT NULL DEFAULT false,
    name         varchar(100),
    PRIMARY KEY (calendar_id, holiday_date)
);

-- The default calendar of tenant 'default': "Standard hours", Monday to Friday 09:00–17:00 in UTC (not in a
-- local zone on purpose: an installation sets its own zone, hours and holidays through /api/v1/admin/calendars).
INSERT INTO business_calendar (tenant_id, name, time_zone) VALUES ('default', 'Standard hours', 'UTC');
INSERT INTO business_calendar_interval (calendar_id, day_of_week, start_time, end_time)
SELECT c.id, d, time '09:00', time '17:00'
FROM business_calendar c CROSS JOIN generate_series(1, 5) AS d
WHERE c.tenant_id = 'default' AND c.team IS NULL;
--rollback DROP TABLE business_calendar_holiday; DROP TABLE business_calendar_interval; DROP TABLE business_calendar;
