import { and, desc, eq, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import { organizations, patients, patientSearchTerms } from '../../db/schema/index.js';
import { recordAudit } from '../../audit/record.js';
import type { UseCaseContext } from '../../http/context.js';
import { todayIn } from '../../shared/dates.js';
import { patientScope, toPatientDto } from './queries.js';
import type { PatientDto } from './schemas.js';
import { normalizeQuery } from './search-terms.js';

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Search patients by name characters, full pinyin, pinyin initials, inpatient number or ID number (full,
 * leading or last digits), paginated. Exact matches (name, inpatient number, ID) first, then the most
 * recently updated. One audit row lists the patients shown.
 */
export async function findPatients(
  ctx: UseCaseContext,
  query: { q?: string | undefined; page: number; pageSize: number },
): Promise<{ items: PatientDto[]; total: number; page: number; pageSize: number }> {
  const { db, actor, meta, clock } = ctx;
  const q = normalizeQuery(query.q ?? '');
  const conditions: SQL[] = [patientScope(actor)];
  let exactFirst: SQL | null = null;
  // A query of only separators ("_", "-") matches nothing rather than everything.
  if (!q && (query.q ?? '').trim() !== '') conditions.push(sql`false`);
  if (q) {
    const prefix = `${escapeLike(q)}%`;
    const reversed = `${escapeLike([...q].reverse().join(''))}%`;
    const termMatch = or(
      and(like(patientSearchTerms.term, prefix), sql`${patientSearchTerms.kind} <> 'id_reversed'`),
      q.length >= 4 ? and(eq(patientSearchTerms.kind, 'id_reversed'), like(patientSearchTerms.term, reversed)) : undefined,
    )!;
    conditions.push(inArray(patients.id, db.select({ id: patientSearchTerms.patientId }).from(patientSearchTerms).where(termMatch)));
    // Rank: 0 exact name / 住院号 / ID / full pinyin; 1 prefix of the whole name or number; 2 given name or last digits.
    exactFirst = sql`(select min(case
        when t.term = ${q} and t.kind in ('name','pinyin','inpatient_no','id_number') then 0
        when t.kind in ('name','pinyin','initials','inpatient_no','id_number') then 1
        else 2 end)
      from ${patientSearchTerms} t where t.patient_id = ${patients.id}
        and ((t.term like ${prefix} and t.kind <> 'id_reversed') or (${q.length >= 4} and t.kind = 'id_reversed' and t.term like ${reversed})))`;
  }
  const where = and(...conditions);
  return db.transaction(async (tx) => {
    const [{ total } = { total: 0 }] = await tx.select({ total: sql<number>`count(*)::int` }).from(patients).where(where);
    const rows = await tx
      .select({ p: patients, sourceOrganizationName: organizations.name })
      .from(patients)
      .leftJoin(organizations, eq(organizations.id, patients.sourceOrganizationId))
      .where(where)
      .orderBy(...(exactFirst ? [exactFirst] : []), desc(patients.updatedAt), patients.id)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize);
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
