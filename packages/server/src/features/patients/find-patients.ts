import { and, desc, eq, like, or, sql } from 'drizzle-orm';
import { organizations, patients, patientSearchTerms } from '../../db/schema/index.js';
import { recordAudit } from '../../audit/record.js';
import type { UseCaseContext } from '../../core/context.js';
import { todayIn } from '@gisurg/contracts';
import { can } from '../../auth/actor.js';
import { toPatientDto } from './queries.js';
import { patientScope } from './visibility.js';
import type { PatientDto } from '@gisurg/contracts/patients';
import { normalizeQuery } from './search-terms.js';

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Search patients by name characters, full pinyin, pinyin initials, inpatient number or ID number (full,
 * leading or last digits; roles with masked IDs only by the first or last 4), inpatient number (full, leading or last
 * digits), paginated. Exact matches (name, inpatient number, ID) first, then the most
 * recently updated. One audit row lists the patients shown.
 */
export async function findPatients(
  ctx: UseCaseContext,
  query: { q?: string | undefined; page: number; pageSize: number },
): Promise<{ items: PatientDto[]; total: number; page: number; pageSize: number }> {
  const { db, actor, meta, clock } = ctx;
  const q = normalizeQuery(query.q ?? '');
  // A query of only separators ("_", "-") matches nothing rather than everything.
  const emptyQuery = !q && (query.q ?? '').trim() !== '';
  // One pass over the matching search terms gives each patient its best rank: 0 exact name / 住院号 / ID /
  // full pinyin; 1 prefix of the whole name or number; 2 given name or last ID / inpatient-number digits.
  const prefix = `${escapeLike(q)}%`;
  const reversed = `${escapeLike([...q].reverse().join(''))}%`;
  const t = patientSearchTerms;
  // Roles that see masked ID numbers (first and last 4 characters) may search by what they can see, never by
  // a longer part: otherwise a full 身份证 number would confirm who a patient is (issue 17 failure 8).
  const idMatch = can(actor, 'patient:read_id') || q.length <= 4;
  const matches = db.$with('matches').as(
    db
      .select({
        patientId: t.patientId,
        rank: sql<number>`min(case
          when ${t.term} = ${q} and ${t.kind} in ('name','pinyin','inpatient_no','id_number') then 0
          when ${t.kind} in ('name','pinyin','initials','id_number') or (${t.kind} = 'inpatient_no' and ${t.term} like ${prefix}) then 1
          else 2 end)`.as('rank'),
      })
      .from(t)
      .where(
        or(
          and(like(t.term, prefix), sql`${t.kind} <> 'id_reversed'`, idMatch ? undefined : sql`${t.kind} <> 'id_number'`),
          q.length >= 4 && idMatch ? and(eq(t.kind, 'id_reversed'), like(t.term, reversed)) : undefined,
          // Last digits of the 住院号 ("0701" finds 2024100701): a suffix match over the inpatient-number
          // terms only (one per patient), from 3 characters on.
          q.length >= 3 ? and(eq(t.kind, 'inpatient_no'), like(t.term, `%${escapeLike(q)}`)) : undefined,
        ),
      )
      .groupBy(t.patientId),
  );
  const where = and(patientScope(actor), emptyQuery ? sql`false` : undefined);
  return db.transaction(async (tx) => {
    const page = (limit: number, offset: number) => {
      const columns = { p: patients, sourceOrganizationName: organizations.name, total: sql<number>`count(*) over ()`.mapWith(Number) };
      const from = q
        ? tx.with(matches).select(columns).from(matches).innerJoin(patients, eq(patients.id, matches.patientId))
        : tx.select(columns).from(patients);
      return from
        .leftJoin(organizations, eq(organizations.id, patients.sourceOrganizationId))
        .where(where)
        .orderBy(...(q ? [sql`${matches.rank}`] : []), desc(patients.updatedAt), patients.id)
        .limit(limit)
        .offset(offset);
    };
    const rows = await page(query.pageSize, (query.page - 1) * query.pageSize);
    // Past the last page there is no row to carry the window count: read it from the first row.
    const total = rows[0]?.total ?? (query.page > 1 ? ((await page(1, 0))[0]?.total ?? 0) : 0);
    const today = todayIn(ctx.timeZone, clock.now());
    await recordAudit(tx, meta, actor, {
      action: 'patient.list',
      outcome: 'success',
      resourceType: 'patient',
      details: { patientIds: rows.map((r) => r.p.id), total, page: query.page, hasQuery: Boolean(q) },
    });
    return {
      items: rows.map((r) => toPatientDto({ ...r.p, sourceOrganizationName: r.sourceOrganizationName }, actor, today)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  });
}
