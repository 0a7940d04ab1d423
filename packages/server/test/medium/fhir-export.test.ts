import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CapabilityStatement, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FhirExportManifest } from '@gisurg/contracts/fhir-export';
import { admissions, auditLog, fhirExports, mdtCases, mdtMeetings, patients } from '../../src/db/schema/index.js';
import { featureJobs } from '../../src/features/index.js';
import { JobQueue } from '../../src/jobs/queue.js';
import { aDiagnosis, aMarker, anOperation, aPatient, aUser } from './support/builders.js';
import { expectValidFhir, fhirBody } from './support/fhir.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

/**
 * FHIR Bulk Data $export (issue 13; docs/fhir.md "Bulk export"): kick-off at system, Patient and Group level,
 * status polling, manifest, NDJSON files (valid R4, equal to what reads return), `_type`, `_since`, cancellation,
 * expiry, bad parameters, and isolation (an external hospital's client exports only its patients; nobody else
 * reads another caller's export). The export runs through the real job queue.
 */
let w: TestWorld;
let queue: JobQueue;
let home1: { patient: string; diagnosis: string; marker: string; operation: string };
let home2: string;
let ofA: { patient: string; diagnosis: string; marker: string; operation: string };
let ofB: string;
let meeting: string;
let otherHead: string;
const jobErrors: unknown[] = [];

async function record(patient: string) {
  const diagnosis = (await aDiagnosis(patient).build(w.db)).id;
  return {
    patient,
    diagnosis,
    marker: (await aMarker(patient).build(w.db)).id,
    operation: (await anOperation(patient, { diagnosisId: diagnosis }).build(w.db)).id,
  };
}

beforeAll(async () => {
  w = await createTestWorld();
  home1 = await record((await aPatient(w.homeOrgId, { name: '周一' }).build(w.db)).id);
  home2 = (await aPatient(w.homeOrgId, { name: '周二' }).build(w.db)).id;
  await aDiagnosis(home2).build(w.db);
  ofA = await record((await aPatient(w.homeOrgId, { name: '周甲', sourceOrganizationId: w.orgA }).build(w.db)).id);
  ofB = (await aPatient(w.homeOrgId, { name: '周乙', sourceOrganizationId: w.orgB }).build(w.db)).id;
  await w.db.insert(admissions).values({
    patientId: home1.patient,
    organizationId: w.homeOrgId,
    status: 'discharged',
    admittedAt: new Date('2026-01-20T02:00:00Z'),
    dischargedAt: new Date('2026-02-10T02:00:00Z'),
    source: 'outpatient',
  });
  // `_since`: every patient last changed in 2025, except home1 (2026-06-01).
  await w.db.update(patients).set({ updatedAt: new Date('2025-03-01T00:00:00Z') });
  await w.db
    .update(patients)
    .set({ updatedAt: new Date('2026-06-01T00:00:00Z') })
    .where(eq(patients.id, home1.patient));
  // The Group: a tumor-board meeting with the cases of home1 and of hospital A's patient.
  const [m] = await w.db
    .insert(mdtMeetings)
    .values({ tumorGroup: 'gastric', kind: 'inter', startsAt: new Date('2026-11-20T08:00:00Z') })
    .returning();
  meeting = m!.id;
  for (const [patientId, org, by] of [
    [home1.patient, w.homeOrgId, w.users.surgeon.id],
    [ofA.patient, w.orgA, w.users.external_doctor.id],
  ] as const) {
    await w.db.insert(mdtCases).values({
      meetingId: meeting,
      patientId,
      submittingOrganizationId: org,
      submittedBy: by,
      question: '手术方案？',
      snapshot: {},
      snapshotAt: new Date('2026-11-19T08:00:00Z'),
    });
  }
  otherHead = (await aUser('department_head', w.homeOrgId).build(w.db)).username;
  queue = new JobQueue(w.database, featureJobs(w.config, w.database), {
    clock: w.clock,
    pollMs: 3_600_000,
    onError: (e) => jobErrors.push(e),
  });
}, 120_000);
afterAll(async () => w?.close());

const ASYNC = { prefer: 'respond-async' };
const get = (url: string, headers: Record<string, string>) => w.app.inject({ method: 'GET', url, headers });

async function kickOff(url: string, headers: Record<string, string>): Promise<string> {
  const res = await get(url, { ...ASYNC, ...headers });
  expect(res.statusCode, res.body).toBe(202);
  expectValidFhir(res.json<OperationOutcome>());
  const location = res.headers['content-location'] as string;
  expect(location).toMatch(/^http:\/\/localhost(:\d+)?\/fhir\/R4\/\$export-status\/[0-9a-f-]{36}$/);
  return new URL(location).pathname;
}

