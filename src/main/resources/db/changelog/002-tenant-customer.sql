--liquibase formatted sql

--changeset supportflow:tenant-1
CREATE TABLE tenant (
    id            varchar(64)  PRIMARY KEY,
    name          varchar(200) NOT NULL,
    number_format varchar(64)  NOT NULL,
    created_at    timestamptz  NOT NULL DEFAULT now()
);
INSERT INTO tenant (id, name, number_format) VALUES ('default', 'SupportFlow', 'SUP-{yyyy}-{seq:6}');

--changeset supportflow:customer-1
CREATE TABLE organization (
    id         bigserial    PRIMARY KEY,
    tenant_id  varchar(64)  NOT NULL REFERENCES tenant (id),
    name       varchar(200) NOT NULL,
    domain     varchar(253),
    tier       varchar(32)  NOT NULL DEFAULT 'STANDARD',
    created_at timestamptz  NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, name)
);
CREATE TABLE customer (
    id              bigserial    PRIMARY KEY,
    tenant_id       varchar(64)  NOT NULL REFERENCES tenant (id),
    organization_id bigint       REFERENCES organization (id),
    name            varchar(200) NOT NULL,
    email           varchar(254) NOT NULL,
    created_at      timestamptz  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX customer_email_uq ON customer (tenant_id, lower(email));
