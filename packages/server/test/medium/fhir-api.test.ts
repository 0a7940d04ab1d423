import type {
  AuditEvent,
  Bundle,
  CapabilityStatement,
  CarePlan,
  Condition,
  Observation,
  OperationOutcome,
  Patient,
  Procedure,
  Resource,
} from '@medplum/fhirtypes';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FHIR_PROFILES, FHIR_SYSTEMS } from '@gisurg/contracts/fhir';
import { admissions, auditLog, followUpItems, followUpPlans } from '../../src/db/schema/index.js';
import { mdtClient } from './support/mdt.js';
import { aPatient } from './support/builders.js';
import { entriesOf, expectValidFhir, fhirBody } from './support/fhir.js';
import { caller } from './support/oncology.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

let w: TestWorld;
const call = caller(() => w);
let patientId: string;
let idNumber: string;
let inpatientNo: string;
let diagnosisId: string;
let operationId: string;
let externalPatientId: string;
let recommendationId: string;
let followUpPlanId: string;
let followUpPlanStart: string;

/** A colorectal cancer with peritoneal metastases treated by CRS + HIPEC: every resource type GISurg serves. */
beforeAll(async () => {
  w = await createTestWorld();
  const p = await aPatient(w.homeOrgId, { name: '王小明' }).build(w.db);
  patientId = p.id;
  idNumber = p.idNumber!;
  inpatientNo = p.inpatientNo!;
  const ok = (res: { statusCode: number; body: string }, status: number) => {
    expect(res.statusCode, res.body).toBe(status);
    return JSON.parse(res.body) as { id: string };
  };
  diagnosisId = ok(
    await call('surgeon', 'POST', `/api/patients/${p.id}/diagnoses`, {
      site: 'colon',
      icd10: 'C18.7',
      icd10Secondary: 'C78.6',
      icdO3Morphology: '8140/3',
      diagnosisDate: '2026-01-05',
      clinical: { t: 'T4a', n: 'N1b', m: 'M1c' },
    }),
    201,
  ).id;
  ok(await call('surgeon', 'POST', `/api/patients/${p.id}/markers`, { marker: 'CEA', value: 7.2, upperLimit: 5, date: '2026-01-04' }), 201);
  ok(await call('surgeon', 'POST', `/api/patients/${p.id}/performance-status`, { date: '2026-01-04', ecog: 1, kps: 80 }), 201);
  operationId = ok(
    await call('surgeon', 'POST', `/api/patients/${p.id}/operations`, {
      diagnosisId,
      date: '2026-02-03',
      approach: 'converted',
      convertedFrom: 'laparoscopic',
      conversionReason: 'adhesions',
      procedures: ['crs', 'greater_omentectomy_splenectomy', 'hipec'],
    }),
    201,
  ).id;
  ok(
    await call('surgeon', 'PUT', `/api/operations/${operationId}/peritoneal`, {
      pci: { regions: [1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0], timing: 'surgical-pre-crs' },
      residualMm: null,
      bsaM2: 1.8,
      hipec: {
        timing: 'intraoperative-after-crs',
        technique: 'open',
        carrier: 'dextrose-5',
        carrierLPerM2: 2,
        inflowTempC: 43,
        durationMin: 30,
        drugs: [{ drug: 'oxaliplatin', dose: 460, doseBasis: 'mg/m2' }],
      },
    }),
    200,
  );
  ok(
    await call('surgeon', 'PUT', `/api/operations/${operationId}/pathology`, { t: 'T4a', nodesExamined: 20, nodesPositive: 2, m: 'M1c' }),
    200,
  );
  await w.db.insert(admissions).values({
    patientId,
    organizationId: w.homeOrgId,
    status: 'discharged',
    admittedAt: new Date('2026-02-01T02:00:00Z'),
    dischargedAt: new Date('2026-02-12T02:00:00Z'),
    source: 'outpatient',
  });
  // The tumor board's recommendation (two plan items) and a follow-up plan with two dated items.
  const m = mdtClient(w);
  const meeting = (await m.meeting({ tumorGroup: 'colorectal', kind: 'intra', startsAt: '2026-11-27T16:00', title: '结直肠 MDT' })).id;
  const mdtCase = (await m.submit(meeting, p.id)).id;
  recommendationId = (
    await m.recommend(
      mdtCase,
      [
        { kind: 'crs_hipec', dueDate: '2026-02-15', detail: 'CRS + HIPEC' },
        { kind: 'chemotherapy', dueDate: '2026-04-01', timing: 'adjuvant' },
      ],
      { summary: '建议 CRS + HIPEC，术后辅助化疗', guideline: 'NCCN Colon', guidelineVersion: '2026.1' },
    )
  ).id;
  // Recording the pathology made the follow-up plan (the follow-up feature's own subscription); one visit is done.
  const [plan] = await w.db.select().from(followUpPlans).where(eq(followUpPlans.patientId, patientId));
  followUpPlanId = plan!.id;
  followUpPlanStart = plan!.startDate;
  const [first] = await w.db.select().from(followUpItems).where(eq(followUpItems.planId, plan!.id)).orderBy(followUpItems.dueDate).limit(1);
  await w.db.update(followUpItems).set({ status: 'done' }).where(eq(followUpItems.id, first!.id));
  // A patient referred by hospital A: its external doctor sees them; hospital B's does not.
  externalPatientId = (await aPatient(w.homeOrgId, { name: '李外院', sourceOrganizationId: w.orgA }).build(w.db)).id;
}, 120_000);
afterAll(async () => w?.close());

