import { isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admissions,
  followUpContacts,
  mdtCases,
  mdtMeetings,
  oncologyDiagnoses,
  operationProcedures,
  operations,
  pathologyReports,
  patients,
  theatreBookings,
  users,
} from '../../src/db/schema/index.js';
import { createDemoDatabase, type DemoDatabase } from './support/test-db.js';

/**
 * Every demo patient's story holds together (issue 16 item 8): the diagnosis site fits the operation's
 * procedures, the pathology's staging site fits the diagnosis, things happen in order (diagnosis → operation →
 * pathology → discharge → follow-up), nothing happens after death, no organ is resected twice, CRS+HIPEC is
 * not repeated within months, and free-text diagnoses on the ward, in theatre and at tumor boards name the
 * patient's own disease.
 */

let database: DemoDatabase;
const TZ = 'Asia/Shanghai';
beforeAll(async () => {
  database = await createDemoDatabase();
}, 900_000);
afterAll(async () => database.destroy());

const dateOf = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

/** Sites an oncologic procedure may be done for (null: any, also without a cancer diagnosis). */
function sitesFor(code: string): string[] | 'peritoneal' | null {
  if (code.startsWith('gastrectomy')) return ['stomach'];
  if (code === 'right_hemicolectomy_appendix') return ['pseudomyxoma', 'appendix', 'colon'];
  if (['right_hemicolectomy_cme', 'left_hemicolectomy_cme', 'transverse_colectomy', 'sigmoidectomy'].includes(code)) return ['colon'];
  if (code === 'anterior_resection_tme') return ['rectum'];
  if (code === 'abdominoperineal_resection') return ['rectum', 'anus'];
  if (code === 'crs' || code === 'hipec' || code.endsWith('peritonectomy')) return 'peritoneal';
  return null;
}
const PERITONEAL_SITES = ['pseudomyxoma', 'peritoneal_metastasis', 'mesothelioma', 'appendix'];
const isPeritoneal = (d: { site: string; clinicalM: string | null }) =>
  PERITONEAL_SITES.includes(d.site) || (d.clinicalM !== null && d.clinicalM.startsWith('M1'));
const STAGING_SITE: Record<string, string[]> = {
  stomach: ['stomach'],
  colon: ['colorectal'],
  rectum: ['colorectal'],
  anus: ['anus'],
  pseudomyxoma: ['appendix'],
  appendix: ['appendix'],
};
/** The organ a resection takes: it cannot be taken twice. */
function organOf(code: string): string | null {
  if (code.startsWith('gastrectomy')) return 'stomach';
  if (code === 'anterior_resection_tme' || code === 'abdominoperineal_resection') return 'rectum';
  if (['right_hemicolectomy_cme', 'right_hemicolectomy_appendix'].includes(code)) return 'right colon';
  if (code === 'left_hemicolectomy_cme') return 'left colon';
  if (code === 'sigmoidectomy') return 'sigmoid';
  if (code === 'transverse_colectomy') return 'transverse colon';
  if (code === 'appendectomy') return 'appendix';
  return null;
}
/** Free-text diagnoses (ward, theatre, tumor board) name a site: it must be one of the patient's. */
function sitesNamed(text: string): string[] | null {
  if (/腹膜假黏液瘤|阑尾黏液/.test(text)) return ['pseudomyxoma', 'appendix'];
  if (/腹膜转移|腹膜癌|腹膜播散/.test(text)) return ['peritoneal'];
  if (/胃/.test(text) && /癌|瘤/.test(text)) return ['stomach'];
  if (/直肠乙状结肠/.test(text)) return ['colon', 'rectum'];
  if (/直肠/.test(text) && /癌|瘤/.test(text)) return ['rectum'];
  if (/结肠|乙状/.test(text) && /癌|瘤/.test(text)) return ['colon'];
  if (/肛管/.test(text) && /癌/.test(text)) return ['anus'];
  if (/癌|瘤/.test(text)) return ['any'];
  return null;
}