/** Kick off, run the queue, and read the manifest. */
async function exportOf(url: string, headers: Record<string, string>): Promise<{ status: string; manifest: FhirExportManifest }> {
  const status = await kickOff(url, headers);
  await queue.runDue();
  const res = await get(status, headers);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  return { status, manifest: res.json<FhirExportManifest>() };
}

function lines(res: LightMyRequestResponse): Resource[] {
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/fhir\+ndjson/);
  return res.body
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Resource);
}

/** Every resource of every file of the manifest, by type. */
async function download(manifest: FhirExportManifest, headers: Record<string, string>): Promise<Map<string, Resource[]>> {
  const out = new Map<string, Resource[]>();
  for (const o of manifest.output) {
    const rs = lines(await get(new URL(o.url).pathname, headers));
    expect(rs.length, o.type).toBe(o.count);
    expect(rs.every((r) => r.resourceType === o.type)).toBe(true);
    out.set(o.type, rs);
  }
  return out;
}

const patientOf = (r: Resource): string | undefined =>
  r.resourceType === 'Patient' ? r.id : (r as { subject?: { reference?: string } }).subject?.reference?.replace('Patient/', '');

describe('kick-off parameters', () => {
  it('refuses a kick-off without Prefer: respond-async and bad parameters with a 400 OperationOutcome', async () => {
    const cookie = await w.as('department_head');
    const noPrefer = await get('/fhir/R4/$export', { cookie });
    expect(noPrefer.statusCode).toBe(400);
    expectValidFhir(fhirBody<OperationOutcome>(noPrefer, 400));
    for (const [query, field] of [
      ['_type=Medication', 'query._type'],
      ['_type=Patient,Nope', 'query._type'],
      ['_since=2026-13-01', 'query._since'],
      ['_since=2026-11-01', 'query._since'],
      ['_outputFormat=text/csv', 'query._outputFormat'],
      ['_typeFilter=Condition%3Fcode%3DC16.3', 'query._typeFilter'],
      ['_elements=id', 'query._elements'],
    ] as const) {
      const res = await get(`/fhir/R4/$export?${query}`, { cookie, ...ASYNC });
      const oo = fhirBody<OperationOutcome>(res, 400);
      expectValidFhir(oo);
      expect(
        oo.issue.flatMap((i) => i.expression ?? []).some((e) => e === field || e.startsWith(`${field}[`)),
        query,
      ).toBe(true);
      expect(oo.issue[1]!.diagnostics).toMatch(/ \/ /);
    }
    expect(await w.db.select().from(fhirExports)).toEqual([]);
  });
});

