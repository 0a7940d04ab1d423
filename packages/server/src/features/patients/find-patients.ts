import { and, desc, eq, or, sql, type SQLWrapper } from 'drizzle-orm';
import { organizations, patients, patientSearchTerms } from '../../db/schema/index.js';
import { recordReadAudit } from '../../audit/writer.js';
import type { UseCaseContext } from '../../core/context.js';
import { prepared } from '../../db/prepared.js';
import type { Db } from '../../db/types.js';
import { todayIn } from '@gisurg/contracts';
import { can, isExternal } from '../../auth/actor.js';
import { boundPlaceholder, termInRange, toPatientDto } from './queries.js';
import type { PatientDto, PatientListFacts } from '@gisurg/contracts/patients';
import { patientFacts } from '../../core/patient-facts.js';
import { normalizeQuery, prefixRange } from './search-terms.js';
import { preparedPatientScope } from './visibility.js';

/**
 * Search patients by name characters, full pinyin, pinyin initials, inpatient number or ID number (full,
 * leading or last digits; roles with masked IDs only by the first or last 4), inpatient number (full, leading or last
 * digits), paginated. Exact matches (name, inpatient number, ID) first, then the most
 * recently updated. One audit row lists the patients shown.
 */
/** What a normalized inpatient number consists of (contracts: [0-9A-Za-z-], lower-cased, '-' dropped). */
const INPATIENT_NO_CHARS = /^[0-9a-z]+$/;

interface SearchVariant {
  /** A search (else the list of all visible patients, newest first). */
  hasQuery: boolean;
  /** The actor may match ID numbers (else masked-ID roles with a query longer than 4). */
  idMatch: boolean;
  /** Match the end of inpatient numbers: ≥ 3 characters, all of the inpatient-number alphabet. */
  suffix: boolean;
  /** Query length ≥ 4 (reversed ID digits). */
  len4: boolean;
  external: boolean;
}

/**
 * The search as one named prepared statement per variant (the shape changes with the query length and the actor's
 * kind; values are placeholders): built once per database handle and, on both engines, parsed and planned once per
 * connection (a generic plan). Prefixes are ranges on the terms' `text_pattern_ops` indexes (prefixRange), not LIKE
 * patterns, so the generic plan uses the index whatever the value (issue 18: −20 % of the search's database CPU).
 * The 100 matches are ranked on narrow rows (id, rank, updated_at) and only the page's patients are read in full.
 */
function searchQuery(db: Db, v: SearchVariant) {
  const key = `patient_search_${+v.hasQuery}${+v.idMatch}${+v.suffix}${+v.len4}${+v.external}`;
  return prepared(db, key, (d, name) => {
    const t = patientSearchTerms;
    const q = sql.placeholder('q');
    // The bounds as one-row subqueries (InitPlans), so that PostgreSQL keeps the generic plan (boundPlaceholder).
    const inRange = (term: SQLWrapper, lo: string, hi: string) => termInRange(term, boundPlaceholder(lo), boundPlaceholder(hi));
    // A search: the matching terms, each patient with its best rank, in scope, ranked and counted from the term
    // index alone — each term carries its patient's organization, referring hospital, deletion and updated_at
    // (migration 0022, kept by triggers). A short query matches thousands of patients (two initials: 25,000 of
    // 1,000,000), and reading each one's row to rank it cost ~100 ms (issue 18 "Scale"). Only the page's patients are
    // read, by primary key.
    const matches = d.$with('matches').as(
      d
        .select({
          patientId: t.patientId,
          rank: sql<number>`min(case
          when ${t.term} = ${q} and ${t.kind} in ('name','pinyin','inpatient_no','id_number') then 0
          when ${t.kind} in ('name','pinyin','initials','id_number') or (${t.kind} = 'inpatient_no' and ${inRange(t.term, 'lo', 'hi')}) then 1
          else 2 end)`.as('rank'),
          updatedAt: sql<Date>`max(${t.patientUpdatedAt})`.as('updated_at'),
        })
        .from(t)
        .where(
          and(
            sql`not ${t.patientDeleted}`,
            eq(v.external ? t.sourceOrganizationId : t.organizationId, sql.placeholder('org')),
            or(
              and(inRange(t.term, 'lo', 'hi'), sql`${t.kind} <> 'id_reversed'`, v.idMatch ? undefined : sql`${t.kind} <> 'id_number'`),
              v.len4 && v.idMatch ? and(sql`${t.kind} = 'id_reversed'`, inRange(t.term, 'rlo', 'rhi')) : undefined,
              // Last digits of the 住院号 ("0701" finds 2024100701): a suffix match over the inpatient-number
              // terms only (one per patient), from 3 characters on, as a prefix of the reversed term so that
              // patient_search_terms_inpatient_suffix_idx serves it (a scan of every term took ~0.9 s at
              // 1,000,000 patients, issue 18 "Scale"). Only for queries an inpatient number can end with.
              v.suffix ? and(sql`${t.kind} = 'inpatient_no'`, inRange(sql`reverse(${t.term})`, 'rlo', 'rhi')) : undefined,
            ),
          ),
        )
        .groupBy(t.patientId),
    );
    const page = d.$with('page').as(
      v.hasQuery
        ? d
            .select({
              id: sql<string>`${matches.patientId}`.as('page_id'),
              rank: sql<number>`${matches.rank}`.as('page_rank'),
              updatedAt: sql<Date>`${matches.updatedAt}`.as('page_updated_at'),
              total: sql<number>`count(*) over ()`.as('page_total'),
            })
            .from(matches)
            .orderBy(matches.rank, desc(matches.updatedAt), matches.patientId)
            .limit(sql.placeholder('limit'))
            .offset(sql.placeholder('offset'))
        : // The list of every visible patient, newest first: patientScope (visibility.ts) with the organization as a
          // placeholder (preparedPatientScope).
          d
            .select({
              id: sql<string>`${patients.id}`.as('page_id'),
              rank: sql<number>`0`.as('page_rank'),
              updatedAt: sql<Date>`${patients.updatedAt}`.as('page_updated_at'),
              total: sql<number>`count(*) over ()`.as('page_total'),
            })
            .from(patients)
            .where(preparedPatientScope(v.external))
            .orderBy(desc(patients.updatedAt), patients.id)
            .limit(sql.placeholder('limit'))
            .offset(sql.placeholder('offset')),
    );
    return (
      d
        .with(...(v.hasQuery ? [matches, page] : [page]))
        .select({ p: patients, sourceOrganizationName: organizations.name, total: sql<number>`${page.total}`.mapWith(Number) })
        .from(page)
        .innerJoin(patients, eq(patients.id, page.id))
        .leftJoin(organizations, eq(organizations.id, patients.sourceOrganizationId))
        // The patients' own scope again, on the page's rows (the terms' copy decides what is counted).
        .where(preparedPatientScope(v.external))
        .orderBy(page.rank, desc(page.updatedAt), page.id)
        .prepare(name)
    );
  });
}