async function auditOf(res: { headers: Record<string, unknown> }) {
  return w.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.requestId, res.headers['x-request-id'] as string));
}

describe('the validator', () => {
  it('is a real R4 validator: it refuses unknown elements, wrong types and missing required elements', async () => {
    const { fhirProblems } = await import('./support/fhir.js');
    expect(fhirProblems({ resourceType: 'Patient', birthDate: '2026-13-45' }).length).toBeGreaterThan(0);
    expect(fhirProblems({ resourceType: 'Observation', code: { text: 'x' } } as Observation).join()).toContain('status');
    expect(fhirProblems({ resourceType: 'Patient', foo: 1 } as unknown as Patient).length).toBeGreaterThan(0);
    expect(fhirProblems({ resourceType: 'Patient', gender: 'male' })).toEqual([]);
  });
});

describe('GET /fhir/R4/metadata', () => {
  it('answers a valid CapabilityStatement without a session, listing the served types', async () => {
    const res = await w.app.inject({ method: 'GET', url: '/fhir/R4/metadata' });
    const cs = fhirBody<CapabilityStatement>(res);
    expectValidFhir(cs);
    expect(cs.fhirVersion).toBe('4.0.1');
    expect(cs.rest![0]!.resource!.map((r) => r.type)).toEqual([
      'Patient',
      'Condition',
      'Observation',
      'Procedure',
      'Encounter',
      'CarePlan',
      'AuditEvent',
      'Group',
    ]);
    expect(cs.rest![0]!.resource![0]!.searchRevInclude).toContain('Condition:subject');
    expect(cs.rest![0]!.resource![1]!.searchInclude).toEqual(['Condition:subject', 'Condition:patient']);
    expect(cs.rest![0]!.resource![0]!.operation?.map((o) => o.name)).toEqual(['everything', 'export']);
  });
});

