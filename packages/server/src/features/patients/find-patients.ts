import { and, desc, eq, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { organizations, patients, patientSearchTerms } from '../../db/schema/index.js';
import { recordReadAudit } from '../../audit/writer.js';
import type { UseCaseContext } from '../../core/context.js';
import { prepared } from '../../db/prepared.js';
import type { Db } from '../../db/types.js';
import { todayIn } from '@gisurg/contracts';
import { can, isExternal } from '../../auth/actor.js';
import { boundPlaceholder, termInRange, toPatientDto } from './queries.js';
import { PATIENT_SEARCH_COUNT_CAP, type PatientDto, type PatientListFacts } from '@gisurg/contracts/patients';
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

type InRange = (term: SQLWrapper, lo: string, hi: string) => SQL;

/** The bounds as one-row subqueries (InitPlans), so that PostgreSQL keeps the generic plan (boundPlaceholder). */
const inRange: InRange = (term, lo, hi) => termInRange(term, boundPlaceholder(lo), boundPlaceholder(hi));

/** A matching term's rank: 0 exact name / 住院号 / ID / full pinyin; 1 prefix of the whole name or number; 2 the rest. */
function rankOf(range: InRange): SQL {
  const t = patientSearchTerms;
  return sql`case
          when ${t.term} = ${sql.placeholder('q')} and ${t.kind} in ('name','pinyin','inpatient_no','id_number') then 0
          when ${t.kind} in ('name','pinyin','initials','id_number') or (${t.kind} = 'inpatient_no' and ${range(t.term, 'lo', 'hi')}) then 1
          else 2 end`;
}

/**
 * The search terms that match the query, in the actor's scope — each term carries its patient's organization,
 * referring hospital, deletion and updated_at (migration 0022, kept by triggers), so the term index alone answers.
 */
function termMatch(v: SearchVariant, range: InRange): SQL | undefined {
  const t = patientSearchTerms;
  return and(
    sql`not ${t.patientDeleted}`,
    eq(v.external ? t.sourceOrganizationId : t.organizationId, sql.placeholder('org')),
    or(
      and(range(t.term, 'lo', 'hi'), sql`${t.kind} <> 'id_reversed'`, v.idMatch ? undefined : sql`${t.kind} <> 'id_number'`),
      v.len4 && v.idMatch ? and(sql`${t.kind} = 'id_reversed'`, range(t.term, 'rlo', 'rhi')) : undefined,
      // Last digits of the 住院号 ("0701" finds 2024100701): a suffix match over the inpatient-number
      // terms only (one per patient), from 3 characters on, as a prefix of the reversed term so that
      // patient_search_terms_inpatient_suffix_idx serves it (a scan of every term took ~0.9 s at
      // 1,000,000 patients, issue 18 "Scale"). Only for queries an inpatient number can end with.
      v.suffix ? and(sql`${t.kind} = 'inpatient_no'`, range(sql`reverse(${t.term})`, 'rlo', 'rhi')) : undefined,
    ),
  );
}

/** Matching terms per patient topQuery's first k terms allow for (findPatients). */
const TERMS_PER_PATIENT = 4;

/** Matching terms read to count a search's patients; past it (and PATIENT_SEARCH_COUNT_CAP patients) "at least". */
const COUNT_TERMS = TERMS_PER_PATIENT * PATIENT_SEARCH_COUNT_CAP;

/**
 * The usual search (issue 18 "Scale", ADR 0022): the page from the matching terms themselves, not from every matching
 * patient grouped and counted. `top` is the first k terms in the page's order (rank, updated_at desc, patient id) —
 * a top-k sort over the term index, no grouping; each patient's first term there is its best rank, so the distinct
 * patients of `top` are exactly the first ones of the whole ranking (`best`). The count reads at most COUNT_TERMS
 * terms. findPatients checks that `top` held enough patients for the page and that the count is exact or over the
 * cap, and otherwise asks searchQuery (exact, slower).
 */
function topQuery(db: Db, v: SearchVariant) {
  const key = `patient_search_top_${+v.idMatch}${+v.suffix}${+v.len4}${+v.external}`;
  return prepared(db, key, (d, name) => {
    const t = patientSearchTerms;
    const top = d.$with('top').as(
      d
        .select({
          patientId: sql<string>`${t.patientId}`.as('top_patient_id'),
          rank: sql<number>`${rankOf(inRange)}`.as('top_rank'),
          updatedAt: sql<Date>`${t.patientUpdatedAt}`.as('top_updated_at'),
        })
        .from(t)
        .where(termMatch(v, inRange))
        .orderBy(sql`2`, sql`3 desc`, sql`1`)
        .limit(sql.placeholder('k')),
    );
    const best = d.$with('best').as(
      d
        .selectDistinctOn([top.patientId], { id: sql<string>`${top.patientId}`.as('best_id'), rank: top.rank, updatedAt: top.updatedAt })
        .from(top)
        .orderBy(top.patientId, top.rank),
    );
    const page = d.$with('page').as(
      d
        .select({
          id: sql<string>`${best.id}`.as('page_id'),
          rank: sql<number>`${best.rank}`.as('page_rank'),
          updatedAt: sql<Date>`${best.updatedAt}`.as('page_updated_at'),
        })
        .from(best)
        .orderBy(best.rank, desc(best.updatedAt), best.id)
        .limit(sql.placeholder('limit'))
        .offset(sql.placeholder('offset')),
    );
    // The counts as one uncorrelated subquery (an InitPlan: computed once, not once per row of the page), an array of
    // [patients, terms read, terms in top]. Its LIMIT is written into the statement, not a parameter: with an unknown
    // LIMIT the generic plan took a sequential scan that stops early as the cheaper way, and read every term of the
    // embedded database (10,000 patients: 33 ms for a 100-match search, issue 18 throughput).
    const counts = sql<number[]>`(select array[count(distinct read.patient_id), count(*), (select count(*) from ${top})]::int[]
      from (select ${t}.${sql.identifier('patient_id')} from ${t} where ${termMatch(v, inRange)} limit ${sql.raw(String(COUNT_TERMS))}) as read)`;
    return d
      .with(top, best, page)
      .select({ p: patients, sourceOrganizationName: organizations.name, counts: counts.as('counts') })
      .from(page)
      .innerJoin(patients, eq(patients.id, page.id))
      .leftJoin(organizations, eq(organizations.id, patients.sourceOrganizationId))
      .where(preparedPatientScope(v.external))
      .orderBy(page.rank, desc(page.updatedAt), page.id)
      .prepare(name);
  });
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
    // A search (the exact one: findPatients tries topQuery first): the matching terms (termMatch), each patient with its
    // best rank, ranked and counted from the term index alone. A short query matches thousands of patients (two
    // initials: 25,000 of 1,000,000), and reading each one's row to rank it cost ~100 ms (issue 18 "Scale"). Only the
    // page's patients are read, by primary key.
    const matches = d.$with('matches').as(
      d
        .select({
          patientId: t.patientId,
          rank: sql<number>`min(${rankOf(inRange)})`.as('rank'),
          updatedAt: sql<Date>`max(${t.patientUpdatedAt})`.as('updated_at'),
        })
        .from(t)
        .where(termMatch(v, inRange))
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
): Promise<{ items: (PatientDto & { facts?: PatientListFacts })[]; total: number; totalCapped: boolean; page: number; pageSize: number }> {
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
  const variant: SearchVariant = {
    hasQuery: Boolean(q),
    idMatch,
    suffix: q.length >= 3 && INPATIENT_NO_CHARS.test(q),
    len4: q.length >= 4,
    external: isExternal(actor),
  };
  const stmt = searchQuery(db, variant);
  const range = prefixRange(q);
  const reversed = prefixRange([...q].reverse().join(''));
  const params = { q, lo: range.lo, hi: range.hi, rlo: reversed.lo, rhi: reversed.hi, org: actor.organizationId };
  const offset = (query.page - 1) * query.pageSize;
  type Found = {
    rows: Pick<Awaited<ReturnType<typeof stmt.execute>>[number], 'p' | 'sourceOrganizationName'>[];
    total: number;
    totalCapped: boolean;
  };

  // The exact search: every matching patient ranked and counted.
  const exact = async (): Promise<Found> => {
    if (emptyQuery) return { rows: [], total: 0, totalCapped: false };
    const page = (limit: number, at: number) => stmt.execute({ ...params, limit, offset: at });
    const rows = await page(query.pageSize, offset);
    // Past the last page there is no row to carry the window count: read it from the first row.
    const total = rows[0]?.total ?? (query.page > 1 ? ((await page(1, 0))[0]?.total ?? 0) : 0);
    return { rows, total, totalCapped: false };
  };

  // The usual search (topQuery): the page from the first terms, the count up to the cap — or null when that cannot
  // be sure of the page or the count, and the exact search answers.
  const fromTop = async (): Promise<Found | null> => {
    const top = topQuery(db, variant);
    // Up to four terms per patient before the exact search is needed: a patient may match by its pinyin, initials and
    // given name, once per reading of a polyphonic character. A larger k costs little (a top-k sort's heap).
    const kOf = (limit: number, at: number) => TERMS_PER_PATIENT * (at + limit);
    const run = (limit: number, at: number) => top.execute({ ...params, k: kOf(limit, at), limit, offset: at });
    // counts: [patients among the terms read, terms read (at most COUNT_TERMS), terms in top (at most k)]
    const totalOf = ({ counts: [patientsCounted = 0, termsCounted = 0] }: { counts: number[] }) =>
      termsCounted < COUNT_TERMS
        ? { total: patientsCounted, totalCapped: false }
        : patientsCounted > PATIENT_SEARCH_COUNT_CAP
          ? { total: PATIENT_SEARCH_COUNT_CAP, totalCapped: true }
          : null;
    const rows = await run(query.pageSize, offset);
    const first = rows[0];
    if (first) {
      // A full page came from the first patients of the ranking; a shorter one is the last page only if the first
      // k terms were all the matching terms.
      const whole = rows.length === query.pageSize || (first.counts[2] ?? 0) < kOf(query.pageSize, offset);
      const counted = whole ? totalOf(first) : null;
      return counted && { rows, ...counted };
    }
    if (query.page === 1) return { rows: [], total: 0, totalCapped: false };
    // Past the last page: the count from the first page's row.
    const [head] = await run(1, 0);
    if (!head) return { rows: [], total: 0, totalCapped: false };
    const counted = totalOf(head);
    return counted && !counted.totalCapped && counted.total <= offset ? { rows: [], ...counted } : null;
  };
  const { rows, total, totalCapped } = (q && !emptyQuery ? await fromTop() : null) ?? (await exact());
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
    totalCapped,
    page: query.page,
    pageSize: query.pageSize,
  };
}
