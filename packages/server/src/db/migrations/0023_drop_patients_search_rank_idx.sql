-- The search no longer reads patients to rank its matches (0022: the term index holds the scope and updated_at).
DROP INDEX "patients_search_rank_idx";