describe('demo patients tell coherent stories', () => {
  it('diagnosis ↔ operation ↔ pathology ↔ ward ↔ theatre ↔ tumor board ↔ follow-up agree, in order, and nothing follows death', async () => {
    const db = database.db;
    const dx = await db.select().from(oncologyDiagnoses).where(isNull(oncologyDiagnoses.deletedAt));
    const ops = await db.select().from(operations).where(isNull(operations.deletedAt));
    const procs = await db.select().from(operationProcedures);
    const path = await db.select().from(pathologyReports).where(isNull(pathologyReports.deletedAt));
    const adm = await db.select().from(admissions);
    const contacts = await db.select().from(followUpContacts);
    const bookings = await db.select().from(theatreBookings);
    const cases = await db.select().from(mdtCases);
    const meetings = await db.select().from(mdtMeetings);
    const people = await db.select({ id: patients.id, name: patients.name }).from(patients);
    const problems: string[] = [];
    const name = (id: string) => people.find((p) => p.id === id)?.name ?? id;
    const say = (patientId: string, what: string) => problems.push(`${name(patientId)}: ${what}`);

    const dxById = new Map(dx.map((d) => [d.id, d]));
    const codesOf = (opId: string) => procs.filter((p) => p.operationId === opId).map((p) => p.code);
    const diagnosesOf = (pid: string) => dx.filter((d) => d.patientId === pid);
    const siteFits = (pid: string, wanted: string[] | 'peritoneal', diagnosis?: (typeof dx)[number]) => {
      const list = diagnosis ? [diagnosis] : diagnosesOf(pid);
      return list.some((d) => (wanted === 'peritoneal' ? isPeritoneal(d) : wanted.includes(d.site)));
    };
    const textFits = (pid: string, text: string | null) => {
      const named = text ? sitesNamed(text) : null;
      if (!named) return true;
      const mine = diagnosesOf(pid);
      if (named[0] === 'any') return mine.length > 0;
      if (named[0] === 'peritoneal') return mine.some(isPeritoneal);
      return mine.some((d) => named.includes(d.site));
    };

    // Death: the first recorded death date, from follow-up or a ward discharge by death.
    const death = new Map<string, string>();
    const died = (pid: string, date: string) => {
      if (!death.has(pid) || death.get(pid)! > date) death.set(pid, date);
    };
    for (const c of contacts) if (c.status === 'dead' && c.deathDate) died(c.patientId, c.deathDate);
    for (const a of adm) if (a.disposition === 'death' && a.dischargedAt) died(a.patientId, dateOf(a.dischargedAt));

    // Operations.
    const resected = new Map<string, { organ: string; date: string }[]>();
    for (const o of ops.sort((a, b) => a.operationDate.localeCompare(b.operationDate))) {
      const codes = codesOf(o.id);
      const d = o.diagnosisId ? dxById.get(o.diagnosisId) : undefined;
      if (d && d.diagnosisDate && d.diagnosisDate > o.operationDate)
        say(o.patientId, `operation ${o.operationDate} before its diagnosis ${d.diagnosisDate}`);
      for (const code of codes) {
        const wanted = sitesFor(code);
        if (!wanted) continue;
        if (!d) say(o.patientId, `${code} on ${o.operationDate} without a cancer diagnosis`);
        else if (!siteFits(o.patientId, wanted, d)) say(o.patientId, `${code} on ${o.operationDate} for a ${d.site} diagnosis`);
      }
      if (o.dischargeDate && o.dischargeDate < o.operationDate)
        say(o.patientId, `discharged ${o.dischargeDate} before operation ${o.operationDate}`);
      const dead = death.get(o.patientId);
      if (dead && o.operationDate > dead) say(o.patientId, `operation ${o.operationDate} after death ${dead}`);
      const before = resected.get(o.patientId) ?? [];
      for (const code of codes) {
        const organ = organOf(code);
        if (!organ) continue;
        const again = before.find((r) => r.organ === organ);
        if (again) say(o.patientId, `${organ} resected again on ${o.operationDate} (first ${again.date})`);
        before.push({ organ, date: o.operationDate });
      }
      if (codes.includes('crs')) {
        const crsBefore = ops.filter(
          (x) => x.patientId === o.patientId && x.operationDate < o.operationDate && codesOf(x.id).includes('crs'),
        );
        for (const x of crsBefore)
          if (daysBetween(x.operationDate, o.operationDate) < 180) say(o.patientId, `CRS ${x.operationDate} and again ${o.operationDate}`);
      }
      resected.set(o.patientId, before);
      // Pathology after the operation, staged for the diagnosis' site.
      for (const p of path.filter((x) => x.operationId === o.id)) {
        if (p.reportDate && p.reportDate < o.operationDate)
          say(o.patientId, `pathology ${p.reportDate} before operation ${o.operationDate}`);
        const sites = d ? STAGING_SITE[d.site] : undefined;
        if (sites && p.stagingSite && !sites.includes(p.stagingSite))
          say(o.patientId, `${p.stagingSite} pathology for a ${d!.site} diagnosis`);
      }
    }
    // Two major operations within 30 days only when the second treats a complication (none in the demo).
    for (const o of ops) {
      const major = (x: typeof o) => codesOf(x.id).some((c) => organOf(c) !== null || c === 'crs');
      if (!major(o)) continue;
      const close = ops.find(
        (x) =>
          x.id !== o.id &&
          x.patientId === o.patientId &&
          major(x) &&
          x.operationDate >= o.operationDate &&
          daysBetween(o.operationDate, x.operationDate) < 30,
      );
      if (close) say(o.patientId, `major operations ${o.operationDate} and ${close.operationDate}`);
    }

    // Ward admissions: in order, naming the patient's own disease, none after death; operations inside a stay.
    for (const a of adm) {
      if (a.dischargedAt && a.dischargedAt < a.admittedAt) say(a.patientId, `admission discharged before admitted`);
      if (!textFits(a.patientId, a.diagnosis)) say(a.patientId, `admitted ${dateOf(a.admittedAt)} for "${a.diagnosis}"`);
      const dead = death.get(a.patientId);
      if (dead && dateOf(a.admittedAt) > dead) say(a.patientId, `admitted ${dateOf(a.admittedAt)} after death ${dead}`);
    }
    // Theatre: the booked procedures fit the patient's diagnosis; no booking after death; no organ twice.
    for (const b of bookings) {
      if (b.status === 'cancelled') continue;
      const day = dateOf(b.startAt);
      if (!textFits(b.patientId, b.diagnosis)) say(b.patientId, `theatre ${day} for "${b.diagnosis}"`);
      for (const p of b.procedures) {
        const wanted = p.code ? sitesFor(p.code) : null;
        if (wanted && !siteFits(b.patientId, wanted)) say(b.patientId, `theatre ${day} books ${p.code}`);
        const organ = p.code ? organOf(p.code) : null;
        const earlier = (resected.get(b.patientId) ?? []).find((r) => r.organ === organ && r.date < day);
        if (organ && earlier && b.operationId === null)
          say(b.patientId, `theatre ${day} books ${p.code}; ${organ} resected ${earlier.date}`);
      }
      const dead = death.get(b.patientId);
      if (dead && day > dead) say(b.patientId, `theatre ${day} after death ${dead}`);
    }
    // Tumor boards: the board's group fits the patient; a pre-treatment question comes before the resection (a
    // post-operative question may follow an operation done elsewhere); no case after death.
    const GROUP_SITES: Record<string, string[] | 'peritoneal'> = {
      gastric: ['stomach'],
      colorectal: ['colon', 'rectum', 'anus'],
      peritoneal: 'peritoneal',
    };
    for (const c of cases) {
      const m = meetings.find((x) => x.id === c.meetingId);
      if (!m) continue;
      const day = dateOf(m.startsAt);
      const wanted = GROUP_SITES[m.tumorGroup];
      if (wanted && !siteFits(c.patientId, wanted)) say(c.patientId, `${m.tumorGroup} board ${day} (${c.question})`);
      if (!textFits(c.patientId, c.question)) say(c.patientId, `board ${day} asks "${c.question}"`);
      const resections = (resected.get(c.patientId) ?? []).filter((r) => r.date <= day);
      if (/新辅助|是否先行|可否直接|能否手术|手术时机/.test(c.question) && resections.length > 0)
        say(c.patientId, `board ${day} asks before treatment "${c.question}" but resected ${resections[0]!.date}`);
      const dead = death.get(c.patientId);
      if (dead && day > dead) say(c.patientId, `board ${day} after death ${dead}`);
    }
    // Follow-up: nothing alive after death, no contact before the first operation.
    for (const c of contacts) {
      const dead = death.get(c.patientId);
      if (dead && c.status !== 'dead' && c.contactDate > dead) say(c.patientId, `alive on ${c.contactDate} after death ${dead}`);
      const first = ops.filter((o) => o.patientId === c.patientId).sort((a, b) => a.operationDate.localeCompare(b.operationDate))[0];
      if (first && c.contactDate < first.operationDate)
        say(c.patientId, `follow-up ${c.contactDate} before the operation ${first.operationDate}`);
    }
    expect(problems, problems.slice(0, 40).join('\n')).toEqual([]);
  });

  it('gives the new surgeon a learning curve of about 30 laparoscopic operations on patients who had the disease', async () => {
    const db = database.db;
    const [ns] = (await db.select().from(users)).filter((u) => u.username === 'newsurgeon');
    expect(ns).toBeDefined();
    const mine = (await db.select().from(operations)).filter((o) => o.surgeonId === ns!.id);
    expect(mine.length).toBeGreaterThanOrEqual(25);
    expect(mine.every((o) => o.approach === 'laparoscopic' || o.approach === 'converted')).toBe(true);
    expect(mine.every((o) => o.diagnosisId !== null)).toBe(true);
    expect(mine.some((o) => o.converted)).toBe(true);
  });
});
