import type { Bundle, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import {
  admissions,
  auditLog,
  followUpItems,
  followUpPlans,
  oncologyDiagnoses,
  operations,
  pathologyReports,
  patients,
  peritonealAssessments,
  performanceStatus,
  tumorMarkers,
} from '../../src/db/schema/index.js';
import { aPatient } from './support/builders.js';
import { FHIR_EXTENSIONS, FHIR_PROFILES, FHIR_SYSTEMS } from '@gisurg/contracts/fhir';
import { entriesOf, expectValidFhir, fhirBody } from './support/fhir.js';
import { caller } from './support/oncology.js';
import { CaseWriter, seedCase, type CaseKind } from '../../src/seed/demo/oncology.js';
import { Rng } from '../../src/seed/random.js';
import { ensurePlans } from '../../src/features/followup/plans.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

/**
 * Import (issue 13, acceptance 2): export a record as a Bundle, import it into an empty GISurg, export again —
 * the clinical content is equal; idempotent; all or nothing with every rejected entry named.
 */
let source: TestWorld;
let target: TestWorld;
let patientId: string;

beforeAll(async () => {
  source = await createTestWorld();
  target = await createTestWorld();
  const call = caller(() => source);
  const p = await aPatient(source.homeOrgId, { name: '赵往返' }).build(source.db);
  patientId = p.id;
  const ok = async (res: Promise<{ statusCode: number; body: string }>, status = 201) => {
    const r = await res;
    expect(r.statusCode, r.body).toBe(status);
    return JSON.parse(r.body) as { id: string };
  };
  const d = await ok(
    call('surgeon', 'POST', `/api/patients/${p.id}/diagnoses`, {
      site: 'stomach',
      icd10: 'C16.3',
      icd10Secondary: 'C78.6',
      icdO3Morphology: '8140/3',
      diagnosisDate: '2026-01-05',
      clinical: { t: 'T3', n: 'N1', m: 'M0' },
    }),
  );
  await ok(call('surgeon', 'POST', `/api/patients/${p.id}/markers`, { marker: 'CA19-9', value: 52, upperLimit: 37, date: '2026-01-04' }));
  await ok(call('surgeon', 'POST', `/api/patients/${p.id}/performance-status`, { date: '2026-01-04', ecog: 1, kps: 80 }));
  const gastrectomy = await ok(
    call('surgeon', 'POST', `/api/patients/${p.id}/operations`, {
      diagnosisId: d.id,
      date: '2026-02-03',
      approach: 'laparoscopic',
      intent: 'curative',
      procedures: ['gastrectomy_distal_d2', 'gastrojejunostomy'],
    }),
  );
  // Pathology (pN from the node counts; the follow-up feature builds the plan on it).
  await ok(
    call('surgeon', 'PUT', `/api/operations/${gastrectomy.id}/pathology`, {
      reportDate: '2026-02-10',
      t: 'T3',
      nodesExamined: 22,
      nodesPositive: 2,
      m: 'M0',
    }),
    200,
  );
  // CRS + HIPEC later: PCI, CC from the residual nodule, two drugs (mg/m² on the BSA, mg/L on the perfusate).
  const crs = await ok(
    call('surgeon', 'POST', `/api/patients/${p.id}/operations`, {
      diagnosisId: d.id,
      date: '2026-05-12',
      approach: 'open',
      intent: 'palliative',
      procedures: ['crs', 'pelvic_peritonectomy', 'hipec'],
    }),
  );
  await ok(
    call('surgeon', 'PUT', `/api/operations/${crs.id}/peritoneal`, {
      pci: { regions: [1, 2, 0, 0, 0, 3, 2, 0, 1, 0, 0, 0, 0], timing: 'surgical-pre-crs' },
      residualMm: 1.5,
      heightCm: 168,
      weightKg: 61,
      hipec: {
        timing: 'intraoperative-after-crs',
        technique: 'open',
        carrierVolumeL: 3,
        inflowTempC: 43,
        durationMin: 60,
        drugs: [
          { drug: 'cisplatin', dose: 50, doseBasis: 'mg/m2' },
          { drug: 'docetaxel', dose: 25, doseBasis: 'mg/L' },
        ],
      },
    }),
    200,
  );
  // Stays (no bed needed for the FHIR view): one discharged, one admission cancelled.
  await source.db.insert(admissions).values([
    {
      patientId: p.id,
      organizationId: source.homeOrgId,
      status: 'discharged',
      admittedAt: new Date('2026-02-01T02:00:00Z'),
      dischargedAt: new Date('2026-02-12T02:00:00Z'),
      source: 'outpatient',
      disposition: 'order',
    },
    {
      patientId: p.id,
      organizationId: source.homeOrgId,
      status: 'cancelled',
      admittedAt: new Date('2026-05-10T01:30:00Z'),
      source: 'emergency',
      cancelledAt: new Date('2026-05-10T03:00:00Z'),
    },
  ]);
}, 180_000);
afterAll(async () => {
  await source?.close();
  await target?.close();
});

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * Clinical content of a $everything Bundle: every resource (ids and references included) without its record
 * timestamps (`meta`, CarePlan `created`) and the home organization and surgeon (users of another installation),
 * sorted; `ids` maps the source installation's row ids to the target's (from the transaction-response locations).
 */
function clinicalContent(b: Bundle, ids: Map<string, string> = new Map()): string[] {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>)
          .filter(([k]) => !['meta', 'created', 'managingOrganization', 'performer'].includes(k))
          .map(([k, x]) => [k, strip(x)]),
      );
    return v;
  };
  return entriesOf(b)
    .map((r) => JSON.stringify(strip(r)).replace(UUID, (id) => ids.get(id) ?? `unmapped:${id}`))
    .sort();
}

