--liquibase formatted sql

--changeset supportflow:customer-account-1
-- A customer's sign-in to the portal. The customer row (002) is who they are to the desk; the account is
-- how they prove it. Email is the customer's; one account per customer.
CREATE TABLE customer_account (
    id                bigserial    PRIMARY KEY,
    tenant_id         varchar(64)  NOT NULL REFERENCES tenant (id),
    customer_id       bigint       NOT NULL UNIQUE REFERENCES customer (id),
    password_hash     varchar(200),
    email_verified_at timestamptz,
    created_at        timestamptz  NOT NULL DEFAULT now(),
    -- raised on password change and sign-out everywhere: sessions and tokens of an older version stop working
    credentials_version integer    NOT NULL DEFAULT 0
);

-- Tokens for the portal API (Authorization: Bearer …). Only the SHA-256 of a token is stored.
CREATE TABLE customer_api_token (
    id            bigserial    PRIMARY KEY,
    account_id    bigint       NOT NULL REFERENCES customer_account (id) ON DELETE CASCADE,
    token_sha256  bytea        NOT NULL UNIQUE,
    name          varchar(100) NOT NULL,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    expires_at    timestamptz  NOT NULL,
    last_used_at  timestamptz
);
CREATE INDEX customer_api_token_account_idx ON customer_api_token (account_id);
--rollback DROP TABLE customer_api_token; DROP TABLE customer_account;
