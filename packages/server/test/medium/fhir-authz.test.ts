import type { AuditEvent, Bundle, OperationOutcome, Patient } from '@medplum/fhirtypes';
import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/permissions.js';
import { auditLog } from '../../src/db/schema/index.js';
import { mdtClient } from './support/mdt.js';
import { aDiagnosis, aMarker, anOperation, aPatient } from './support/builders.js';
import { entriesOf, expectValidFhir, fhirBody } from './support/fhir.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

/**
 * FHIR authorization matrix (issue 13, acceptance 3): every FHIR interaction × every role, and API clients
 * (client id + secret → Bearer token) by scope and organization. An external hospital's caller gets 404 for
 * home-hospital resources, and they are absent from its searches and $everything.
 */
let w: TestWorld;
type Rec = { patient: string; diagnosis: string; marker: string; operation: string; carePlan: string; audit: string };
let home: Rec;
let ofA: Rec;
let ofB: string;

/** A record with a board recommendation (CarePlan) submitted by `submitter`, and an audit row of a read of it. */
async function record(patient: string, meeting: string, submitter: 'surgeon' | 'external_doctor'): Promise<Rec> {
  const diagnosis = (await aDiagnosis(patient).build(w.db)).id;
  const m = mdtClient(w);
  const carePlan = (await m.recommend((await m.submit(meeting, patient, submitter)).id)).id;
  const read = await w.app.inject({ method: 'GET', url: `/fhir/R4/Patient/${patient}`, headers: { cookie: await w.as(submitter) } });
  const [audit] = await w.db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(eq(auditLog.requestId, read.headers['x-request-id'] as string));
  return {
    patient,
    diagnosis,
    marker: (await aMarker(patient).build(w.db)).id,
    operation: (await anOperation(patient, { diagnosisId: diagnosis }).build(w.db)).id,
    carePlan,
    audit: String(audit!.id),
  };
}

beforeAll(async () => {
  w = await createTestWorld();
  const meeting = (await mdtClient(w).meeting({ kind: 'inter' })).id;
  home = await record((await aPatient(w.homeOrgId, { name: '张主院' }).build(w.db)).id, meeting, 'surgeon');
  ofA = await record(
    (await aPatient(w.homeOrgId, { name: '张甲院', sourceOrganizationId: w.orgA }).build(w.db)).id,
    meeting,
    'external_doctor',
  );
  ofB = (await aPatient(w.homeOrgId, { name: '张乙院', sourceOrganizationId: w.orgB }).build(w.db)).id;
}, 120_000);
afterAll(async () => w?.close());

const ALL: readonly Role[] = [
  'admin',
  'department_head',
  'surgeon',
  'resident',
  'nurse',
  'mdt_coordinator',
  'researcher',
  'student',
  'external_doctor',
  'audit_admin',
];
const PATIENT_READERS: readonly Role[] = [
  'department_head',
  'surgeon',
  'resident',
  'nurse',
  'mdt_coordinator',
  'student',
  'external_doctor',
];
const ONCOLOGY_READERS = PATIENT_READERS;
const AUDIT_READERS: readonly Role[] = ['department_head', 'audit_admin'];