/** Source row id → target row id, from each entry's resource id and its response location (`Type/<uuid>[-suffix]`). */
function idMap(sent: Bundle, response: Bundle): Map<string, string> {
  const ids = new Map<string, string>();
  sent.entry!.forEach((e, i) => {
    const from = e.resource?.id?.match(UUID)?.[0];
    const to = response.entry![i]!.response!.location?.match(UUID)?.[0];
    if (from && to) ids.set(from, to);
  });
  return ids;
}

async function everything(w: TestWorld, id: string): Promise<Bundle> {
  return fhirBody<Bundle>(await caller(() => w)('surgeon', 'GET', `/fhir/R4/Patient/${id}/$everything`));
}

function asTransaction(b: Bundle): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: entriesOf<Resource>(b).map((r) => ({
      fullUrl: `urn:uuid:${r.id}`,
      resource: r,
      request: { method: 'POST', url: r.resourceType },
    })),
  };
}

async function importInto(w: TestWorld, bundle: Bundle) {
  return w.app.inject({
    method: 'POST',
    url: '/fhir/R4',
    headers: { cookie: await w.as('surgeon'), 'content-type': 'application/fhir+json' },
    payload: JSON.stringify(bundle),
  });
}

describe('POST /fhir/R4 (transaction import)', () => {
  it('round-trips a record: export, import into an empty GISurg, export again — the clinical content is equal', async () => {
    const exported = await everything(source, patientId);
    const bundle = asTransaction(exported);
    expectValidFhir(bundle);
    const res = await importInto(target, bundle);
    const response = fhirBody<Bundle>(res);
    expect(response.type).toBe('transaction-response');
    const newPatient = response.entry![0]!.response!.location!.split('/').pop()!;
    const again = await everything(target, newPatient);
    const ids = idMap(bundle, response);
    // Every target id is mapped: the target's own row ids are the ones the import answered with.
    const same = new Map([...ids.values()].map((x) => [x, x]));
    expect(clinicalContent(again, same)).toEqual(clinicalContent(exported, ids));
    expect(clinicalContent(exported, ids).join()).not.toContain('unmapped');
    // The record's parts beyond diagnoses, markers and operations came along.
    const kinds = entriesOf(again).map((r) => `${r.resourceType}/${r.id!.slice(37) || (r.meta?.profile?.[0]?.split('/').pop() ?? '')}`);
    for (const k of [
      'Observation/pt',
      'Observation/pn',
      'Observation/pm',
      'Observation/ptnm',
      'Observation/pci',
      'Observation/cc',
      'Procedure/hipec',
    ])
      expect(kinds).toContain(k);
    expect(entriesOf(again).filter((r) => r.resourceType === 'CarePlan')).toHaveLength(1);
    expect(entriesOf(again).filter((r) => r.resourceType === 'Encounter')).toHaveLength(2);
  });

  it('round-trips the demo data: one patient of every demo story (seedCase of the demo seed)', async () => {
    const kinds: CaseKind[] = [
      'gastric',
      'colorectal',
      'rectal',
      'anal',
      'pmp',
      'colorectal_pm',
      'gastric_pm',
      'mesothelioma',
      'ovarian_pm',
    ];
    const team = { surgeons: [source.users.surgeon.id], resident: source.users.resident.id, student: source.users.student.id };
    for (const [n, kind] of kinds.entries()) {
      const p = await aPatient(source.homeOrgId, { name: `演示${n}`, birthDate: '1958-04-0' + (n + 1) }).build(source.db);
      await seedCase(new CaseWriter(source.db, new Rng(1300 + n), team, p.id, '2026-11-26', source.clock.now()), kind);
      // As the demo seed's follow-up step does: the plans its records call for.
      await ensurePlans(
        { tx: source.db, meta: { requestId: 'test', clientIp: null, userAgent: null }, actor: null, now: source.clock.now() },
        p.id,
      );
      const exported = await everything(source, p.id);
      const bundle = asTransaction(exported);
      const response = fhirBody<Bundle>(await importInto(target, bundle));
      const ids = idMap(bundle, response);
      const again = await everything(target, response.entry![0]!.response!.location!.split('/').pop()!);
      expect(clinicalContent(again, new Map([...ids.values()].map((x) => [x, x]))), kind).toEqual(clinicalContent(exported, ids));
    }
  });

  it('is idempotent: the same Bundle again adds nothing', async () => {
    const tables = [
      oncologyDiagnoses,
      tumorMarkers,
      performanceStatus,
      operations,
      pathologyReports,
      peritonealAssessments,
      followUpPlans,
      followUpItems,
      admissions,
    ];
    const count = async () =>
      Promise.all(tables.map(async (t) => (await target.db.select({ n: sql<number>`count(*)::int` }).from(t))[0]!.n));
    const audits = async () => (await target.db.select({ n: sql<number>`count(*)::int` }).from(auditLog))[0]!.n;
    const before = await count();
    const auditsBefore = await audits();
    const res = await importInto(target, asTransaction(await everything(source, patientId)));
    const response = fhirBody<Bundle>(res);
    expect(response.entry!.map((e) => e.response!.status)).toEqual(response.entry!.map(() => '200 OK'));
    expect(await count()).toEqual(before);
    // Only the import itself is audited (and the export read above happened in the source world).
    expect(await audits()).toBe(auditsBefore + 1);
  });

  it('recomputes the stage (a stage sent along is ignored) and is all or nothing, naming every rejected entry', async () => {
    const exported = await everything(source, patientId);
    const bundle = asTransaction(exported);
    // Another person: a fresh 住院号, and the stage group value tampered with.
    const pt = bundle.entry![0]!.resource as { identifier?: { value?: string }[] };
    pt.identifier = [{ ...(pt.identifier?.[0] ?? {}), value: 'FHIR-NEW-1' }];
    for (const e of bundle.entry!) {
      const r = e.resource as { id?: string; valueCodeableConcept?: { coding?: { code?: string }[] } };
      if (r.id?.endsWith('-ctnm')) r.valueCodeableConcept!.coding![0]!.code = 'IVB';
    }
    bundle.entry!.push(
      { resource: { resourceType: 'Medication', status: 'active' } },
      { resource: { resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject: { reference: 'Patient/nowhere' } } },
    );
    const before = (await target.db.select({ n: sql<number>`count(*)::int` }).from(oncologyDiagnoses))[0]!.n;
    const bad = await importInto(target, bundle);
    const oo = fhirBody<OperationOutcome>(bad, 400);
    expectValidFhir(oo);
    const n = bundle.entry!.length;
    expect(oo.issue.slice(1).map((i) => i.expression?.[0])).toEqual([`entry[${n - 2}]`, `entry[${n - 1}]`]);
    expect((await target.db.select({ n: sql<number>`count(*)::int` }).from(oncologyDiagnoses))[0]!.n).toBe(before);
    bundle.entry!.splice(n - 2, 2);
    const ok = fhirBody<Bundle>(await importInto(target, bundle));
    const created = ok.entry![0]!.response!.location!.split('/').pop()!;
    const stage = entriesOf(await everything(target, created)).find((r) => r.id?.endsWith('-ctnm')) as {
      valueCodeableConcept?: { coding?: { code?: string }[] };
    };
    expect(stage.valueCodeableConcept!.coding![0]!.code).toBe('III');
  });

  it('refuses import to roles without write access', async () => {
    const res = await target.app.inject({
      method: 'POST',
      url: '/fhir/R4',
      headers: { cookie: await target.as('nurse'), 'content-type': 'application/fhir+json' },
      payload: JSON.stringify({ resourceType: 'Bundle', type: 'transaction', entry: [] }),
    });
    expect(fhirBody<OperationOutcome>(res, 403).issue[0]!.code).toBe('forbidden');
  });
});