describe('Patient', () => {
  it('reads the patient by the /api id with 住院号 and, for a role with patient:read_id, the ID number; audited', async () => {
    const res = await call('surgeon', 'GET', `/fhir/R4/Patient/${patientId}`);
    const pt = fhirBody<Patient>(res);
    expectValidFhir(pt);
    expect(pt.id).toBe(patientId);
    expect(pt.meta?.profile).toEqual([FHIR_PROFILES.cancerPatient]);
    expect(pt.identifier).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ system: FHIR_SYSTEMS.inpatientNo, value: inpatientNo }),
        expect.objectContaining({ system: FHIR_SYSTEMS.residentId, value: idNumber }),
      ]),
    );
    expect(await auditOf(res)).toMatchObject([{ action: 'fhir.read', outcome: 'success', resourceType: 'Patient', patientId }]);
  });

  it('leaves the ID number out for a role without patient:read_id (resident)', async () => {
    const pt = fhirBody<Patient>(await call('resident', 'GET', `/fhir/R4/Patient/${patientId}`));
    expect(pt.identifier?.map((i) => i.system)).toEqual([FHIR_SYSTEMS.inpatientNo]);
    expect(JSON.stringify(pt)).not.toContain(idNumber.slice(6, 14));
  });

  it('searches by name characters, full pinyin and initials, and by identifier, as searchset Bundles', async () => {
    for (const name of ['王小', 'wangxiaoming', 'wxm']) {
      const b = fhirBody<Bundle>(await call('surgeon', 'GET', `/fhir/R4/Patient?name=${encodeURIComponent(name)}`));
      expectValidFhir(b);
      expect(b.type).toBe('searchset');
      expect(entriesOf(b).map((r) => r.id)).toContain(patientId);
    }
    const byNo = fhirBody<Bundle>(
      await call('surgeon', 'GET', `/fhir/R4/Patient?identifier=${encodeURIComponent(`${FHIR_SYSTEMS.inpatientNo}|${inpatientNo}`)}`),
    );
    expect(entriesOf(byNo).map((r) => r.id)).toEqual([patientId]);
    // The ID number finds nobody for a role that may not read it.
    const byId = fhirBody<Bundle>(await call('resident', 'GET', `/fhir/R4/Patient?identifier=${idNumber}`));
    expect(byId.total).toBe(0);
  });

  it('pages with _count and next/previous links', async () => {
    for (let i = 0; i < 3; i++) await aPatient(w.homeOrgId, { name: `分页${i}` }).build(w.db);
    const first = fhirBody<Bundle>(await call('surgeon', 'GET', '/fhir/R4/Patient?name=fenye&_count=2'));
    expect(first.total).toBe(3);
    expect(first.entry).toHaveLength(2);
    const next = first.link!.find((l) => l.relation === 'next')!.url;
    const second = fhirBody<Bundle>(await call('surgeon', 'GET', next.replace(/^https?:\/\/[^/]+/, '')));
    expect(second.entry).toHaveLength(1);
    expect(second.link!.some((l) => l.relation === 'previous')).toBe(true);
    expect(second.link!.some((l) => l.relation === 'next')).toBe(false);
    // Past the last page and with _count=0 the total is still counted (no row carries it); with another
    // parameter beside the name the general query answers the same.
    for (const url of [
      '/fhir/R4/Patient?name=fenye&_count=2&_page=3',
      '/fhir/R4/Patient?name=fenye&_count=0',
      '/fhir/R4/Patient?name=fenye&_count=2&_page=3&birthdate=ge1900-01-01',
    ]) {
      const b = fhirBody<Bundle>(await call('surgeon', 'GET', url));
      expect(b.total, url).toBe(3);
      expect(b.entry ?? [], url).toHaveLength(0);
    }
    // A prefix of the pinyin, of the characters, and a name nobody has.
    expect(fhirBody<Bundle>(await call('surgeon', 'GET', '/fhir/R4/Patient?name=feny')).total).toBe(3);
    expect(fhirBody<Bundle>(await call('surgeon', 'GET', `/fhir/R4/Patient?name=${encodeURIComponent('分页')}`)).total).toBe(3);
    expect(fhirBody<Bundle>(await call('surgeon', 'GET', '/fhir/R4/Patient?name=fenyf')).total).toBe(0);
  });
});

