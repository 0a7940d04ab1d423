-- Patient search reads the term index with no parallel workers (issue 18 "Scale", ADR 0022). A search's generic plan
-- estimates ~25,000 matching terms, and PostgreSQL then started two workers for every search — a few milliseconds
-- each, more than the scan they share, on a 2-core server that has other requests to serve (1,000,000 patients:
-- search p50 3.8 → 15 ms with them). PGlite has no parallel workers; the setting is harmless there.
ALTER TABLE "patient_search_terms" SET (parallel_workers = 0);
