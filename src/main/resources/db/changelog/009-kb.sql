--liquibase formatted sql

--changeset supportflow:kb-1
--comment: knowledge base: categories and articles (Markdown source, sanitised HTML, language-aware full-text search)
CREATE TABLE kb_category (
    id         bigserial    PRIMARY KEY,
    tenant_id  varchar(64)  NOT NULL REFERENCES tenant (id),
    name       varchar(100) NOT NULL,
    position   integer      NOT NULL DEFAULT 0,
    CONSTRAINT kb_category_name_uq UNIQUE (tenant_id, name)
);

CREATE TABLE kb_article (
    id            bigserial    PRIMARY KEY,
    tenant_id     varchar(64)  NOT NULL REFERENCES tenant (id),
    category_id   bigint       REFERENCES kb_category (id),
    slug          varchar(120) NOT NULL,
    title         varchar(200) NOT NULL,
    body_markdown text         NOT NULL,
    body_html     text         NOT NULL,
    body_text     text         NOT NULL,
    tags          text[]       NOT NULL DEFAULT '{}',
    language      varchar(2)   NOT NULL,
    visibility    varchar(8)   NOT NULL,
    status        varchar(9)   NOT NULL,
    author        varchar(64)  NOT NULL,
    created_at    timestamptz  NOT NULL,
    updated_at    timestamptz  NOT NULL,
    published_at  timestamptz,
    -- title weighs most, then tags, then the body; stemmed in the article's own language
    search_vector tsvector     GENERATED ALWAYS AS (
        setweight(to_tsvector(CASE language WHEN 'fr' THEN 'french'::regconfig ELSE 'english'::regconfig END, title), 'A') ||
        setweight(to_tsvector(CASE language WHEN 'fr' THEN 'french'::regconfig ELSE 'english'::regconfig END,
                              coalesce(tags[1], '') || ' ' || coalesce(tags[2], '') || ' ' || coalesce(tags[3], '') || ' ' ||
                              coalesce(tags[4], '') || ' ' || coalesce(tags[5], '')), 'B') ||
        setweight(to_tsvector(CASE language WHEN 'fr' THEN 'french'::regconfig ELSE 'english'::regconfig END, left(body_text, 100000)), 'C')
    ) STORED,
    CONSTRAINT kb_article_slug_uq UNIQUE (tenant_id, slug),
    CONSTRAINT kb_article_language_ck CHECK (language IN ('en', 'fr')),
    CONSTRAINT kb_article_visibility_ck CHECK (visibility IN ('PUBLIC', 'INTERNAL')),
    CONSTRAINT kb_article_status_ck CHECK (status IN ('DRAFT', 'PUBLISHED'))
);
CREATE INDEX kb_article_search_idx ON kb_article USING gin (search_vector);
CREATE INDEX kb_article_list_idx ON kb_article (tenant_id, updated_at DESC, id DESC);
