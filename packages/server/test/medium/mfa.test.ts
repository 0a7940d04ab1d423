import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { base32Decode, hotp, totp, totpStep } from '../../src/auth/totp.js';
import { queryRows } from '../../src/db/sql.js';
import { aPatient, aUser } from './support/builders.js';
import { cookieOf, createTestWorld, type TestWorld } from './support/test-app.js';

/**
 * Issue 17, "promises not yet tested": MFA (TOTP + recovery codes, enforced by the server), the session list with
 * "sign out everywhere", and break-glass access. The world runs with the production default: administrators and
 * external doctors must enrol.
 */
let w: TestWorld;
const secrets = new Map<string, string>();

const get = (cookie: string, url: string) => w.app.inject({ method: 'GET', url, headers: { cookie } });
const post = (cookie: string, url: string, payload: object = {}) => w.app.inject({ method: 'POST', url, headers: { cookie }, payload });
const json = <T>(res: LightMyRequestResponse, status = 200): T => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
};
const codeAt = (secret: string, offsetSteps = 0) => hotp(base32Decode(secret), totpStep(w.clock.now()) + offsetSteps);

async function auditRows(action: string, actorId?: string) {
  return queryRows<{ outcome: string; details: Record<string, unknown> | null; patient_id: string | null }>(
    w.db,
    sql`select outcome, details, patient_id from audit_log where action = ${action} ${actorId ? sql`and actor_id = ${actorId}` : sql``} order by id`,
  );
}

/** Enrol a user through the API (password sign-in, enrolment, confirmation); keeps the secret for later sign-ins. */
async function enrol(username: string): Promise<{ secret: string; recoveryCodes: string[]; cookie: string }> {
  const cookie = await w.login(username);
  const { secret } = json<{ secret: string }>(await post(cookie, '/api/auth/mfa/enroll'));
  const { recoveryCodes } = json<{ recoveryCodes: string[] }>(await post(cookie, '/api/auth/mfa/enroll/confirm', { code: codeAt(secret) }));
  secrets.set(username, secret);
  return { secret, recoveryCodes, cookie };
}

beforeAll(async () => {
  w = await createTestWorld({ env: { MFA_REQUIRED_ROLES: 'admin,security_admin,audit_admin,external_doctor' } });
});
afterAll(async () => w.close());