/** Each FHIR interaction, the roles that may use it, and its URL for a record (own or another hospital's). */
const INTERACTIONS: { name: string; roles: readonly Role[]; url: (r: typeof home) => string; object: boolean }[] = [
  { name: 'Patient read', roles: PATIENT_READERS, url: (r) => `/fhir/R4/Patient/${r.patient}`, object: true },
  { name: 'Patient search', roles: PATIENT_READERS, url: () => '/fhir/R4/Patient?name=zhang', object: false },
  { name: 'Patient $everything', roles: ONCOLOGY_READERS, url: (r) => `/fhir/R4/Patient/${r.patient}/$everything`, object: true },
  { name: 'Condition read', roles: ONCOLOGY_READERS, url: (r) => `/fhir/R4/Condition/${r.diagnosis}`, object: true },
  { name: 'Condition search', roles: ONCOLOGY_READERS, url: (r) => `/fhir/R4/Condition?patient=${r.patient}`, object: false },
  { name: 'Observation read', roles: ONCOLOGY_READERS, url: (r) => `/fhir/R4/Observation/${r.marker}`, object: true },
  { name: 'Observation search', roles: ONCOLOGY_READERS, url: (r) => `/fhir/R4/Observation?patient=${r.patient}`, object: false },
  { name: 'Procedure read', roles: ONCOLOGY_READERS, url: (r) => `/fhir/R4/Procedure/${r.operation}`, object: true },
  { name: 'Procedure search', roles: ONCOLOGY_READERS, url: (r) => `/fhir/R4/Procedure?patient=${r.patient}`, object: false },
  { name: 'Encounter search', roles: ONCOLOGY_READERS, url: (r) => `/fhir/R4/Encounter?patient=${r.patient}`, object: false },
  { name: 'CarePlan read', roles: ONCOLOGY_READERS, url: (r) => `/fhir/R4/CarePlan/${r.carePlan}`, object: true },
  { name: 'CarePlan search', roles: ONCOLOGY_READERS, url: (r) => `/fhir/R4/CarePlan?patient=${r.patient}`, object: false },
  {
    name: 'Condition search _include',
    roles: ONCOLOGY_READERS,
    url: (r) => `/fhir/R4/Condition?patient=${r.patient}&_include=Condition:subject`,
    object: false,
  },
  {
    name: 'Patient search _revinclude',
    roles: PATIENT_READERS,
    url: () => '/fhir/R4/Patient?name=zhang&_revinclude=Condition:subject&_revinclude=CarePlan:subject&_revinclude=Procedure:subject',
    object: false,
  },
  { name: 'AuditEvent read', roles: AUDIT_READERS, url: (r) => `/fhir/R4/AuditEvent/${r.audit}`, object: true },
  { name: 'AuditEvent search', roles: AUDIT_READERS, url: (r) => `/fhir/R4/AuditEvent?patient=${r.patient}`, object: false },
];

/** Ids of a record's resources (the audit row's numeric id aside: it is not a prefix of FHIR ids). */
const idsOf = (r: Rec) => [r.patient, r.diagnosis, r.marker, r.operation, r.carePlan];

const get = async (url: string, headers: Record<string, string>) => w.app.inject({ method: 'GET', url, headers });

/** Own record for the caller (home staff: a home patient; hospital A: its referral) and another hospital's. */
const recordsFor = (external: boolean) => ({ own: external ? ofA : home, other: external ? home : null });

describe('FHIR interactions × roles (session cookie)', () => {
  it('answers metadata to anyone', async () => {
    fhirBody(await get('/fhir/R4/metadata', {}));
  });

  for (const role of ALL) {
    it(`gives ${role} exactly the access of the table (allowed / 403 / other hospital → 404 or absent)`, async () => {
      const cookie = await w.as(role);
      const mismatches: string[] = [];
      const { own, other } = recordsFor(role === 'external_doctor');
      for (const i of INTERACTIONS) {
        const res = await get(i.url(own), { cookie });
        const allowed = i.roles.includes(role);
        // Researchers are answered 404 on identifiable routes, as if they did not exist (issue 14, acceptance 2).
        const denied = role === 'researcher' ? 404 : 403;
        if (res.statusCode !== (allowed ? 200 : denied))
          mismatches.push(`${i.name}: expected ${allowed ? 200 : denied}, got ${res.statusCode}`);
        if (!res.headers['content-type']?.toString().startsWith('application/fhir+json')) mismatches.push(`${i.name}: not FHIR JSON`);
        if (!allowed || !other) continue;
        const cross = await get(i.url(other), { cookie });
        if (i.object) {
          if (cross.statusCode !== 404) mismatches.push(`${i.name} (other hospital): expected 404, got ${cross.statusCode}`);
        } else {
          const ids = entriesOf(cross.json<Bundle>()).map((r) => r.id ?? '');
          if (ids.some((id) => idsOf(home).some((h) => id.startsWith(h)))) mismatches.push(`${i.name}: home resources in a search`);
        }
      }
      expect(mismatches).toEqual([]);
    });
  }

  it('answers 401 OperationOutcome for every interaction without a session', async () => {
    for (const i of INTERACTIONS) {
      const res = await get(i.url(home), {});
      expect(res.statusCode, i.name).toBe(401);
      expectValidFhir(res.json<OperationOutcome>());
    }
  });
});

