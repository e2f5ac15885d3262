--liquibase formatted sql

--changeset supportflow:language-1
--comment: a language per customer (owned by the customer capability) and per ticket, used for every mail to the customer
-- ISO 639-1; NULL: not known yet. The portal profile's preferred language moves here, and its table goes.
ALTER TABLE customer ADD COLUMN language varchar(2) CHECK (language ~ '^[a-z]{2}$');
UPDATE customer c SET language = p.preferred_language FROM portal_profile p WHERE p.customer_id = c.id;
DROP TABLE portal_profile;
-- set when the ticket is created (explicit, else the customer's, else guessed from the text, else the default);
-- NULL only on tickets older than this change, whose mails use the configured language
ALTER TABLE ticket ADD COLUMN language varchar(2) CHECK (language ~ '^[a-z]{2}$');
--rollback CREATE TABLE portal_profile (customer_id bigint PRIMARY KEY REFERENCES customer (id), preferred_language varchar(2) NOT NULL CHECK (preferred_language IN ('en', 'fr')), updated_at timestamptz NOT NULL DEFAULT now()); INSERT INTO portal_profile (customer_id, preferred_language) SELECT id, language FROM customer WHERE language IN ('en', 'fr'); ALTER TABLE ticket DROP COLUMN language; ALTER TABLE customer DROP COLUMN language;
