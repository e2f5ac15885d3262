--liquibase formatted sql

--changeset supportflow:portal-1
--comment: the customer portal: the tenant's branding and organization-tickets switch, customers' preferences, deflections
-- the portal's colours (validated #rrggbb by the admin API) and whether customers see their organization's tickets
-- (NULL: the supportflow.portal.organization-tickets default applies)
ALTER TABLE tenant ADD COLUMN brand_primary_color varchar(7) NOT NULL DEFAULT '#2454a6';
ALTER TABLE tenant ADD COLUMN brand_text_color varchar(7) NOT NULL DEFAULT '#ffffff';
ALTER TABLE tenant ADD COLUMN portal_organization_tickets boolean;

-- a customer's portal preferences (their name is on the customer row)
CREATE TABLE portal_profile (
    customer_id        bigint      PRIMARY KEY REFERENCES customer (id),
    preferred_language varchar(2)  NOT NULL CHECK (preferred_language IN ('en', 'fr')),
    updated_at         timestamptz NOT NULL DEFAULT now()
);

-- "my tickets": a requester's and an organization's tickets, newest first
CREATE INDEX ticket_customer_idx ON ticket (tenant_id, customer_id, created_at DESC, id DESC) WHERE customer_id IS NOT NULL;
CREATE INDEX ticket_organization_idx ON ticket (tenant_id, organization_id, created_at DESC, id DESC) WHERE organization_id IS NOT NULL;

-- suggested help-centre articles while a customer writes a new ticket: SOLVED ("this solved my problem", no ticket)
-- or TICKET_CREATED (suggestions were shown, and the customer created the ticket anyway)
CREATE TABLE kb_deflection (
    id            bigserial    PRIMARY KEY,
    tenant_id     varchar(64)  NOT NULL REFERENCES tenant (id),
    customer_id   bigint       NOT NULL REFERENCES customer (id),
    outcome       varchar(16)  NOT NULL CHECK (outcome IN ('SOLVED', 'TICKET_CREATED')),
    article_slugs text[]       NOT NULL,
    query         varchar(500) NOT NULL,
    ticket_id     bigint       REFERENCES ticket (id),
    created_at    timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX kb_deflection_report_idx ON kb_deflection (tenant_id, created_at);
--rollback DROP TABLE kb_deflection; DROP INDEX ticket_organization_idx; DROP INDEX ticket_customer_idx; DROP TABLE portal_profile; ALTER TABLE tenant DROP COLUMN portal_organization_tickets; ALTER TABLE tenant DROP COLUMN brand_text_color; ALTER TABLE tenant DROP COLUMN brand_primary_color;