describe('API clients', () => {
  async function issue(body: object): Promise<{ id: string; clientId: string; clientSecret: string; authMethod: string }> {
    const res = await w.app.inject({ method: 'POST', url: '/api/fhir-clients', headers: { cookie: await w.as('admin') }, payload: body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }
  async function token(clientId: string, secret: string, scope?: string) {
    return w.app.inject({
      method: 'POST',
      url: '/fhir/R4/auth/token',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
      },
      payload: new URLSearchParams({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) }).toString(),
    });
  }
  async function bearer(clientId: string, secret: string, scope?: string): Promise<string> {
    const res = await token(clientId, secret, scope);
    expect(res.statusCode, res.body).toBe(200);
    return `Bearer ${res.json<{ access_token: string }>().access_token}`;
  }

  it('only an administrator issues clients; the secret is shown once and stored hashed', async () => {
    const refused = await w.app.inject({
      method: 'POST',
      url: '/api/fhir-clients',
      headers: { cookie: await w.as('department_head') },
      payload: { name: 'x', organizationId: w.orgA, scopes: ['system/*.rs'] },
    });
    expect(refused.statusCode).toBe(403);
    const bad = await w.app.inject({
      method: 'POST',
      url: '/api/fhir-clients',
      headers: { cookie: await w.as('admin') },
      payload: { name: '', organizationId: w.orgA, scopes: ['system/Medication.rs'] },
    });
    expect(bad.statusCode).toBe(400);
    const c = await issue({ name: '甲医院 HIS', organizationId: w.orgA, scopes: ['system/*.rs'] });
    expect(c.clientSecret.length).toBeGreaterThan(30);
    const list = await w.app.inject({ method: 'GET', url: '/api/fhir-clients', headers: { cookie: await w.as('admin') } });
    expect(list.body).not.toContain(c.clientSecret);
    expect(list.json<{ items: { clientId: string }[] }>().items.map((i) => i.clientId)).toContain(c.clientId);
  });

  it('gives a token for the right secret (HTTP Basic or form), refuses a wrong secret and ungranted scopes', async () => {
    const c = await issue({ name: 'patients only', organizationId: w.orgA, scopes: ['system/Patient.rs'] });
    expect((await token(c.clientId, 'wrong')).statusCode).toBe(401);
    expect((await token(c.clientId, 'wrong')).json()).toMatchObject({ error: 'invalid_client' });
    expect((await token(c.clientId, c.clientSecret, 'system/*.rs')).json()).toMatchObject({ error: 'invalid_scope' });
    const form = await w.app.inject({
      method: 'POST',
      url: '/fhir/R4/auth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `grant_type=client_credentials&client_id=${c.clientId}&client_secret=${c.clientSecret}`,
    });
    expect(form.statusCode, form.body).toBe(200);
    expect(form.json()).toMatchObject({ token_type: 'bearer', expires_in: 900, scope: 'system/Patient.rs' });
    const failed = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'fhir.token'), eq(auditLog.outcome, 'failure')));
    expect(failed.length).toBeGreaterThan(0);
  });

  it('an external hospital’s client sees only its hospital’s patients (404 otherwise, also in searches and $everything); audited like a user', async () => {
    const c = await issue({ name: '甲医院', organizationId: w.orgA, scopes: ['system/*.rs'] });
    const auth = await bearer(c.clientId, c.clientSecret);
    const own = await get(`/fhir/R4/Patient/${ofA.patient}`, { authorization: auth });
    expectValidFhir(fhirBody<Patient>(own));
    // No ID number unless the administrator allowed it.
    expect(own.json<Patient>().identifier?.some((i) => i.system?.endsWith('/resident-id'))).toBe(false);
    const [row] = await w.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.requestId, own.headers['x-request-id'] as string));
    expect(row).toMatchObject({
      action: 'fhir.read',
      actorId: c.id,
      actorRole: 'api_client',
      organizationId: w.orgA,
      patientId: ofA.patient,
    });
    for (const i of INTERACTIONS) {
      const res = await get(i.url(home), { authorization: auth });
      // system/*.rs does not cover AuditEvent (its own scope, tested below).
      if (i.name.startsWith('AuditEvent')) expect(res.statusCode, i.name).toBe(403);
      else if (i.object) expect(res.statusCode, i.name).toBe(404);
      else
        expect(
          entriesOf(res.json<Bundle>())
            .map((r) => r.id)
            .filter((id) => idsOf(home).some((h) => id?.startsWith(h))),
          i.name,
        ).toEqual([]);
    }
    const all = entriesOf(fhirBody<Bundle>(await get('/fhir/R4/Patient', { authorization: auth }))).map((r) => r.id);
    expect(all).toEqual([ofA.patient]);
    expect(all).not.toContain(ofB);
    const everything = fhirBody<Bundle>(await get(`/fhir/R4/Patient/${ofA.patient}/$everything`, { authorization: auth }));
    expect(entriesOf(everything).every((r) => r.resourceType === 'Patient' || JSON.stringify(r).includes(`Patient/${ofA.patient}`))).toBe(
      true,
    );
  });

  it('enforces the scopes per resource type, and a token is not a key to /api', async () => {
    const c = await issue({ name: 'patients only', organizationId: w.homeOrgId, scopes: ['system/Patient.rs'], idNumbers: true });
    const auth = await bearer(c.clientId, c.clientSecret);
    const pt = fhirBody<Patient>(await get(`/fhir/R4/Patient/${home.patient}`, { authorization: auth }));
    expect(pt.identifier?.some((i) => i.system?.endsWith('/resident-id'))).toBe(true);
    const cond = await get(`/fhir/R4/Condition?patient=${home.patient}`, { authorization: auth });
    expect(cond.statusCode).toBe(403);
    expect(cond.json<OperationOutcome>().issue[0]!.code).toBe('forbidden');
    expect((await get(`/fhir/R4/Patient/${home.patient}/$everything`, { authorization: auth })).statusCode).toBe(403);
    expect((await get(`/api/patients/${home.patient}`, { authorization: auth })).statusCode).toBe(401);
    expect((await get(`/fhir/R4/Patient/${home.patient}`, { authorization: 'Bearer not-a-token' })).statusCode).toBe(401);
  });

  it('AuditEvent needs its own scope (not system/*.rs); an external hospital’s client sees only its patients’ events', async () => {
    const all = await issue({ name: 'everything but audit', organizationId: w.homeOrgId, scopes: ['system/*.rs'] });
    const allAuth = await bearer(all.clientId, all.clientSecret);
    const refused = await get(`/fhir/R4/AuditEvent?patient=${home.patient}`, { authorization: allAuth });
    expect(refused.statusCode).toBe(403);
    expect(refused.json<OperationOutcome>().issue[0]!.code).toBe('forbidden');
    expect((await get(`/fhir/R4/AuditEvent/${home.audit}`, { authorization: allAuth })).statusCode).toBe(403);
    // system/*.rs covers CarePlan, _include and _revinclude.
    fhirBody(await get(`/fhir/R4/CarePlan/${home.carePlan}`, { authorization: allAuth }));
    const rev = fhirBody<Bundle>(await get('/fhir/R4/Patient?name=zhang&_revinclude=CarePlan:subject', { authorization: allAuth }));
    expect(entriesOf(rev).map((r) => r.id)).toEqual(expect.arrayContaining([home.carePlan, ofA.carePlan]));

    // A client's accesses are AuditEvents with the client as agent, found by its client id.
    const byClient = fhirBody<Bundle>(await get(`/fhir/R4/AuditEvent?agent=${all.clientId}`, { cookie: await w.as('audit_admin') }));
    const agents = entriesOf<AuditEvent>(byClient).map((e) => e.agent[0]!);
    expect(agents.length).toBeGreaterThan(0);
    expect(agents.every((a) => a.who?.identifier?.value === all.clientId && a.role?.[0]?.coding?.[0]?.code === 'api_client')).toBe(true);

    const auditor = await issue({ name: '甲医院审计', organizationId: w.orgA, scopes: ['system/AuditEvent.rs'] });
    const auth = await bearer(auditor.clientId, auditor.clientSecret);
    const events = fhirBody<Bundle>(await get('/fhir/R4/AuditEvent?_count=200', { authorization: auth }));
    expectValidFhir(events);
    const patientsSeen = new Set(entriesOf<AuditEvent>(events).map((e) => e.entity![0]!.what!.reference));
    expect([...patientsSeen]).toEqual([`Patient/${ofA.patient}`]);
    fhirBody(await get(`/fhir/R4/AuditEvent/${ofA.audit}`, { authorization: auth }));
    expect((await get(`/fhir/R4/AuditEvent/${home.audit}`, { authorization: auth })).statusCode).toBe(404);
    expect(entriesOf(fhirBody<Bundle>(await get(`/fhir/R4/AuditEvent?patient=${home.patient}`, { authorization: auth })))).toEqual([]);
    // Its scope gives nothing else.
    expect((await get(`/fhir/R4/Patient/${ofA.patient}`, { authorization: auth })).statusCode).toBe(403);
    expect((await get(`/fhir/R4/CarePlan?patient=${ofA.patient}`, { authorization: auth })).statusCode).toBe(403);
  });

  it('an external hospital’s client gets its own CarePlans and includes, never the home hospital’s; _revinclude needs the type’s scope', async () => {
    const c = await issue({ name: '甲医院 HIS', organizationId: w.orgA, scopes: ['system/*.rs'] });
    const auth = await bearer(c.clientId, c.clientSecret);
    fhirBody(await get(`/fhir/R4/CarePlan/${ofA.carePlan}`, { authorization: auth }));
    expect((await get(`/fhir/R4/CarePlan/${home.carePlan}`, { authorization: auth })).statusCode).toBe(404);
    const rev = fhirBody<Bundle>(
      await get('/fhir/R4/Patient?_revinclude=CarePlan:subject&_revinclude=Condition:subject', { authorization: auth }),
    );
    expect(entriesOf(rev).map((r) => r.id)).toEqual(expect.arrayContaining([ofA.patient, ofA.carePlan, ofA.diagnosis]));
    expect(entriesOf(rev).some((r) => idsOf(home).includes(r.id!))).toBe(false);
    const inc = fhirBody<Bundle>(await get(`/fhir/R4/CarePlan?patient=${home.patient}&_include=CarePlan:patient`, { authorization: auth }));
    expect(inc.entry ?? []).toEqual([]);
    const patientsOnly = await issue({ name: 'patients only', organizationId: w.orgA, scopes: ['system/Patient.rs'] });
    const pAuth = await bearer(patientsOnly.clientId, patientsOnly.clientSecret);
    expect((await get('/fhir/R4/Patient?_revinclude=Condition:subject', { authorization: pAuth })).statusCode).toBe(403);
    const conditionsOnly = await issue({ name: 'conditions only', organizationId: w.orgA, scopes: ['system/Condition.rs'] });
    const cAuth = await bearer(conditionsOnly.clientId, conditionsOnly.clientSecret);
    fhirBody(await get(`/fhir/R4/Condition?patient=${ofA.patient}`, { authorization: cAuth }));
    expect((await get(`/fhir/R4/Condition?patient=${ofA.patient}&_include=Condition:subject`, { authorization: cAuth })).statusCode).toBe(
      403,
    );
  });

  describe('private-key JWT clients (SMART Backend Services)', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const jwkOf = (k: KeyObject, alg: 'RS384' | 'ES384') => ({ ...k.export({ format: 'jwk' }), alg, kid: 'k1' });
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    /** A compact JWS as a client builds it (RS384, or ES384 with the JOSE r‖s signature). */
    function assertion(key: KeyObject, alg: 'RS384' | 'ES384', claims: Record<string, unknown>): string {
      const data = `${b64({ alg, typ: 'JWT', kid: 'k1' })}.${b64(claims)}`;
      const sig =
        alg === 'RS384' ? sign('sha384', Buffer.from(data), key) : sign('sha384', Buffer.from(data), { key, dsaEncoding: 'ieee-p1363' });
      return `${data}.${sig.toString('base64url')}`;
    }
    let tokenUrl: string;
    const claimsFor = (clientId: string, extra: Record<string, unknown> = {}) => ({
      iss: clientId,
      sub: clientId,
      aud: tokenUrl,
      exp: Math.floor(w.clock.now().getTime() / 1000) + 240,
      jti: randomUUID(),
      ...extra,
    });
    const tokenWith = (jwt: string, extra: Record<string, string> = {}) =>
      w.app.inject({
        method: 'POST',
        url: '/fhir/R4/auth/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          grant_type: 'client_credentials',
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: jwt,
          ...extra,
        }).toString(),
      });

    it('is announced in the SMART configuration', async () => {
      const conf = (await get('/fhir/R4/.well-known/smart-configuration', {})).json<Record<string, string[] | string>>();
      tokenUrl = conf.token_endpoint as string;
      expect(conf.token_endpoint_auth_methods_supported).toContain('private_key_jwt');
      expect(conf.token_endpoint_auth_signing_alg_values_supported).toEqual(['RS384', 'ES384']);
      expect(conf.capabilities).toContain('client-confidential-asymmetric');
    });

    it('registers a public key instead of a secret; refuses private keys and keys that do not fit the algorithm', async () => {
      const c = await issue({
        name: '甲医院 key',
        organizationId: w.orgA,
        scopes: ['system/*.rs'],
        publicJwk: jwkOf(rsa.publicKey, 'RS384'),
      });
      expect(c).toMatchObject({ clientSecret: null, authMethod: 'private_key_jwt', keyAlg: 'RS384' });
      const bad = async (publicJwk: object) => {
        const res = await w.app.inject({
          method: 'POST',
          url: '/api/fhir-clients',
          headers: { cookie: await w.as('admin') },
          payload: { name: 'x', organizationId: w.orgA, scopes: ['system/*.rs'], publicJwk },
        });
        expect(res.statusCode, res.body).toBe(400);
        return res.json<{ error: { details: { fields: { path: string; messageEn: string }[] } } }>().error.details.fields[0]!;
      };
      expect(await bad({ ...rsa.privateKey.export({ format: 'jwk' }), alg: 'RS384' })).toMatchObject({ path: 'publicJwk' });
      expect((await bad(jwkOf(ec.publicKey, 'RS384'))).messageEn).toContain('does not fit');
      expect((await bad({ kty: 'RSA', alg: 'HS256' })).path).toBe('publicJwk.alg');
    });

    it('gives a token for a valid assertion (RS384 and ES384), once per jti; the token reads like any client’s', async () => {
      const c = await issue({
        name: '甲医院 RS',
        organizationId: w.orgA,
        scopes: ['system/*.rs'],
        publicJwk: jwkOf(rsa.publicKey, 'RS384'),
      });
      const jwt = assertion(rsa.privateKey, 'RS384', claimsFor(c.clientId));
      const ok = await tokenWith(jwt);
      expect(ok.statusCode, ok.body).toBe(200);
      const auth = `Bearer ${ok.json<{ access_token: string }>().access_token}`;
      fhirBody(await get(`/fhir/R4/Patient/${ofA.patient}`, { authorization: auth }));
      expect((await get(`/fhir/R4/Patient/${home.patient}`, { authorization: auth })).statusCode).toBe(404);
      const replay = await tokenWith(jwt);
      expect(replay.statusCode).toBe(401);
      expect(replay.json()).toMatchObject({ error: 'invalid_client', error_description: expect.stringContaining('jti') });
      const e = await issue({
        name: '甲医院 EC',
        organizationId: w.orgA,
        scopes: ['system/Patient.rs'],
        publicJwk: jwkOf(ec.publicKey, 'ES384'),
      });
      const ecOk = await tokenWith(assertion(ec.privateKey, 'ES384', claimsFor(e.clientId)), { client_id: e.clientId });
      expect(ecOk.statusCode, ecOk.body).toBe(200);
      expect(ecOk.json()).toMatchObject({ scope: 'system/Patient.rs' });
      const [row] = await w.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'fhir.token'), eq(auditLog.requestId, ecOk.headers['x-request-id'] as string)));
      expect(row).toMatchObject({ outcome: 'success', actorId: e.id, actorRole: 'api_client' });
    });

    it('refuses assertions with a wrong audience, issuer, lifetime, algorithm or key, and mixes of secret and key', async () => {
      const c = await issue({
        name: '甲医院 RS2',
        organizationId: w.orgA,
        scopes: ['system/*.rs'],
        publicJwk: jwkOf(rsa.publicKey, 'RS384'),
      });
      const now = Math.floor(w.clock.now().getTime() / 1000);
      const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const refused = async (jwt: string, reason: string) => {
        const res = await tokenWith(jwt);
        expect(res.statusCode, reason).toBe(401);
        expect(res.json<{ error_description: string }>().error_description, reason).toContain(reason);
      };
      await refused(assertion(rsa.privateKey, 'RS384', claimsFor(c.clientId, { aud: 'https://elsewhere/token' })), 'aud');
      await refused(assertion(rsa.privateKey, 'RS384', claimsFor(c.clientId, { sub: 'someone' })), 'sub');
      await refused(assertion(rsa.privateKey, 'RS384', claimsFor(c.clientId, { exp: now + 600 })), '5 minutes');
      await refused(assertion(rsa.privateKey, 'RS384', claimsFor(c.clientId, { exp: now - 1 })), 'expired');
      await refused(assertion(rsa.privateKey, 'RS384', claimsFor(c.clientId, { jti: undefined })), 'jti');
      await refused(assertion(other.privateKey, 'RS384', claimsFor(c.clientId)), 'signature');
      await refused(assertion(ec.privateKey, 'ES384', claimsFor(c.clientId)), 'alg');
      await refused('not.a.jwt', 'JWT');
      // A key client has no secret; a secret client cannot use an assertion.
      expect((await token(c.clientId, '')).statusCode).toBe(401);
      const s = await issue({ name: 'secret client', organizationId: w.orgA, scopes: ['system/*.rs'] });
      await refused(assertion(rsa.privateKey, 'RS384', claimsFor(s.clientId)), 'no registered key');
      const wrongType = await w.app.inject({
        method: 'POST',
        url: '/fhir/R4/auth/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `grant_type=client_credentials&client_assertion_type=other&client_assertion=x`,
      });
      expect(wrongType.statusCode).toBe(400);
      expect(wrongType.json()).toMatchObject({ error: 'invalid_request' });
    });
  });

  it('a revoked client’s tokens stop working at once; an expired token too', async () => {
    const c = await issue({ name: 'to revoke', organizationId: w.homeOrgId, scopes: ['system/*.rs'] });
    const auth = await bearer(c.clientId, c.clientSecret);
    fhirBody(await get(`/fhir/R4/Patient/${home.patient}`, { authorization: auth }));
    const later = await bearer(c.clientId, c.clientSecret);
    w.clock.advance(16 * 60 * 1000);
    expect((await get(`/fhir/R4/Patient/${home.patient}`, { authorization: later })).statusCode).toBe(401);
    const fresh = await bearer(c.clientId, c.clientSecret);
    const revoke = await w.app.inject({
      method: 'POST',
      url: `/api/fhir-clients/${c.id}/revoke`,
      headers: { cookie: await w.login('admin') },
    });
    expect(revoke.statusCode, revoke.body).toBe(200);
    expect((await get(`/fhir/R4/Patient/${home.patient}`, { authorization: fresh })).statusCode).toBe(401);
    expect((await token(c.clientId, c.clientSecret)).statusCode).toBe(401);
  });
});