describe('clinical resources', () => {
  it('serves every resource of the record valid against R4 with the mCODE profiles named in meta.profile', async () => {
    const all: Resource[] = [];
    for (const type of ['Condition', 'Observation', 'Procedure', 'Encounter']) {
      const b = fhirBody<Bundle>(await call('surgeon', 'GET', `/fhir/R4/${type}?patient=${patientId}`));
      expectValidFhir(b);
      all.push(...entriesOf(b));
    }
    const profiles = new Set(all.flatMap((r) => r.meta?.profile ?? []));
    for (const p of [
      FHIR_PROFILES.primaryCancerCondition,
      FHIR_PROFILES.secondaryCancerCondition,
      FHIR_PROFILES.tnmStageGroup,
      FHIR_PROFILES.tnmPrimaryTumor,
      FHIR_PROFILES.tnmRegionalNodes,
      FHIR_PROFILES.tnmDistantMetastases,
      FHIR_PROFILES.tumorMarkerTest,
      FHIR_PROFILES.ecog,
      FHIR_PROFILES.karnofsky,
      FHIR_PROFILES.pci,
      FHIR_PROFILES.ccScore,
      FHIR_PROFILES.cancerSurgery,
      FHIR_PROFILES.hipec,
      FHIR_PROFILES.stay,
    ]) {
      expect(profiles, p).toContain(p);
    }
  });

  it('maps the diagnosis to Primary/SecondaryCancerCondition with ICD-10, ICD-O-3 and the computed stage', async () => {
    const b = fhirBody<Bundle>(await call('surgeon', 'GET', `/fhir/R4/Condition?patient=Patient/${patientId}`));
    const [primary, secondary] = entriesOf<Condition>(b);
    expect(primary!.code!.coding![0]).toMatchObject({ system: FHIR_SYSTEMS.icd10, code: 'C18.7' });
    expect(primary!.extension![0]!.valueCodeableConcept!.coding![0]).toMatchObject({ system: FHIR_SYSTEMS.icdO3, code: '8140/3' });
    expect(primary!.stage![0]!.summary!.coding![0]!.code).toBe('IVC');
    expect(secondary!.code!.coding![0]!.code).toBe('C78.6');
    expect(secondary!.extension![0]!.valueReference!.reference).toBe(`Condition/${diagnosisId}`);
  });

  it('maps staging, markers, ECOG/KPS, PCI and CC to coded observations; searchable by code and date', async () => {
    const b = fhirBody<Bundle>(await call('surgeon', 'GET', `/fhir/R4/Observation?patient=${patientId}`));
    const obs = entriesOf<Observation>(b);
    const byId = new Map(obs.map((o) => [o.id, o]));
    expect(byId.get(`${diagnosisId}-ctnm`)!.valueCodeableConcept!.coding![0]!.code).toBe('IVC');
    expect(byId.get(`${diagnosisId}-ct`)!.valueCodeableConcept!.text).toBe('cT4a');
    expect(byId.get(`${operationId}-pn`)!.valueCodeableConcept!.text).toBe('pN1b');
    expect(byId.get(`${operationId}-pci`)!.valueInteger).toBe(9);
    expect(byId.get(`${operationId}-cc`)!.valueCodeableConcept!.coding![0]!.code).toBe('CC-0');
    const cea = obs.find((o) => o.code?.coding?.[0]?.code === '19166-8')!;
    expect(cea.valueQuantity).toMatchObject({ value: 7.2, unit: 'ng/mL' });
    expect(obs.find((o) => o.code?.coding?.[0]?.code === '89247-1')!.valueInteger).toBe(1);
    expect(obs.find((o) => o.code?.coding?.[0]?.code === '89243-0')!.valueInteger).toBe(80);
    const ecog = fhirBody<Bundle>(await call('surgeon', 'GET', `/fhir/R4/Observation?patient=${patientId}&code=http://loinc.org|89247-1`));
    expect(entriesOf(ecog)).toHaveLength(1);
    const feb = fhirBody<Bundle>(await call('surgeon', 'GET', `/fhir/R4/Observation?patient=${patientId}&date=ge2026-02-01`));
    expect(entriesOf<Observation>(feb).every((o) => o.effectiveDateTime! >= '2026-02-01')).toBe(true);
    expect(entriesOf(feb).length).toBeGreaterThan(0);
  });

  it('maps the operation to a CancerRelatedSurgicalProcedure with approach and conversion, and the HIPEC with drug and dose', async () => {
    const b = fhirBody<Bundle>(await call('surgeon', 'GET', `/fhir/R4/Procedure?patient=${patientId}`));
    const procs = entriesOf<Procedure>(b);
    const main = procs.find((p) => p.id === operationId)!;
    expect(main.reasonReference).toEqual([{ reference: `Condition/${diagnosisId}` }]);
    const ext = (url: string) => main.extension!.find((e) => e.url === url)?.valueCodeableConcept?.coding?.[0]?.code;
    expect(ext('https://gisurg.org/fhir/StructureDefinition/operation-approach')).toBe('converted');
    expect(ext('https://gisurg.org/fhir/StructureDefinition/converted-from')).toBe('laparoscopic');
    const hipec = procs.find((p) => p.id === `${operationId}-hipec`)!;
    const drug = hipec.extension!.find((e) => e.url.endsWith('/hipec-drug'))!;
    expect(drug.extension!.find((e) => e.url === 'totalDose')!.valueQuantity!.value).toBe(828);
    expect(drug.extension!.find((e) => e.url === 'dose')!.valueQuantity).toMatchObject({ value: 460, unit: 'mg/m2' });
  });

  it('reads single resources by id and answers $everything', async () => {
    for (const [type, id] of [
      ['Condition', diagnosisId],
      ['Observation', `${operationId}-pci`],
      ['Procedure', operationId],
    ] as const) {
      const r = fhirBody(await call('surgeon', 'GET', `/fhir/R4/${type}/${id}`));
      expectValidFhir(r);
      expect(r.id).toBe(id);
    }
    const res = await call('surgeon', 'GET', `/fhir/R4/Patient/${patientId}/$everything`);
    const b = fhirBody<Bundle>(res);
    expectValidFhir(b);
    expect(entriesOf(b)[0]).toMatchObject({ resourceType: 'Patient', id: patientId });
    expect(new Set(entriesOf(b).map((r) => r.resourceType))).toEqual(
      new Set(['Patient', 'Condition', 'Observation', 'Procedure', 'Encounter', 'CarePlan']),
    );
    expect(await auditOf(res)).toMatchObject([{ action: 'fhir.everything', patientId }]);
  });
});