/**
 * Search patients by name characters, full pinyin, pinyin initials, inpatient number or ID number (full,
 * leading or last digits; roles with masked IDs only by the first or last 4), inpatient number (full, leading or last
 * digits), paginated. Exact matches (name, inpatient number, ID) first, then the most
 * recently updated. One audit row lists the patients shown, committed before the page is returned.
 */
export async function findPatients(
  ctx: UseCaseContext,
  query: { q?: string | undefined; page: number; pageSize: number; with?: 'facts' | undefined },
): Promise<{ items: (PatientDto & { facts?: PatientListFacts })[]; total: number; page: number; pageSize: number }> {
  const { db, actor, meta, clock } = ctx;
  const q = normalizeQuery(query.q ?? '');
  // A query of only separators ("_", "-") matches nothing rather than everything.
  // A query of only U+10FFFF (a noncharacter, in no name) has no prefix range: nothing matches either.
  const emptyQuery = (!q && (query.q ?? '').trim() !== '') || (q !== '' && prefixRange(q).hi === null);
  // One pass over the matching search terms gives each patient its best rank: 0 exact name / 住院号 / ID /
  // full pinyin; 1 prefix of the whole name or number; 2 given name or last ID / inpatient-number digits.
  // Roles that see masked ID numbers (first and last 4 characters) may search by what they can see, never by
  // a longer part: otherwise a full 身份证 number would confirm who a patient is (issue 17 failure 8).
  const idMatch = can(actor, 'patient:read_id') || q.length <= 4;
  const stmt = searchQuery(db, {
    hasQuery: Boolean(q),
    idMatch,
    suffix: q.length >= 3 && INPATIENT_NO_CHARS.test(q),
    len4: q.length >= 4,
    external: isExternal(actor),
  });
  const range = prefixRange(q);
  const reversed = prefixRange([...q].reverse().join(''));
  const params = { q, lo: range.lo, hi: range.hi, rlo: reversed.lo, rhi: reversed.hi, org: actor.organizationId };
  type Row = Awaited<ReturnType<typeof stmt.execute>>[number];
  const page = (limit: number, offset: number): Promise<Row[]> =>
    emptyQuery ? Promise.resolve([]) : stmt.execute({ ...params, limit, offset });
  const rows = await page(query.pageSize, (query.page - 1) * query.pageSize);
  // Past the last page there is no row to carry the window count: read it from the first row.
  const total = rows[0]?.total ?? (query.page > 1 ? ((await page(1, 0))[0]?.total ?? 0) : 0);
  const today = todayIn(ctx.timeZone, clock.now());
  await recordReadAudit(db, meta, actor, {
    action: 'patient.list',
    outcome: 'success',
    resourceType: 'patient',
    details: { patientIds: rows.map((r) => r.p.id), total, page: query.page, hasQuery: Boolean(q) },
  });
  // The list page's extra columns, from the features that know them (the search box does not ask).
  const facts =
    query.with === 'facts'
      ? await patientFacts(
          db,
          rows.map((r) => r.p.id),
        )
      : null;
  return {
    items: rows.map((r) => {
      const dto = toPatientDto({ ...r.p, sourceOrganizationName: r.sourceOrganizationName }, actor, today);
      const f = facts?.get(r.p.id);
      return f ? { ...dto, facts: f } : dto;
    }),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
