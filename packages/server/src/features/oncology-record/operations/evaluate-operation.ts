import { and, eq, inArray } from 'drizzle-orm';
import {
  conversionOf,
  operationDurationMinutes,
  postoperativeLengthOfStay,
  procedureDefinition,
  procedureIcd9cm3,
  type OperationApproachCode,
} from '@gisurg/clinical';
import { users } from '../../../db/schema/index.js';
import type { Db } from '../../../db/types.js';
import type { Problems } from '../../../core/problems.js';
import { localDateOf, resolveOperationTime } from './times.js';

/** The operation fields the rules look at (create, edit and import pass the merged record). */
export interface OperationFields {
  date: string;
  approach: OperationApproachCode;
  convertedFrom: 'laparoscopic' | 'robotic' | null;
  conversionReason: string | null;
  incisionLengthCm: number | null;
  procedures: readonly string[];
  incisionClass: string | null;
  startTime: string | Date | null;
  endTime: string | Date | null;
  transfusion: boolean | null;
  rbcUnits: number | null;
  plasmaMl: number | null;
  anastomosis: string | null;
  anastomosisTechnique: string | null;
  stoma: string | null;
  stomaIntent: string | null;
  dischargeDate: string | null;
}

export interface EvaluatedOperation {
  converted: boolean;
  procedures: { code: string; icd9cm3: string }[];
  startTime: Date | null;
  endTime: Date | null;
  durationMin: number | null;
  postoperativeLosDays: number | null;
}

function toInstant(problems: Problems, field: string, v: string | Date | null, date: string, timeZone: string): Date | null {
  if (v instanceof Date) return v;
  const r = resolveOperationTime(v, date, timeZone);
  if (r === 'invalid') {
    problems.add(field, 'clinical.operation.time');
    return null;
  }
  return r;
}

/**
 * The rules of an operation record (issue 5), collected into `problems`: dates not in the future nor
 * before birth; conversion fields agree and the conversion is decided by isConversion (conversionOf);
 * procedure codes come from the curated list, once each, and get their ICD-9-CM-3 code by approach
 * (procedureIcd9cm3, converted = open); start on the operation date and end after it
 * (operationDurationMinutes); discharge not before the operation (postoperativeLengthOfStay); no
 * transfusion amounts without a transfusion; stoma intent only with a stoma; an anastomosis technique
 * only with an anastomosis; no class 0 incision for an open operation.
 */