describe('CarePlan', () => {
  it('maps the board recommendation: intent, meeting date, the board as author, plan items with due dates; valid R4', async () => {
    const res = await call('surgeon', 'GET', `/fhir/R4/CarePlan?patient=${patientId}`);
    const b = fhirBody<Bundle>(res);
    expectValidFhir(b);
    const plans = entriesOf<CarePlan>(b);
    expect(plans.map((p) => p.id).sort()).toEqual([recommendationId, followUpPlanId].sort());
    const rec = plans.find((p) => p.id === recommendationId)!;
    expect(rec).toMatchObject({
      status: 'active',
      intent: 'plan',
      subject: { reference: `Patient/${patientId}` },
      description: '建议 CRS + HIPEC，术后辅助化疗',
      author: { type: 'CareTeam', identifier: { system: FHIR_SYSTEMS.gisurgMdtMeeting }, display: '结直肠 MDT' },
      meta: { profile: [FHIR_PROFILES.tumorBoardCarePlan] },
    });
    expect(rec.category!.map((c) => c.coding![0]!.code)).toEqual(['assess-plan', 'tumor-board-recommendation']);
    expect(rec.extension!.find((e) => e.url.endsWith('/treatment-intent'))!.valueCodeableConcept!.coding![0]!.code).toBe('373808002');
    expect(rec.extension!.find((e) => e.url.endsWith('/mdt-meeting-date'))!.valueDate).toBe('2026-11-27');
    expect(rec.activity!.map((a) => [a.detail!.code!.coding![0]!.code, a.detail!.status, a.detail!.scheduledPeriod!.end])).toEqual([
      ['crs_hipec', 'not-started', '2026-02-15'],
      ['chemotherapy', 'not-started', '2026-04-01'],
    ]);
    expect(rec.text!.div).toContain('xmlns="http://www.w3.org/1999/xhtml"');
    expect(await auditOf(res)).toMatchObject([{ action: 'fhir.search', resourceType: 'CarePlan', patientId }]);
  });

  it('maps the follow-up plan: the diagnosis it addresses, the operation, the visits and tests with their due days', async () => {
    const fu = fhirBody<CarePlan>(await call('nurse', 'GET', `/fhir/R4/CarePlan/${followUpPlanId}`));
    expectValidFhir(fu);
    expect(fu).toMatchObject({
      status: 'active',
      period: { start: followUpPlanStart },
      addresses: [{ reference: `Condition/${diagnosisId}` }],
      supportingInfo: [{ reference: `Procedure/${operationId}` }],
      meta: { profile: [FHIR_PROFILES.followUpCarePlan] },
    });
    const items = await w.db
      .select()
      .from(followUpItems)
      .where(eq(followUpItems.planId, followUpPlanId))
      .orderBy(followUpItems.dueDate, followUpItems.kind);
    expect(items.length).toBeGreaterThan(3);
    const acts = fu.activity!.map((a) => [a.detail!.code!.coding![0]!.code, a.detail!.scheduledTiming!.event![0]]);
    expect(acts).toEqual(items.map((i) => [i.kind, i.dueDate]));
    expect(fu.activity!.filter((a) => a.detail!.status === 'completed')).toHaveLength(1);
    expect(fu.activity!.filter((a) => a.detail!.status === 'scheduled')).toHaveLength(items.length - 1);
  });

  it('searches by date, category and _id; a role without followup:read sees only the recommendation', async () => {
    const ids = async (q: string, who: 'surgeon' | 'student' = 'surgeon') =>
      entriesOf(fhirBody<Bundle>(await call(who, 'GET', `/fhir/R4/CarePlan?patient=${patientId}${q}`))).map((r) => r.id);
    // The recommendation starts on its decision day (the test clock's 2026-11-26), the follow-up plan on the operation day.
    expect(await ids('&date=ge2026-11-01')).toEqual([recommendationId]);
    expect(await ids('&date=lt2026-11-01')).toEqual([followUpPlanId]);
    expect(await ids('&category=follow-up-plan')).toEqual([followUpPlanId]);
    expect(await ids(`&_id=${recommendationId}`)).toEqual([recommendationId]);
    expect(await ids('', 'student')).toEqual([recommendationId]);
    fhirBody(await call('student', 'GET', `/fhir/R4/CarePlan/${followUpPlanId}`), 404);
    fhirBody(await call('external_doctor', 'GET', `/fhir/R4/CarePlan/${recommendationId}`), 404);
  });
});

