-- The command palette's search (issue 20): GET /api/search ranks exact, then prefix, then substring
-- matches of keys, slugs, names and titles, case-insensitively, and must stay fast at 50,000
-- integration points. Exact and prefix matches walk a btree over lower(…) COLLATE "C" in order (the
-- C collation makes LIKE 'abc%' a range scan whatever the database's collation, and gives the order
-- the results are listed in); substrings of three or more characters use a trigram GIN index over the
-- same expression. lib/search/search.ts writes these expressions exactly, so the planner matches them.
-- Expression indexes Prisma's schema cannot describe (like the tsvector column before them), hence
-- SQL only; pg_trgm ships with PostgreSQL and is a trusted extension since PostgreSQL 13.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "integration_points_key_lower_idx" ON "integration_points" ((lower("key") COLLATE "C"));
CREATE INDEX "integration_points_key_trgm_idx" ON "integration_points" USING GIN ((lower("key") COLLATE "C") gin_trgm_ops);

CREATE INDEX "services_slug_lower_idx" ON "services" ((lower("slug") COLLATE "C"));
CREATE INDEX "services_name_lower_idx" ON "services" ((lower("name") COLLATE "C"));
CREATE INDEX "services_search_trgm_idx" ON "services" USING GIN ((lower("slug") COLLATE "C") gin_trgm_ops, (lower("name") COLLATE "C") gin_trgm_ops);

CREATE INDEX "teams_slug_lower_idx" ON "teams" ((lower("slug") COLLATE "C"));
CREATE INDEX "teams_name_lower_idx" ON "teams" ((lower("name") COLLATE "C"));
CREATE INDEX "teams_search_trgm_idx" ON "teams" USING GIN ((lower("slug") COLLATE "C") gin_trgm_ops, (lower("name") COLLATE "C") gin_trgm_ops);

CREATE INDEX "journeys_slug_lower_idx" ON "journeys" ((lower("slug") COLLATE "C"));
CREATE INDEX "journeys_name_lower_idx" ON "journeys" ((lower("name") COLLATE "C"));
CREATE INDEX "journeys_search_trgm_idx" ON "journeys" USING GIN ((lower("slug") COLLATE "C") gin_trgm_ops, (lower("name") COLLATE "C") gin_trgm_ops);

CREATE INDEX "decision_records_title_lower_idx" ON "decision_records" ((lower("title") COLLATE "C"));
CREATE INDEX "decision_records_title_trgm_idx" ON "decision_records" USING GIN ((lower("title") COLLATE "C") gin_trgm_ops);
