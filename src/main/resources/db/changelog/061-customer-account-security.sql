--liquibase formatted sql

--changeset supportflow:customer-account-security-1
-- Two-factor sign-in (RFC 6238 TOTP): the confirmed secret, the secret of an enrolment still waiting for its
-- first code, and the last time step a code was accepted for (a code is never accepted twice).
ALTER TABLE customer_account ADD COLUMN totp_secret bytea;
ALTER TABLE customer_account ADD COLUMN totp_pending_secret bytea;
ALTER TABLE customer_account ADD COLUMN totp_enabled_at timestamptz;
ALTER TABLE customer_account ADD COLUMN totp_last_step bigint NOT NULL DEFAULT 0;

-- One-time recovery codes for a lost authenticator: only their SHA-256 is stored.
CREATE TABLE customer_recovery_code (
    id          bigserial   PRIMARY KEY,
    account_id  bigint      NOT NULL REFERENCES customer_account (id) ON DELETE CASCADE,
    code_sha256 bytea       NOT NULL,
    used_at     timestamptz,
    UNIQUE (account_id, code_sha256)
);

-- Links mailed to the customer (email verification, password reset): single use, expiring; only the
-- SHA-256 of the link's token is stored. A sign-up's chosen password waits here until the address is proven.
CREATE TABLE customer_account_link (
    id            bigserial    PRIMARY KEY,
    account_id    bigint       NOT NULL REFERENCES customer_account (id) ON DELETE CASCADE,
    purpose       varchar(16)  NOT NULL CHECK (purpose IN ('VERIFY_EMAIL', 'RESET_PASSWORD')),
    token_sha256  bytea        NOT NULL UNIQUE,
    password_hash varchar(200),
    created_at    timestamptz  NOT NULL DEFAULT now(),
    expires_at    timestamptz  NOT NULL,
    used_at       timestamptz
);
CREATE INDEX customer_account_link_account_idx ON customer_account_link (account_id, purpose);

-- Sign-in through an OpenID Connect provider: the provider's subject, linked to the account by its verified email.
CREATE TABLE customer_account_identity (
    id              bigserial    PRIMARY KEY,
    account_id      bigint       NOT NULL REFERENCES customer_account (id) ON DELETE CASCADE,
    registration_id varchar(100) NOT NULL,
    issuer          varchar(500) NOT NULL,
    subject         varchar(255) NOT NULL,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    UNIQUE (issuer, subject)
);
CREATE INDEX customer_account_identity_account_idx ON customer_account_identity (account_id);

-- Failed attempts (sign-in, token, second factor, password reset) per account and per client address,
-- shared by every node: a counter per key in a fixed window, and a lock until a time once it reaches the limit.
CREATE TABLE customer_auth_throttle (
    throttle_key  varchar(400) PRIMARY KEY,
    failures      integer      NOT NULL,
    window_start  timestamptz  NOT NULL,
    locked_until  timestamptz
);
--rollback DROP TABLE customer_auth_throttle; DROP TABLE customer_account_identity; DROP TABLE customer_account_link;
--rollback DROP TABLE customer_recovery_code;
--rollback ALTER TABLE customer_account DROP COLUMN totp_secret, DROP COLUMN totp_pending_secret, DROP COLUMN totp_enabled_at, DROP COLUMN totp_last_step;