describe('_include and _revinclude', () => {
  it('includes the subject Patient in a clinical search (search.mode include), audited', async () => {
    const res = await call('surgeon', 'GET', `/fhir/R4/Condition?patient=${patientId}&_include=Condition:subject`);
    const b = fhirBody<Bundle>(res);
    expectValidFhir(b);
    const modes = b.entry!.map((e) => [e.resource!.resourceType, e.search!.mode]);
    expect(modes).toEqual([
      ['Condition', 'match'],
      ['Condition', 'match'],
      ['Patient', 'include'],
    ]);
    expect(b.total).toBe(2);
    expect(b.link!.find((l) => l.relation === 'self')!.url).toContain('_include=Condition%3Asubject');
    expect((await auditOf(res))[0]!.details).toMatchObject({ included: [`Patient/${patientId}`] });
  });

  it('adds the patients’ resources to a Patient search with _revinclude (several types)', async () => {
    const res = await call(
      'surgeon',
      'GET',
      `/fhir/R4/Patient?_id=${patientId}&_revinclude=Condition:subject&_revinclude=Procedure:subject&_revinclude=CarePlan:subject`,
    );
    const b = fhirBody<Bundle>(res);
    expectValidFhir(b);
    expect(b.entry![0]).toMatchObject({ resource: { id: patientId }, search: { mode: 'match' } });
    const included = b.entry!.slice(1);
    expect(included.every((e) => e.search!.mode === 'include')).toBe(true);
    expect(new Set(included.map((e) => e.resource!.resourceType))).toEqual(new Set(['Condition', 'Procedure', 'CarePlan']));
    expect(included.map((e) => e.resource!.id)).toContain(operationId);
    const self = new URL(b.link!.find((l) => l.relation === 'self')!.url);
    expect(self.searchParams.getAll('_revinclude')).toEqual(['Condition:subject', 'Procedure:subject', 'CarePlan:subject']);
    expect(((await auditOf(res))[0]!.details as { included: string[] }).included).toContain(`Procedure/${operationId}`);
  });

  it('refuses an unsupported _include with a 400 OperationOutcome; an external doctor gets only their hospital’s resources', async () => {
    const bad = fhirBody<OperationOutcome>(
      await call('surgeon', 'GET', `/fhir/R4/Condition?patient=${patientId}&_include=Condition:asserter`),
      400,
    );
    expect(bad.issue[1]!.expression).toEqual(['query._include[0]']);
    const ext = fhirBody<Bundle>(
      await call('external_doctor', 'GET', '/fhir/R4/Patient?_revinclude=Condition:subject&_revinclude=CarePlan:subject'),
    );
    expect(entriesOf(ext).every((r) => r.id === externalPatientId || JSON.stringify(r).includes(`Patient/${externalPatientId}`))).toBe(
      true,
    );
    const inc = fhirBody<Bundle>(
      await call('external_doctor', 'GET', `/fhir/R4/Condition?patient=${patientId}&_include=Condition:subject`),
    );
    expect(inc.entry ?? []).toEqual([]);
  });
});