export function evaluateOperation(
  problems: Problems,
  f: OperationFields,
  ctx: { birthDate: string; today: string; timeZone: string },
): EvaluatedOperation {
  problems.notFuture('date', f.date, ctx.today);
  problems.notBefore('date', f.date, ctx.birthDate, 'oncology.validation.beforeBirth');
  const converted =
    problems.clinical('', () =>
      conversionOf({
        approach: f.approach,
        convertedFrom: f.convertedFrom,
        conversionReason: f.conversionReason,
        incisionLengthCm: f.incisionLengthCm,
      }),
    ) ?? false;

  const seen = new Set<string>();
  const procedures: { code: string; icd9cm3: string }[] = [];
  f.procedures.forEach((code, i) => {
    if (!procedureDefinition(code)) problems.add(`procedures[${i}]`, 'oncology.validation.unknownProcedure', { code });
    else if (seen.has(code)) problems.add(`procedures[${i}]`, 'oncology.validation.duplicateProcedure', { code });
    else procedures.push({ code, icd9cm3: procedureIcd9cm3(code, f.approach)! });
    seen.add(code);
  });

  const startTime = toInstant(problems, 'startTime', f.startTime, f.date, ctx.timeZone);
  const endTime = toInstant(problems, 'endTime', f.endTime, f.date, ctx.timeZone);
  let durationMin: number | null = null;
  if (startTime && localDateOf(startTime, ctx.timeZone) !== f.date)
    problems.add('startTime', 'oncology.validation.startNotOnOperationDate', { date: f.date });
  const startGiven = f.startTime !== null && !(typeof f.startTime === 'string' && f.startTime.trim() === '');
  if (endTime && !startGiven) problems.add('endTime', 'oncology.validation.endWithoutStart');
  if (startTime && endTime)
    durationMin = problems.clinical('', () => operationDurationMinutes(startTime.toISOString(), endTime.toISOString())) ?? null;

  let postoperativeLosDays: number | null = null;
  if (f.dischargeDate) {
    if (f.dischargeDate > ctx.today) problems.add('dischargeDate', 'oncology.validation.dischargeFuture');
    const discharge = f.dischargeDate;
    postoperativeLosDays = problems.clinical('', () => postoperativeLengthOfStay(f.date, discharge)) ?? null;
  }
  if (f.transfusion !== true && ((f.rbcUnits ?? 0) > 0 || (f.plasmaMl ?? 0) > 0))
    problems.add('transfusion', 'oncology.validation.transfusionAmounts');
  const hasStoma = f.stoma !== null && f.stoma !== 'none';
  if ((f.stomaIntent !== null && !hasStoma) || (hasStoma && f.stomaIntent === null))
    problems.add('stomaIntent', 'oncology.validation.stomaIntent');
  if (f.anastomosisTechnique !== null && (f.anastomosis === null || f.anastomosis === 'none'))
    problems.add('anastomosisTechnique', 'oncology.validation.anastomosisTechnique');
  if (f.incisionClass === '0' && (f.approach === 'open' || f.approach === 'converted'))
    problems.add('incisionClass', 'oncology.validation.incisionClassZeroOpen');
  return { converted, procedures, startTime, endTime, durationMin, postoperativeLosDays };
}

const SURGEON_ROLES = ['surgeon', 'department_head', 'resident'];
const ASSISTANT_ROLES = ['surgeon', 'department_head', 'resident', 'student'];

/**
 * Surgeon, assistants and anaesthetist are users of the patient's (home) hospital: the surgeon a surgeon,
 * resident or department head, assistants also students; nobody twice. Accounts disabled since are
 * accepted when unchanged (`keep`), so an old record stays editable.
 */
export async function checkStaff(
  db: Db,
  problems: Problems,
  organizationId: string,
  staff: { surgeonId: string | null; assistantIds: readonly string[]; anesthetistId: string | null },
  keep: ReadonlySet<string> = new Set(),
): Promise<void> {
  const ids = [...new Set([staff.surgeonId, staff.anesthetistId, ...staff.assistantIds].filter((x): x is string => Boolean(x)))];
  const rows =
    ids.length === 0
      ? []
      : await db
          .select({ id: users.id, role: users.role, disabledAt: users.disabledAt })
          .from(users)
          .where(and(inArray(users.id, ids), eq(users.organizationId, organizationId)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const usable = (id: string) => {
    const u = byId.get(id);
    return u && (u.disabledAt === null || keep.has(id)) ? u : null;
  };
  if (staff.surgeonId) {
    const u = usable(staff.surgeonId);
    if (!u) problems.add('surgeonId', 'oncology.validation.staffUnknown');
    else if (!SURGEON_ROLES.includes(u.role)) problems.add('surgeonId', 'oncology.validation.surgeonRole');
  }
  const seen = new Set<string>(staff.surgeonId ? [staff.surgeonId] : []);
  staff.assistantIds.forEach((id, i) => {
    const u = usable(id);
    if (!u || !ASSISTANT_ROLES.includes(u.role)) problems.add(`assistantIds[${i}]`, 'oncology.validation.staffUnknown');
    if (seen.has(id)) problems.add(`assistantIds[${i}]`, 'oncology.validation.staffTwice');
    seen.add(id);
  });
  if (staff.anesthetistId && !usable(staff.anesthetistId)) problems.add('anesthetistId', 'oncology.validation.staffUnknown');
}