describe('system export by the department head', () => {
  let status: string;
  let manifest: FhirExportManifest;

  it('answers 202 with progress while queued, then the manifest; files are valid R4 equal to what reads return', async () => {
    const cookie = await w.as('department_head');
    status = await kickOff('/fhir/R4/$export?_outputFormat=application%2Ffhir%2Bndjson', { cookie });
    const queued = await get(status, { cookie });
    expect(queued.statusCode).toBe(202);
    expect(queued.headers['x-progress']).toBe('queued');
    expect(queued.headers['retry-after']).toBe('5');
    expect(await queue.runDue()).toBe(1);
    expect(jobErrors).toEqual([]);
    const res = await get(status, { cookie });
    expect(res.statusCode, res.body).toBe(200);
    manifest = res.json<FhirExportManifest>();
    expect(manifest).toMatchObject({
      requiresAccessToken: true,
      request: expect.stringMatching(/^http:\/\/localhost(:\d+)?\/fhir\/R4\/\$export\?_outputFormat=application%2Ffhir%2Bndjson$/),
      error: [],
    });
    expect(new Date(manifest.transactionTime).toISOString()).toBe(manifest.transactionTime);
    expect(manifest.output.map((o) => o.type)).toEqual(['Patient', 'Condition', 'Observation', 'Procedure', 'Encounter']);
    const files = await download(manifest, { cookie });
    // The home hospital's head sees every patient the department keeps (also those referred by A and B).
    expect(
      files
        .get('Patient')!
        .map((r) => r.id)
        .sort(),
    ).toEqual([home1.patient, home2, ofA.patient, ofB].sort());
    for (const rs of files.values()) for (const r of rs) expectValidFhir(r);
    // Each line is what the read of that resource answers.
    for (const [type, id] of [
      ['Patient', home1.patient],
      ['Condition', home1.diagnosis],
      ['Observation', home1.marker],
      ['Observation', `${home1.diagnosis}-ctnm`],
      ['Procedure', home1.operation],
    ] as const) {
      const line = files.get(type)!.find((r) => r.id === id);
      expect(line, `${type}/${id}`).toBeDefined();
      expect(line).toEqual(fhirBody(await get(`/fhir/R4/${type}/${id}`, { cookie })));
    }
    expect(files.get('Encounter')!.map(patientOf)).toEqual([home1.patient]);
  });

  it('writes one audit row for the export (types and counts, no patient ids) and one per file download', async () => {
    const id = status.split('/').pop()!;
    const rows = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.resourceId, id), inArray(auditLog.action, ['fhir.export', 'fhir.export.download'])));
    const exportRows = rows.filter((r) => r.action === 'fhir.export');
    expect(exportRows).toHaveLength(1);
    expect(exportRows[0]).toMatchObject({
      outcome: 'success',
      actorId: w.users.department_head.id,
      resourceType: 'fhir_export',
      patientId: null,
      details: {
        level: 'system',
        types: ['Patient', 'Condition', 'Observation', 'Procedure', 'Encounter'],
        patients: 4,
        counts: Object.fromEntries(manifest.output.map((o) => [o.type, o.count])),
      },
    });
    expect(JSON.stringify(exportRows[0]!.details)).not.toContain(home1.patient);
    expect(rows.filter((r) => r.action === 'fhir.export.download').map((r) => (r.details as { type: string }).type)).toEqual(
      manifest.output.map((o) => o.type),
    );
  });

  it('lets nobody else read the status or the files: another department head, a client, other roles', async () => {
    const fileUrl = new URL(manifest.output[0]!.url).pathname;
    const other = await w.login(otherHead);
    for (const url of [status, fileUrl]) {
      expect((await get(url, { cookie: other })).statusCode, url).toBe(404);
      expect((await get(url, { cookie: await w.as('surgeon') })).statusCode, url).toBe(403);
      expect((await get(url, { cookie: await w.as('researcher') })).statusCode, url).toBe(404);
      expect((await get(url, {})).statusCode, url).toBe(401);
    }
    expect((await w.app.inject({ method: 'DELETE', url: status, headers: { cookie: other } })).statusCode).toBe(404);
    const missing = await get(fileUrl.replace(/[A-Za-z]+\.ndjson$/, 'Medication.ndjson'), { cookie: await w.as('department_head') });
    expect(missing.statusCode).toBe(404);
    expectValidFhir(missing.json<OperationOutcome>());
  });

  it('cancels a complete export: 202, then the status and files are gone', async () => {
    const cookie = await w.as('department_head');
    const fileUrl = new URL(manifest.output[0]!.url).pathname;
    const del = await w.app.inject({ method: 'DELETE', url: status, headers: { cookie } });
    expect(del.statusCode, del.body).toBe(202);
    expect((await get(status, { cookie })).statusCode).toBe(404);
    expect((await get(fileUrl, { cookie })).statusCode).toBe(404);
    expect(existsSync(path.join(w.config.dataDir, 'fhir-exports', status.split('/').pop()!))).toBe(false);
    const [cancel] = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'fhir.export.cancel'), eq(auditLog.resourceId, status.split('/').pop()!)));
    expect(cancel).toMatchObject({ outcome: 'success', actorId: w.users.department_head.id });
  });

  it('cancels a queued export: the job then writes nothing', async () => {
    const cookie = await w.as('department_head');
    const s = await kickOff('/fhir/R4/Patient/$export', { cookie });
    expect((await w.app.inject({ method: 'DELETE', url: s, headers: { cookie } })).statusCode).toBe(202);
    await queue.runDue();
    expect((await get(s, { cookie })).statusCode).toBe(404);
    expect(existsSync(path.join(w.config.dataDir, 'fhir-exports', s.split('/').pop()!))).toBe(false);
  });
});