describe('POST /fhir/R4 (batch import)', () => {
  const patient = (no: string, extra: object = {}) => ({
    resourceType: 'Patient',
    id: 'p0',
    name: [{ text: '钱批量' }],
    gender: 'female',
    birthDate: '1960-03-04',
    identifier: [{ system: FHIR_SYSTEMS.inpatientNo, value: no }],
    ...extra,
  });
  const marker = (subject: string, date: string, value: number) => ({
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '19166-8' }] },
    subject: { reference: subject },
    effectiveDateTime: date,
    valueQuantity: { value, unit: 'ng/mL' },
  });
  const condition = (subject: string) => ({
    resourceType: 'Condition',
    subject: { reference: subject },
    code: { coding: [{ system: FHIR_SYSTEMS.icd10, code: 'C16.3' }] },
    recordedDate: '2026-03-01',
  });
  const batch = (entries: object[]): Bundle => ({
    resourceType: 'Bundle',
    type: 'batch',
    entry: entries.map((resource) => ({
      resource: resource as Resource,
      request: { method: 'POST' as const, url: (resource as Resource).resourceType },
    })),
  });

  it('writes each entry on its own: good ones are created, bad ones answered with their OperationOutcome', async () => {
    const b = batch([
      patient('BATCH-1'),
      condition('Patient/p0'),
      marker('Patient/p0', '2026-03-01', 6.1),
      // Refused by the use case (a date in the future): only this entry fails.
      marker('Patient/p0', '2030-01-01', 9.9),
      // Refused by the mapping: unknown subject, unsupported type.
      marker('Patient/nowhere', '2026-03-01', 1),
      { resourceType: 'Medication', status: 'active' },
    ]);
    expectValidFhir(b);
    const res = await importInto(target, b);
    const response = fhirBody<Bundle>(res);
    expectValidFhir(response);
    expect(response.type).toBe('batch-response');
    expect(response.entry!.map((e) => e.response!.status)).toEqual([
      '201 Created',
      '201 Created',
      '201 Created',
      '400 Bad Request',
      '400 Bad Request',
      '400 Bad Request',
    ]);
    const future = response.entry![3]!.response!.outcome as OperationOutcome;
    expect(future.issue[1]!.expression).toEqual(['entry[3].date']);
    expect(future.issue[1]!.diagnostics).toMatch(/ \/ /);
    expect((response.entry![4]!.response!.outcome as OperationOutcome).issue[1]!.expression).toEqual(['entry[4]']);
    const [created] = await target.db.select().from(patients).where(eq(patients.inpatientNo, 'BATCH-1'));
    expect(response.entry![0]!.response!.location).toMatch(new RegExp(`/fhir/R4/Patient/${created!.id}$`));
    const markers = await target.db.select().from(tumorMarkers).where(eq(tumorMarkers.patientId, created!.id));
    expect(markers.map((m) => m.value)).toEqual([6.1]);
    const [audit] = await target.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'fhir.import'), eq(auditLog.requestId, res.headers['x-request-id'] as string)));
    expect(audit!.details).toMatchObject({ type: 'batch', entries: 6, created: 3, failed: [3, 4, 5] });
    // Idempotent like a transaction: the good entries again are 200 OK, nothing new.
    const again = fhirBody<Bundle>(await importInto(target, batch(b.entry!.slice(0, 3).map((e) => e.resource!))));
    expect(again.entry!.map((e) => e.response!.status)).toEqual(['200 OK', '200 OK', '200 OK']);
  });

  const cc = (system: string, code: string) => ({ coding: [{ system, code }] });
  const operation = (id: string, date: string) => ({
    resourceType: 'Procedure',
    id,
    status: 'completed',
    subject: { reference: 'Patient/p0' },
    code: cc(FHIR_SYSTEMS.gisurgProcedure, 'gastrectomy_distal_d2'),
    performedDateTime: date,
    extension: [{ url: FHIR_EXTENSIONS.approach, valueCodeableConcept: cc(FHIR_SYSTEMS.gisurgApproach, 'open') }],
    reasonReference: [{ reference: 'Condition/c0' }],
  });
  const stay = (status: string, start: string, end?: string) => ({
    resourceType: 'Encounter',
    status,
    class: { system: FHIR_SYSTEMS.actCode, code: 'IMP' },
    subject: { reference: 'Patient/p0' },
    period: { start, ...(end ? { end } : {}) },
  });
  const outcomeOf = (b: Bundle, i: number) => b.entry![i]!.response!.outcome as OperationOutcome;

  it('refuses, entry by entry, what the record cannot take: an ongoing stay, an overlapping one, HIPEC totals that disagree, a tumor-board CarePlan', async () => {
    const drug = (code: string, dose: number, total: number) => ({
      url: FHIR_EXTENSIONS.hipecDrug,
      extension: [
        { url: 'drug', valueCodeableConcept: cc(FHIR_SYSTEMS.gisurgHipecDrug, code) },
        { url: 'dose', valueQuantity: { value: dose, unit: 'mg/m2' } },
        { url: 'totalDose', valueQuantity: { value: total, unit: 'mg' } },
      ],
    });
    const b = batch([
      patient('BATCH-3'),
      { ...condition('Patient/p0'), id: 'c0' },
      operation('op0', '2026-03-05'),
      {
        resourceType: 'Observation',
        status: 'final',
        code: cc(FHIR_SYSTEMS.gisurgObservation, 'pci'),
        subject: { reference: 'Patient/p0' },
        partOf: [{ reference: 'Procedure/op0' }],
        method: cc(FHIR_SYSTEMS.gisurgObservation, 'pci-timing-surgical-pre-crs'),
        valueInteger: 3,
        component: Array.from({ length: 13 }, (_x, k) => ({
          code: cc(FHIR_SYSTEMS.gisurgObservation, `pci-region-${k}`),
          valueInteger: k < 3 ? 1 : 0,
        })),
      },
      // BSA 1.7 for the first drug's total, 1.9 for the second's: no body fits both.
      {
        resourceType: 'Procedure',
        meta: { profile: [FHIR_PROFILES.hipec] },
        status: 'completed',
        subject: { reference: 'Patient/p0' },
        partOf: [{ reference: 'Procedure/op0' }],
        code: cc(FHIR_SYSTEMS.gisurgProcedure, 'hipec'),
        performedDateTime: '2026-03-05',
        note: [{ text: 'open; intraoperative-after-crs' }],
        extension: [drug('cisplatin', 50, 85), drug('oxaliplatin', 300, 570)],
      },
      stay('in-progress', '2026-03-20T02:00:00Z'),
      stay('finished', '2026-03-01T02:00:00Z', '2026-03-10T02:00:00Z'),
      stay('finished', '2026-03-05T02:00:00Z', '2026-03-12T02:00:00Z'),
      {
        resourceType: 'CarePlan',
        status: 'active',
        intent: 'plan',
        subject: { reference: 'Patient/p0' },
        category: [cc(FHIR_SYSTEMS.gisurgCarePlanCategory, 'tumor-board-recommendation')],
      },
    ]);
    expectValidFhir(b);
    const response = fhirBody<Bundle>(await importInto(target, b));
    expect(response.entry!.map((e) => e.response!.status.slice(0, 3))).toEqual([
      '201',
      '201',
      '201',
      '400',
      '400',
      '400',
      '201',
      '400',
      '400',
    ]);
    // putPeritoneal refuses the second total (the first fixed the BSA); the HIPEC entry goes with its PCI.
    expect(
      outcomeOf(response, 3)
        .issue.slice(1)
        .map((x) => x.expression?.[0]),
    ).toEqual(['entry[3].hipec.drugs[1].totalDoseMg']);
    expect(outcomeOf(response, 4).issue[1]!.diagnostics).toContain('entry[3]');
    expect(outcomeOf(response, 5).issue[1]!.diagnostics).toMatch(/finished/);
    expect(outcomeOf(response, 7).issue[1]!.expression).toEqual(['entry[7].admittedAt']);
    expect(outcomeOf(response, 7).issue[1]!.diagnostics).toContain('overlaps another stay');
    expect(outcomeOf(response, 8).issue[1]!.diagnostics).toContain('tumor-board recommendations');
    const [created] = await target.db.select().from(patients).where(eq(patients.inpatientNo, 'BATCH-3'));
    const stays = await target.db.select().from(admissions).where(eq(admissions.patientId, created!.id));
    expect(stays.map((s) => [s.status, s.source, s.dischargedAt?.toISOString()])).toEqual([
      ['discharged', 'other', '2026-03-10T02:00:00.000Z'],
    ]);
    const [audit] = await target.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'ward.admission.import'), eq(auditLog.resourceId, stays[0]!.id)));
    expect(audit!.details).toMatchObject({ origin: 'fhir.import', status: 'discharged' });
  });

  it('a transaction names a CC without its PCI and pathology it cannot attach to one operation', async () => {
    const bundle: Bundle = {
      ...batch([
        patient('TX-5'),
        { ...condition('Patient/p0'), id: 'c0' },
        operation('op0', '2026-03-05'),
        operation('op1', '2026-03-09'),
        {
          resourceType: 'Observation',
          status: 'final',
          code: cc(FHIR_SYSTEMS.gisurgObservation, 'cc-score'),
          subject: { reference: 'Patient/p0' },
          partOf: [{ reference: 'Procedure/op0' }],
          valueCodeableConcept: cc(FHIR_SYSTEMS.gisurgCcScore, 'CC-0'),
        },
        {
          resourceType: 'Observation',
          status: 'final',
          code: cc(FHIR_SYSTEMS.snomed, '384625004'),
          subject: { reference: 'Patient/p0' },
          focus: [{ reference: 'Condition/c0' }],
          valueCodeableConcept: cc('http://cancerstaging.org', 'pT2'),
        },
      ]),
      type: 'transaction',
    };
    const oo = fhirBody<OperationOutcome>(await importInto(target, bundle), 400);
    expect(oo.issue.slice(1).map((x) => x.expression?.[0])).toEqual(['entry[4]', 'entry[5]']);
    expect(oo.issue[1]!.diagnostics).toContain('needs the PCI');
    expect(oo.issue[2]!.diagnostics).toContain('partOf');
    expect(await target.db.select().from(patients).where(eq(patients.inpatientNo, 'TX-5'))).toEqual([]);
  });

  it('fails the entries that depend on a failed one (its Patient), and says which', async () => {
    const res = await importInto(
      target,
      batch([patient('BATCH-2', { birthDate: undefined }), condition('Patient/p0'), marker('Patient/p0', '2026-03-01', 3)]),
    );
    const response = fhirBody<Bundle>(res);
    expect(response.entry!.map((e) => e.response!.status)).toEqual(['400 Bad Request', '400 Bad Request', '400 Bad Request']);
    const dep = response.entry![1]!.response!.outcome as OperationOutcome;
    expect(dep.issue[1]!.diagnostics).toBe('其引用的条目 entry[0] 未能导入 / The entry it references (entry[0]) was not imported');
    expect(await target.db.select().from(patients).where(eq(patients.inpatientNo, 'BATCH-2'))).toEqual([]);
  });
});
