import { desc, eq, gte, inArray, lte, or, isNull, type SQL } from 'drizzle-orm';
import { isExternal, type Actor } from '../../auth/actor.js';
import type { UseCaseContext } from '../../core/context.js';
import { validationError } from '../../core/validation.js';
import { exchangeVisits, organizations, partnerAgreements } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { todayIn, type FieldIssue } from '@gisurg/contracts';
import type {
  Agreement,
  AgreementBody,
  ExchangeVisit,
  ExchangeVisitBody,
  ReachListQuery,
  UpdateAgreement,
  UpdateExchangeVisit,
} from '@gisurg/contracts/consultations';
import { checkHospitals, checkRange, yearRange } from './reach-common.js';
import { createReach, getReach, listReach, updateReach, type ReachKind } from './reach-records.js';

/**
 * Partner hospitals (issue 10): agreements (对口支援, 医联体 …) and exchange visits. Home staff see their
 * department's records; a partner or primary hospital's doctor only their own hospital's (else 404).
 */
type AgreementRow = typeof partnerAgreements.$inferSelect;
type VisitRow = typeof exchangeVisits.$inferSelect;

function agreementScope(actor: Actor): SQL {
  return isExternal(actor)
    ? eq(partnerAgreements.organizationId, actor.organizationId)
    : eq(partnerAgreements.ownerOrganizationId, actor.organizationId);
}
function visitScope(actor: Actor): SQL {
  return isExternal(actor)
    ? eq(exchangeVisits.organizationId, actor.organizationId)
    : eq(exchangeVisits.ownerOrganizationId, actor.organizationId);
}

/** The hospitals' names for rows naming one each (one query). */
async function orgNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, unique));
  return new Map(rows.map((o) => [o.id, o.name]));
}

// ——— Agreements ———
async function toAgreements(db: Db, ctx: UseCaseContext, rows: AgreementRow[]): Promise<Agreement[]> {
  const names = await orgNames(
    db,
    rows.map((r) => r.organizationId),
  );
  const today = todayIn(ctx.timeZone, ctx.clock.now());
  return rows.map((r) => ({
    id: r.id,
    organizationId: r.organizationId,
    organizationName: names.get(r.organizationId) ?? '',
    kind: r.kind,
    startDate: r.startDate,
    endDate: r.endDate,
    scope: r.scope,
    active: r.startDate <= today && (r.endDate === null || r.endDate >= today),
    version: r.version,
  }));
}

async function validateAgreement(db: Db, ctx: UseCaseContext, input: AgreementBody): Promise<void> {
  const issues: FieldIssue[] = [];
  await checkHospitals(db, ctx.locale, 'organizationId', [input.organizationId], issues);
  checkRange(ctx.locale, 'endDate', input.startDate, input.endDate, issues);
  if (issues.length) throw validationError(issues);
}

const AGREEMENTS: ReachKind<typeof partnerAgreements, AgreementBody, Agreement> = {
  table: partnerAgreements,
  audit: 'agreement',
  resourceType: 'partner_agreement',
  scope: agreementScope,
  validate: validateAgreement,
  columns: (i) => ({ organizationId: i.organizationId, kind: i.kind, startDate: i.startDate, endDate: i.endDate ?? null, scope: i.scope }),
  present: toAgreements,
  createDetails: (r) => ({ organizationId: r.organizationId, kind: r.kind }),
};

/** `year`: in force some day of the year. */
export async function listAgreements(ctx: UseCaseContext, q: ReachListQuery): Promise<{ items: Agreement[]; total: number }> {
  const where: SQL[] = [];
  if (q.year) {
    const r = yearRange(q.year);
    where.push(lte(partnerAgreements.startDate, r.to), or(isNull(partnerAgreements.endDate), gte(partnerAgreements.endDate, r.from))!);
  }
  if (q.organizationId) where.push(eq(partnerAgreements.organizationId, q.organizationId));
  return listReach(AGREEMENTS, ctx, { where, orderBy: [desc(partnerAgreements.startDate)] });
}
export const getAgreement = (ctx: UseCaseContext, id: string): Promise<Agreement> => getReach(AGREEMENTS, ctx, id);
export const createAgreement = (ctx: UseCaseContext, input: AgreementBody): Promise<Agreement> => createReach(AGREEMENTS, ctx, input);
export const updateAgreement = (ctx: UseCaseContext, id: string, input: UpdateAgreement): Promise<Agreement> =>
  updateReach(AGREEMENTS, ctx, id, input);

// ——— Exchange visits ———
async function toVisits(db: Db, _ctx: UseCaseContext, rows: VisitRow[]): Promise<ExchangeVisit[]> {
  const names = await orgNames(
    db,
    rows.map((r) => r.organizationId),
  );
  return rows.map((r) => ({
    id: r.id,
    organizationId: r.organizationId,
    organizationName: names.get(r.organizationId) ?? '',
    direction: r.direction,
    doctors: r.doctors,
    fromDate: r.fromDate,
    toDate: r.toDate,
    purpose: r.purpose,
    version: r.version,
  }));
}

async function validateVisit(db: Db, ctx: UseCaseContext, input: ExchangeVisitBody): Promise<void> {
  const issues: FieldIssue[] = [];
  await checkHospitals(db, ctx.locale, 'organizationId', [input.organizationId], issues);
  checkRange(ctx.locale, 'toDate', input.fromDate, input.toDate, issues);
  if (issues.length) throw validationError(issues);
}

const EXCHANGE_VISITS: ReachKind<typeof exchangeVisits, ExchangeVisitBody, ExchangeVisit> = {
  table: exchangeVisits,
  audit: 'exchange',
  resourceType: 'exchange_visit',
  scope: visitScope,
  validate: validateVisit,
  columns: (i) => ({
    organizationId: i.organizationId,
    direction: i.direction,
    doctors: i.doctors,
    fromDate: i.fromDate,
    toDate: i.toDate,
    purpose: i.purpose,
  }),
  present: toVisits,
  createDetails: (r) => ({ organizationId: r.organizationId, direction: r.direction }),
};

/** `year`: the visit overlaps the year. */
export async function listExchangeVisits(ctx: UseCaseContext, q: ReachListQuery): Promise<{ items: ExchangeVisit[]; total: number }> {
  const where: SQL[] = [];
  if (q.year) {
    const r = yearRange(q.year);
    where.push(lte(exchangeVisits.fromDate, r.to), gte(exchangeVisits.toDate, r.from));
  }
  if (q.organizationId) where.push(eq(exchangeVisits.organizationId, q.organizationId));
  return listReach(EXCHANGE_VISITS, ctx, { where, orderBy: [desc(exchangeVisits.fromDate)] });
}
export const getExchangeVisit = (ctx: UseCaseContext, id: string): Promise<ExchangeVisit> => getReach(EXCHANGE_VISITS, ctx, id);
export const createExchangeVisit = (ctx: UseCaseContext, input: ExchangeVisitBody): Promise<ExchangeVisit> =>
  createReach(EXCHANGE_VISITS, ctx, input);
export const updateExchangeVisit = (ctx: UseCaseContext, id: string, input: UpdateExchangeVisit): Promise<ExchangeVisit> =>
  updateReach(EXCHANGE_VISITS, ctx, id, input);