describe('_type and _since', () => {
  it('exports only the types asked for (Patient level)', async () => {
    const cookie = await w.as('department_head');
    const { manifest } = await exportOf('/fhir/R4/Patient/$export?_type=Condition,Patient', { cookie });
    expect(manifest.output.map((o) => o.type)).toEqual(['Patient', 'Condition']);
    const files = await download(manifest, { cookie });
    expect(files.get('Patient')).toHaveLength(4);
    // home1, home2 and A's patient have a diagnosis.
    expect(new Set(files.get('Condition')!.map(patientOf))).toEqual(new Set([home1.patient, home2, ofA.patient]));
  });

  it('exports only what changed after _since', async () => {
    const cookie = await w.as('department_head');
    const { manifest } = await exportOf(`/fhir/R4/$export?_type=Patient&_since=${encodeURIComponent('2026-01-01T00:00:00+08:00')}`, {
      cookie,
    });
    const files = await download(manifest, { cookie });
    expect(files.get('Patient')!.map((r) => r.id)).toEqual([home1.patient]);
    const none = await exportOf('/fhir/R4/$export?_type=Patient&_since=2030-01-01T00:00:00Z', { cookie });
    expect(none.manifest.output).toEqual([]);
  });
});

describe('Group (a tumor-board meeting’s patients)', () => {
  it('exports the patients of the meeting’s cases; an unknown group is 404', async () => {
    const cookie = await w.as('department_head');
    const { manifest } = await exportOf(`/fhir/R4/Group/${meeting}/$export?_type=Patient`, { cookie });
    const files = await download(manifest, { cookie });
    expect(
      files
        .get('Patient')!
        .map((r) => r.id)
        .sort(),
    ).toEqual([home1.patient, ofA.patient].sort());
    const unknown = await get('/fhir/R4/Group/00000000-0000-4000-8000-000000000000/$export', { cookie, ...ASYNC });
    expect(unknown.statusCode).toBe(404);
    expectValidFhir(unknown.json<OperationOutcome>());
    expect((await get('/fhir/R4/Group/not-a-uuid/$export', { cookie, ...ASYNC })).statusCode).toBe(404);
  });
});

describe('access and isolation', () => {
  async function clientAuth(organizationId: string, scopes: string[]): Promise<string> {
    const issued = await w.app.inject({
      method: 'POST',
      url: '/api/fhir-clients',
      headers: { cookie: await w.as('admin') },
      payload: { name: `export ${scopes.join(' ')}`, organizationId, scopes },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const c = issued.json<{ clientId: string; clientSecret: string }>();
    const token = await w.app.inject({
      method: 'POST',
      url: '/fhir/R4/auth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `grant_type=client_credentials&client_id=${c.clientId}&client_secret=${c.clientSecret}`,
    });
    expect(token.statusCode, token.body).toBe(200);
    return `Bearer ${token.json<{ access_token: string }>().access_token}`;
  }

  it('lets only the department head start exports: residents, students, nurses, surgeons 403; researchers 404', async () => {
    for (const role of ['surgeon', 'resident', 'student', 'nurse', 'mdt_coordinator', 'external_doctor', 'admin'] as const) {
      const res = await get('/fhir/R4/$export', { cookie: await w.as(role), ...ASYNC });
      expect(res.statusCode, role).toBe(403);
      expectValidFhir(res.json<OperationOutcome>());
    }
    expect((await get('/fhir/R4/$export', { cookie: await w.as('researcher'), ...ASYNC })).statusCode).toBe(404);
    expect((await get('/fhir/R4/$export', ASYNC)).statusCode).toBe(401);
  });

  it('an external hospital’s client exports only its hospital’s patients and their records; it cannot read others’ exports', async () => {
    const auth = await clientAuth(w.orgA, ['system/*.rs']);
    const { status, manifest } = await exportOf('/fhir/R4/$export', { authorization: auth });
    const files = await download(manifest, { authorization: auth });
    const ids = new Set([...files.values()].flat().map(patientOf));
    expect(ids).toEqual(new Set([ofA.patient]));
    expect(files.get('Condition')!.map((r) => r.id)).toContain(ofA.diagnosis);
    // No ID number unless the administrator allowed it.
    expect(JSON.stringify(files.get('Patient'))).not.toContain('/resident-id');
    for (const rs of files.values()) for (const r of rs) expectValidFhir(r);
    // The Group: only A's patient; hospital B's client sees none of the meeting's patients → 404.
    const group = await exportOf(`/fhir/R4/Group/${meeting}/$export?_type=Patient`, { authorization: auth });
    expect((await download(group.manifest, { authorization: auth })).get('Patient')!.map((r) => r.id)).toEqual([ofA.patient]);
    const authB = await clientAuth(w.orgB, ['system/*.rs']);
    expect((await get(`/fhir/R4/Group/${meeting}/$export`, { authorization: authB, ...ASYNC })).statusCode).toBe(404);
    // Hospital B's client cannot read A's export; the head cannot either.
    expect((await get(status, { authorization: authB })).statusCode).toBe(404);
    expect((await get(new URL(manifest.output[0]!.url).pathname, { authorization: authB })).statusCode).toBe(404);
    expect((await get(status, { cookie: await w.as('department_head') })).statusCode).toBe(404);
    const [row] = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'fhir.export'), eq(auditLog.resourceId, status.split('/').pop()!)));
    expect(row).toMatchObject({ actorRole: 'api_client', organizationId: w.orgA, details: { patients: 1 } });
  });

  it('a client exports only the types its scopes cover; asking for another is 403', async () => {
    const auth = await clientAuth(w.homeOrgId, ['system/Patient.rs']);
    const { manifest } = await exportOf('/fhir/R4/$export', { authorization: auth });
    expect(manifest.output.map((o) => o.type)).toEqual(['Patient']);
    const res = await get('/fhir/R4/$export?_type=Patient,Condition', { authorization: auth, ...ASYNC });
    expect(res.statusCode).toBe(403);
    expect(res.json<OperationOutcome>().issue[0]!.code).toBe('forbidden');
  });
});