describe('MFA enrolment gate', () => {
  it('lets an administrator who has not enrolled sign in, then refuses every route but enrolment, me, password and sign-out', async () => {
    const cookie = await w.login('admin');
    const me = json<{ stage: string; mfa: { required: boolean; enrolled: boolean } }>(await get(cookie, '/api/auth/me'));
    expect(me.stage).toBe('mfa_enrolment');
    expect(me.mfa).toMatchObject({ required: true, enrolled: false });
    const allowed = new Set([
      'GET /api/auth/me',
      'POST /api/auth/logout',
      'POST /api/auth/password',
      'POST /api/auth/mfa/enroll',
      'POST /api/auth/mfa/enroll/confirm',
    ]);
    const wrong: string[] = [];
    for (const r of w.app.routeRegistry.filter((x) => x.access !== 'public')) {
      const key = `${r.method} ${r.url}`;
      if (allowed.has(key) || key === 'POST /api/auth/logout') continue;
      const res = await w.app.inject({
        method: r.method as 'GET',
        url: r.url.replace(/:id/g, '00000000-0000-4000-8000-000000000000'),
        headers: { cookie },
        ...(r.method !== 'GET' ? { payload: {} } : {}),
      });
      if (res.statusCode !== 403 || res.json<{ error: { details?: { mfa?: string } } }>().error.details?.mfa !== 'enrolment_required')
        wrong.push(`${key}: ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('enrols with the secret shown once, a code, and ten recovery codes; then the account works and the secret is stored encrypted', async () => {
    const cookie = await w.login('admin');
    const started = json<{ secret: string; otpauthUri: string }>(await post(cookie, '/api/auth/mfa/enroll'));
    expect(started.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(started.otpauthUri).toBe(
      `otpauth://totp/GISurg%3Aadmin?secret=${started.secret}&issuer=GISurg&algorithm=SHA1&digits=6&period=30`,
    );
    const wrong = await post(cookie, '/api/auth/mfa/enroll/confirm', { code: codeAt(started.secret, 3) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<{ error: { details: { fields: { path: string }[] } } }>().error.details.fields[0]!.path).toBe('code');
    const { recoveryCodes } = json<{ recoveryCodes: string[] }>(
      await post(cookie, '/api/auth/mfa/enroll/confirm', { code: codeAt(started.secret) }),
    );
    secrets.set('admin', started.secret);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const me = json<{ stage: string; mfa: { enrolled: boolean; recoveryCodesLeft: number } }>(await get(cookie, '/api/auth/me'));
    expect(me).toMatchObject({ stage: 'full', mfa: { enrolled: true, recoveryCodesLeft: 10 } });
    expect((await get(cookie, '/api/users')).statusCode).toBe(200);
    // Enrolling again is refused (the security administrator resets first).
    expect((await post(cookie, '/api/auth/mfa/enroll')).statusCode).toBe(409);

    const [row] = await queryRows<{ mfa_secret: string; mfa_pending_secret: string | null; codes: string }>(
      w.db,
      sql`select mfa_secret, mfa_pending_secret, (select string_agg(code_hash, ',') from mfa_recovery_codes c where c.user_id = u.id) as codes
          from users u where username = 'admin'`,
    );
    expect(row!.mfa_secret).toMatch(/^v1\./);
    expect(row!.mfa_secret).not.toContain(started.secret);
    expect(row!.mfa_pending_secret).toBeNull();
    for (const c of recoveryCodes) expect(row!.codes).not.toContain(c.replace(/-/g, ''));
    const user = await get(cookie, `/api/users/${w.users.admin.id}`);
    expect(user.body).not.toContain(started.secret);
    expect(user.json<{ mfaEnrolled: boolean }>().mfaEnrolled).toBe(true);
    expect((await auditRows('auth.mfa_enrol', w.users.admin.id)).map((r) => r.outcome)).toEqual(['failure', 'success']);
  });
});

describe('two-step sign-in', () => {
  it('gives a pending session that can only submit the code; the code gives a full session under a new cookie', async () => {
    w.clock.advance(60_000);
    const pending = await w.login('admin');
    expect(json<{ stage: string }>(await get(pending, '/api/auth/me')).stage).toBe('mfa_pending');
    const blocked = await get(pending, '/api/users');
    expect(blocked.statusCode).toBe(401);
    expect(blocked.json<{ error: { details: { mfa: string } } }>().error.details.mfa).toBe('pending');
    const res = await post(pending, '/api/auth/mfa/verify', { code: codeAt(secrets.get('admin')!) });
    const full = cookieOf(res);
    expect(res.json<{ stage: string }>().stage).toBe('full');
    expect(full).not.toBe(pending);
    expect((await get(full, '/api/users')).statusCode).toBe(200);
    expect((await get(pending, '/api/auth/me')).statusCode).toBe(401);
    // A full session has no second step to take.
    expect((await post(full, '/api/auth/mfa/verify', { code: '123456' })).statusCode).toBe(409);
  });

  it('refuses the same code a second time in the same time step (replay), and takes the next step’s code', async () => {
    w.clock.advance(60_000);
    const code = codeAt(secrets.get('admin')!);
    const first = await w.login('admin');
    expect((await post(first, '/api/auth/mfa/verify', { code })).statusCode).toBe(200);
    const second = await w.login('admin');
    expect((await post(second, '/api/auth/mfa/verify', { code })).statusCode).toBe(400);
    expect((await post(second, '/api/auth/mfa/verify', { code: codeAt(secrets.get('admin')!, 1) })).statusCode).toBe(200);
  });

  it('takes each recovery code once', async () => {
    w.clock.advance(120_000);
    const { recoveryCodes } = await enrol(w.users.security_admin.username);
    w.clock.advance(60_000);
    const pending = await w.login(w.users.security_admin.username);
    const code = recoveryCodes[0]!.toLowerCase().replace(/-/g, ' ');
    const ok = await post(pending, '/api/auth/mfa/verify', { code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<{ mfa: { recoveryCodesLeft: number } }>().mfa.recoveryCodesLeft).toBe(9);
    const again = await w.login(w.users.security_admin.username);
    expect((await post(again, '/api/auth/mfa/verify', { code: recoveryCodes[0]! })).statusCode).toBe(400);
    const [last] = (await auditRows('auth.mfa_verify', w.users.security_admin.id)).filter((r) => r.outcome === 'success').slice(-1);
    expect(last!.details).toMatchObject({ method: 'recovery', recoveryCodesLeft: 9 });
  });

  it('counts code guesses toward the lockout: of 40 concurrent wrong codes at most 4 are checked, then even the right code waits', async () => {
    w.clock.advance(120_000);
    const { secret } = await enrol(w.users.audit_admin.username);
    w.clock.advance(60_000);
    const failuresBefore = (await auditRows('auth.mfa_verify', w.users.audit_admin.id)).filter((r) => r.outcome === 'failure').length;
    const pending = await w.login(w.users.audit_admin.username);
    const right = codeAt(secret);
    const wrongCodes = Array.from({ length: 40 }, (_, i) => String((Number(right) + 1 + i * 7919) % 1_000_000).padStart(6, '0'));
    const answers = await Promise.all(wrongCodes.map((code) => post(pending, '/api/auth/mfa/verify', { code })));
    const checked = answers.filter((a) => a.statusCode === 400).length;
    // The password took one of the 5 slots (LOGIN_MAX_FAILURES): at most 4 codes are ever checked.
    expect(checked).toBeLessThanOrEqual(4);
    expect(answers.every((a) => a.statusCode === 400 || a.statusCode === 429 || a.statusCode === 401)).toBe(true);
    const failures = (await auditRows('auth.mfa_verify', w.users.audit_admin.id)).filter((r) => r.outcome === 'failure').length;
    expect(failures - failuresBefore).toBe(checked);
    // Locked: the right code is refused, and so is the password, until the lock ends.
    const again = await w.login(w.users.audit_admin.username).catch(() => null);
    expect(again).toBeNull();
    w.clock.advance(16 * 60_000);
    const cookie = await w.loginWithCode(w.users.audit_admin.username, codeAt(secret, 1));
    expect(json<{ stage: string }>(await get(cookie, '/api/auth/me')).stage).toBe('full');
  });

  it('makes new recovery codes with a current code; the old ones stop working', async () => {
    w.clock.advance(120_000);
    const cookie = await w.loginWithCode('admin', { secret: secrets.get('admin')! });
    w.clock.advance(30_000);
    expect((await post(cookie, '/api/auth/mfa/recovery-codes', { code: '000000' })).statusCode).toBe(400);
    const fresh = json<{ recoveryCodes: string[] }>(
      await post(cookie, '/api/auth/mfa/recovery-codes', { code: codeAt(secrets.get('admin')!) }),
    );
    expect(fresh.recoveryCodes).toHaveLength(10);
    const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(
      w.db,
      sql`select count(*)::int as n from mfa_recovery_codes where user_id = ${w.users.admin.id} and used_at is null`,
    );
    expect(n).toBe(10);
  });

  it('lets a user of any role opt in; after that their sign-in has two steps too', async () => {
    const surgeon = await aUser('surgeon', w.homeOrgId).build(w.db);
    const first = await w.login(surgeon.username);
    expect(json<{ stage: string; mfa: { required: boolean } }>(await get(first, '/api/auth/me'))).toMatchObject({
      stage: 'full',
      mfa: { required: false },
    });
    const { secret } = json<{ secret: string }>(await post(first, '/api/auth/mfa/enroll'));
    json(await post(first, '/api/auth/mfa/enroll/confirm', { code: totp(base32Decode(secret), w.clock.now()) }));
    w.clock.advance(30_000);
    const pending = await w.login(surgeon.username);
    expect(json<{ stage: string }>(await get(pending, '/api/auth/me')).stage).toBe('mfa_pending');
  });

  it('lets the security administrator reset a user’s MFA (audited; sessions end; the user must enrol again), not their own', async () => {
    w.clock.advance(120_000);
    const sec = await w.loginWithCode(w.users.security_admin.username, { secret: secrets.get(w.users.security_admin.username)! });
    w.clock.advance(30_000);
    const adminCookie = await w.loginWithCode('admin', { secret: secrets.get('admin')! });
    expect((await post(sec, `/api/users/${w.users.security_admin.id}/mfa/reset`)).statusCode).toBe(409);
    const reset = json<{ mfaEnrolled: boolean }>(await post(sec, `/api/users/${w.users.admin.id}/mfa/reset`));
    expect(reset.mfaEnrolled).toBe(false);
    expect((await get(adminCookie, '/api/auth/me')).statusCode).toBe(401);
    const again = await w.login('admin');
    expect(json<{ stage: string }>(await get(again, '/api/auth/me')).stage).toBe('mfa_enrolment');
    const [row] = (await auditRows('user.mfa_reset')).slice(-1);
    expect(row!.details).toMatchObject({ wasEnrolled: true });
    // The system administrator may not reset MFA (三员分立).
    expect((await post(again, `/api/users/${w.users.security_admin.id}/mfa/reset`)).statusCode).toBe(403);
    await enrol('admin');
  });
});

describe('my sessions and signing out everywhere', () => {
  it('lists my live sessions with the current one marked; ends one, the others, or all', async () => {
    const nurse = w.users.nurse.username;
    const a = await w.login(nurse);
    const b = await w.login(nurse);
    const c = await w.login(nurse);
    const list = json<{ items: { id: string; current: boolean; userAgent: string | null }[] }>(await get(a, '/api/auth/sessions'));
    expect(list.items.length).toBeGreaterThanOrEqual(3);
    expect(list.items.filter((s) => s.current)).toHaveLength(1);
    const current = list.items.find((s) => s.current)!.id;
    const bSession = json<{ items: { id: string; current: boolean }[] }>(await get(b, '/api/auth/sessions')).items.find(
      (s) => s.current,
    )!.id;
    expect(bSession).not.toBe(current);
    // End B from A.
    const del = await w.app.inject({ method: 'DELETE', url: `/api/auth/sessions/${bSession}`, headers: { cookie: a } });
    expect(del.statusCode).toBe(200);
    expect((await get(b, '/api/auth/me')).statusCode).toBe(401);
    // Another user's session is not mine: 404.
    const surgeonCookie = await w.as('surgeon');
    const surgeonSession = json<{ items: { id: string; current: boolean }[] }>(await get(surgeonCookie, '/api/auth/sessions')).items.find(
      (s) => s.current,
    )!.id;
    expect((await w.app.inject({ method: 'DELETE', url: `/api/auth/sessions/${surgeonSession}`, headers: { cookie: a } })).statusCode).toBe(
      404,
    );
    expect((await get(surgeonCookie, '/api/auth/me')).statusCode).toBe(200);
    // Everywhere else: C ends, A stays.
    const others = json<{ revoked: number }>(await post(a, '/api/auth/sessions/revoke-all', { includeCurrent: false }));
    expect(others.revoked).toBeGreaterThanOrEqual(1);
    expect((await get(c, '/api/auth/me')).statusCode).toBe(401);
    expect((await get(a, '/api/auth/me')).statusCode).toBe(200);
    // Everywhere including here.
    json(await post(a, '/api/auth/sessions/revoke-all', { includeCurrent: true }));
    expect((await get(a, '/api/auth/me')).statusCode).toBe(401);
    const audited = await auditRows('auth.sessions_revoke_all', w.users.nurse.id);
    expect(audited.map((r) => r.details?.includeCurrent)).toEqual([false, true]);
    expect(await auditRows('auth.session_revoke', w.users.nurse.id)).toHaveLength(1);
  });

  it('lets the security administrator end every session of a user (audited)', async () => {
    w.clock.advance(60_000);
    const sec = await w.loginWithCode(w.users.security_admin.username, { secret: secrets.get(w.users.security_admin.username)! });
    const resident = await w.login(w.users.resident.username);
    const r = json<{ revoked: number }>(await post(sec, `/api/users/${w.users.resident.id}/sessions/revoke`));
    expect(r.revoked).toBeGreaterThanOrEqual(1);
    expect((await get(resident, '/api/auth/me')).statusCode).toBe(401);
    const [row] = (await auditRows('user.sessions_revoke')).slice(-1);
    expect(row!.details).toMatchObject({ sessionsEnded: r.revoked });
  });
});

describe('break-glass', () => {
  let otherHospitalPatient: string;
  let ownPatient: string;
  beforeAll(async () => {
    otherHospitalPatient = (await aPatient(w.orgA, { name: '外院患者' }).build(w.db)).id;
    ownPatient = (await aPatient(w.homeOrgId).build(w.db)).id;
  });

  it('refuses roles that may not break glass, a short reason, a patient already in scope and one that does not exist', async () => {
    const reason = { reason: '急诊会诊，患者转入本院需查看既往手术记录' };
    const { secret } = await enrol(w.users.external_doctor.username);
    w.clock.advance(30_000);
    const ext = await w.loginWithCode(w.users.external_doctor.username, { secret });
    expect((await post(ext, `/api/patients/${otherHospitalPatient}/break-glass`, reason)).statusCode).toBe(403);
    expect((await post(await w.as('researcher'), `/api/patients/${otherHospitalPatient}/break-glass`, reason)).statusCode).toBe(404);
    expect((await post(await w.as('student'), `/api/patients/${otherHospitalPatient}/break-glass`, reason)).statusCode).toBe(403);
    expect((await post(await w.as('mdt_coordinator'), `/api/patients/${otherHospitalPatient}/break-glass`, reason)).statusCode).toBe(403);
    const surgeon = await w.as('surgeon');
    const short = await post(surgeon, `/api/patients/${otherHospitalPatient}/break-glass`, { reason: '看一下' });
    expect(short.statusCode).toBe(400);
    expect((await post(surgeon, `/api/patients/${ownPatient}/break-glass`, reason)).statusCode).toBe(409);
    expect((await post(surgeon, `/api/patients/00000000-0000-4000-8000-00000000abcd/break-glass`, reason)).statusCode).toBe(404);
  });

  it('opens the patient for BREAK_GLASS_HOURS with every read audited under the grant; reported to the department head; then 404 again', async () => {
    const surgeon = await w.login(w.users.surgeon.username);
    expect((await get(surgeon, `/api/patients/${otherHospitalPatient}`)).statusCode).toBe(404);
    const grant = json<{ id: string; expiresAt: string }>(
      await post(surgeon, `/api/patients/${otherHospitalPatient}/break-glass`, {
        reason: '  夜间急诊：患者意识不清，需查看既往手术与过敏史  ',
      }),
      201,
    );
    expect(new Date(grant.expiresAt).getTime() - w.clock.now().getTime()).toBe(4 * 3_600_000);
    expect(json<{ name: string }>(await get(surgeon, `/api/patients/${otherHospitalPatient}`)).name).toBe('外院患者');
    expect((await get(surgeon, `/api/patients/${otherHospitalPatient}/oncology-summary`)).statusCode).toBe(200);
    // The FHIR read reaches the patient through the grant too (also by the id in capitals), audited under it.
    expect(
      json<{ resourceType: string; id: string }>(await get(surgeon, `/fhir/R4/Patient/${otherHospitalPatient.toUpperCase()}`)),
    ).toMatchObject({
      resourceType: 'Patient',
      id: otherHospitalPatient,
    });
    const [fhirRead] = await auditRows('fhir.read', w.users.surgeon.id);
    expect(fhirRead!.details).toMatchObject({ breakGlass: grant.id });
    const reads = await queryRows<{ details: Record<string, unknown> | null }>(
      w.db,
      sql`select details from audit_log where patient_id = ${otherHospitalPatient} and actor_id = ${w.users.surgeon.id} and action = 'patient.read'`,
    );
    expect(reads.length).toBeGreaterThanOrEqual(1);
    expect(reads.every((r) => r.details?.breakGlass === grant.id)).toBe(true);
    const [opened] = await auditRows('patient.break_glass', w.users.surgeon.id);
    expect(opened!.details).toMatchObject({ breakGlass: grant.id, reason: '夜间急诊：患者意识不清，需查看既往手术与过敏史' });
    // Another surgeon does not share the grant.
    const other = await aUser('surgeon', w.homeOrgId).build(w.db);
    expect((await get(await w.login(other.username), `/api/patients/${otherHospitalPatient}`)).statusCode).toBe(404);

    const head = await w.as('department_head');
    const report = json<{ items: Record<string, unknown>[] }>(await get(head, '/api/audit/break-glass'));
    const item = report.items.find((i) => i.id === grant.id)!;
    expect(item).toMatchObject({
      userId: w.users.surgeon.id,
      patientId: otherHospitalPatient,
      reason: '夜间急诊：患者意识不清，需查看既往手术与过敏史',
      active: true,
      patientName: null,
    });
    expect(item.accesses as number).toBeGreaterThanOrEqual(2);
    expect(await auditRows('audit.break_glass_report')).toHaveLength(1);

    // After four hours the grant has ended: 404 again (a new session: the old one idled out).
    w.clock.advance(4 * 3_600_000 + 1000);
    const later = await w.login(w.users.surgeon.username);
    expect((await get(later, `/api/patients/${otherHospitalPatient}`)).statusCode).toBe(404);
    const after = json<{ items: { id: string; active: boolean }[] }>(
      await get(await w.login(w.users.department_head.username), '/api/audit/break-glass'),
    );
    expect(after.items.find((i) => i.id === grant.id)!.active).toBe(false);
  });
});