describe('AuditEvent', () => {
  it('shows the audit administrator who accessed the patient’s record, mapped to R4 AuditEvents', async () => {
    const read = await call('resident', 'GET', `/fhir/R4/Condition/${diagnosisId}`);
    expect(read.statusCode).toBe(200);
    const res = await call('audit_admin', 'GET', `/fhir/R4/AuditEvent?patient=${patientId}&agent=${w.users.resident.id}&_count=200`);
    const b = fhirBody<Bundle>(res);
    expectValidFhir(b);
    const events = entriesOf<AuditEvent>(b);
    const ev = events.find((e) => e.entity?.some((x) => x.what?.reference === `Condition/${diagnosisId}`))!;
    expect(ev).toMatchObject({
      action: 'R',
      outcome: '0',
      subtype: [{ system: FHIR_SYSTEMS.gisurgAuditAction, code: 'fhir.read' }],
      agent: [
        {
          who: { identifier: { system: FHIR_SYSTEMS.gisurgUser, value: w.users.resident.id } },
          role: [{ coding: [{ code: 'resident' }] }],
          requestor: true,
        },
      ],
      meta: { profile: [FHIR_PROFILES.patientRecordAccess] },
    });
    expect(ev.entity![0]).toMatchObject({ what: { reference: `Patient/${patientId}` }, role: { code: '1' } });
    expect(events.every((e) => e.agent[0]!.who!.identifier!.value === w.users.resident.id)).toBe(true);
    // Searches are E (execute); creates C.
    const searches = entriesOf<AuditEvent>(
      fhirBody<Bundle>(await call('department_head', 'GET', `/fhir/R4/AuditEvent?patient=${patientId}&action=E`)),
    );
    expect(searches.length).toBeGreaterThan(0);
    expect(searches.every((e) => e.action === 'E')).toBe(true);
    const created = entriesOf<AuditEvent>(
      fhirBody<Bundle>(await call('department_head', 'GET', `/fhir/R4/AuditEvent?entity=Patient/${patientId}&action=C`)),
    );
    expect(created.map((e) => e.subtype![0]!.code)).toContain('oncology.diagnosis.create');
    // Read by id; reading the audit is audited in turn.
    const one = await call('audit_admin', 'GET', `/fhir/R4/AuditEvent/${ev.id}`);
    expectValidFhir(fhirBody<AuditEvent>(one));
    expect(await auditOf(one)).toMatchObject([{ action: 'fhir.read', resourceType: 'AuditEvent', resourceId: ev.id }]);
    expect(await auditOf(res)).toMatchObject([{ action: 'fhir.search', resourceType: 'AuditEvent' }]);
  });

  it('filters by date; clinical roles get 403, researchers 404', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const none = fhirBody<Bundle>(await call('audit_admin', 'GET', `/fhir/R4/AuditEvent?patient=${patientId}&date=lt2000-01-01`));
    expect(none.total).toBe(0);
    const recent = fhirBody<Bundle>(
      await call('audit_admin', 'GET', `/fhir/R4/AuditEvent?patient=${patientId}&date=ge${today.slice(0, 4)}-01-01&_count=1`),
    );
    expect(recent.total).toBeGreaterThan(1);
    expect(recent.entry).toHaveLength(1);
    fhirBody(await call('surgeon', 'GET', `/fhir/R4/AuditEvent?patient=${patientId}`), 403);
    fhirBody(await call('researcher', 'GET', `/fhir/R4/AuditEvent?patient=${patientId}`), 404);
    const badAction = fhirBody<OperationOutcome>(await call('audit_admin', 'GET', '/fhir/R4/AuditEvent?action=X'), 400);
    expect(badAction.issue[1]!.diagnostics).toBe('action 应为 C、R、U、D 或 E / action must be C, R, U, D or E');
  });
});