describe('a caller who can no longer act', () => {
  it('fails the export when its client is revoked before the job runs: no files, a failure audit row', async () => {
    const issued = await w.app.inject({
      method: 'POST',
      url: '/api/fhir-clients',
      headers: { cookie: await w.as('admin') },
      payload: { name: 'revoked before the run', organizationId: w.orgA, scopes: ['system/*.rs'] },
    });
    const c = issued.json<{ id: string; clientId: string; clientSecret: string }>();
    const token = await w.app.inject({
      method: 'POST',
      url: '/fhir/R4/auth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `grant_type=client_credentials&client_id=${c.clientId}&client_secret=${c.clientSecret}`,
    });
    const status = await kickOff('/fhir/R4/$export', { authorization: `Bearer ${token.json<{ access_token: string }>().access_token}` });
    const id = status.split('/').pop()!;
    const revoke = await w.app.inject({
      method: 'POST',
      url: `/api/fhir-clients/${c.id}/revoke`,
      headers: { cookie: await w.as('admin') },
    });
    expect(revoke.statusCode, revoke.body).toBe(200);
    await queue.runDue();
    const [row] = await w.db.select().from(fhirExports).where(eq(fhirExports.id, id));
    expect(row).toMatchObject({ state: 'failed', error: 'forbidden' });
    expect(existsSync(path.join(w.config.dataDir, 'fhir-exports', id))).toBe(false);
    const [audit] = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'fhir.export'), eq(auditLog.resourceId, id)));
    expect(audit).toMatchObject({ outcome: 'failure', actorId: c.id, actorRole: 'api_client', organizationId: w.orgA });
  });
});

describe('CapabilityStatement', () => {
  it('lists $export at system, Patient and Group level', async () => {
    const cs = fhirBody<CapabilityStatement>(await get('/fhir/R4/metadata', {}));
    expectValidFhir(cs);
    const rest = cs.rest![0]!;
    expect(rest.operation?.map((o) => [o.name, o.definition])).toEqual([
      ['export', 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export'],
    ]);
    const byType = new Map(rest.resource!.map((r) => [r.type, r]));
    expect(byType.get('Patient')!.operation?.map((o) => o.name)).toEqual(['everything', 'export']);
    expect(byType.get('Group')).toMatchObject({ operation: [{ name: 'export' }] });
    expect(byType.get('Group')!.interaction).toBeUndefined();
  });
});

describe('expiry', () => {
  it('removes exports after FHIR_EXPORT_TTL_HOURS (24 h): status 404, files deleted by the clean-up job', async () => {
    const cookie = await w.as('department_head');
    const { status } = await exportOf('/fhir/R4/$export?_type=Patient', { cookie });
    const id = status.split('/').pop()!;
    expect(existsSync(path.join(w.config.dataDir, 'fhir-exports', id))).toBe(true);
    w.clock.advance(25 * 3_600_000);
    expect((await get(status, { cookie: await w.login(w.users.department_head.username) })).statusCode).toBe(404);
    await queue.tick();
    expect(existsSync(path.join(w.config.dataDir, 'fhir-exports', id))).toBe(false);
    const [row] = await w.db.select({ state: fhirExports.state }).from(fhirExports).where(eq(fhirExports.id, id));
    expect(row!.state).toBe('expired');
    const [{ n }] = (await w.db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(fhirExports)
      .where(sql`${fhirExports.state} <> 'expired' and ${fhirExports.expiresAt} < ${w.clock.now()}`)) as [{ n: number }];
    expect(n).toBe(0);
  });
});