describe('errors and isolation', () => {
  it('answers 401 OperationOutcome without a session, and 400 with zh/en messages for bad parameters', async () => {
    const anon = await w.app.inject({ method: 'GET', url: `/fhir/R4/Patient/${patientId}` });
    const oo = fhirBody<OperationOutcome>(anon, 401);
    expectValidFhir(oo);
    expect(oo.issue[0]!.code).toBe('login');
    const bad = await call('surgeon', 'GET', '/fhir/R4/Patient?_count=5000');
    const o2 = fhirBody<OperationOutcome>(bad, 400);
    expectValidFhir(o2);
    expect(o2.issue[1]).toMatchObject({
      expression: ['query._count'],
      diagnostics: '_count 应在 0 到 200 之间 / _count must be between 0 and 200',
    });
    const noPatient = fhirBody<OperationOutcome>(await call('surgeon', 'GET', '/fhir/R4/Condition'), 400);
    expect(noPatient.issue[1]!.expression).toEqual(['patient']);
    const en = await w.app.inject({
      method: 'GET',
      url: '/fhir/R4/Condition',
      headers: { cookie: await w.as('surgeon'), 'accept-language': 'en' },
    });
    expect(fhirBody<OperationOutcome>(en, 400).issue[1]!.details!.text).toContain('patient parameter');
    const unsupported = fhirBody<OperationOutcome>(await call('surgeon', 'GET', '/fhir/R4/Medication'), 404);
    expect(unsupported.issue[0]!.code).toBe('not-found');
    // Researchers are answered 404 on identifiable routes, as if they did not exist (issue 14), FHIR included;
    // a role without the permission otherwise gets 403 (the external doctor's other-hospital case is 404 below).
    const researcher = fhirBody<OperationOutcome>(await call('researcher', 'GET', `/fhir/R4/Patient/${patientId}`), 404);
    expect(researcher.issue[0]!.code).toBe('not-found');
  });

  it('gives an external doctor only their own hospital’s patients: 404 on reads, absent from searches', async () => {
    const home = await call('external_doctor', 'GET', `/fhir/R4/Patient/${patientId}`);
    expectValidFhir(fhirBody<OperationOutcome>(home, 404));
    const [denied] = await auditOf(home);
    expect(denied).toMatchObject({ action: 'access.denied', outcome: 'not_found', resourceType: 'Patient', resourceId: patientId });
    fhirBody(await call('external_doctor', 'GET', `/fhir/R4/Condition/${diagnosisId}`), 404);
    fhirBody(await call('external_doctor', 'GET', `/fhir/R4/Patient/${patientId}/$everything`), 404);
    const search = fhirBody<Bundle>(await call('external_doctor', 'GET', '/fhir/R4/Patient?name=wang'));
    expect(entriesOf(search).map((r) => r.id)).not.toContain(patientId);
    const cond = fhirBody<Bundle>(await call('external_doctor', 'GET', `/fhir/R4/Condition?patient=${patientId}`));
    expect(cond.total).toBe(0);
    // Hospital A's doctor sees their referral; hospital B's does not.
    fhirBody(await call('external_doctor', 'GET', `/fhir/R4/Patient/${externalPatientId}`), 200);
    fhirBody(await call('extB', 'GET', `/fhir/R4/Patient/${externalPatientId}`), 404);
    const all = fhirBody<Bundle>(await call('external_doctor', 'GET', '/fhir/R4/Patient'));
    expect(entriesOf(all).map((r) => r.id)).toEqual([externalPatientId]);
    const rows = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'fhir.search'), eq(auditLog.actorId, w.users.external_doctor.id)));
    expect(rows.length).toBeGreaterThan(0);
  });
});
