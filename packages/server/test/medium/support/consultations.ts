import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '../../../src/auth/permissions.js';
import type { TestWorld } from './test-app.js';

/** Who calls: a role of the test world, or a user by username (extra hospitals). */
export type Caller = Role | 'extB' | { username: string };

/**
 * Consultation helpers for medium tests: everything through the HTTP API. Sessions are cached per caller
 * and dropped by `relogin()` after the manual clock jumps past the idle timeout.
 */
export function consultationClient(w: TestWorld) {
  const cookies = new Map<string, string>();
  const nameOf = (who: Caller) => (typeof who === 'string' ? w.users[who].username : who.username);
  const cookie = async (who: Caller) => {
    const u = nameOf(who);
    const c = cookies.get(u) ?? (await w.login(u));
    cookies.set(u, c);
    return c;
  };
  const call = async (who: Caller, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
    w.app.inject({ method, url, headers: { cookie: await cookie(who) }, ...(payload !== undefined ? { payload: payload as object } : {}) });
  const ok = <T>(res: LightMyRequestResponse, status = 200): T => {
    if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
    return res.json<T>();
  };
  const client = {
    call,
    ok,
    cookie,
    relogin: () => cookies.clear(),
    create: async (patientId: string, who: Caller = 'external_doctor', extra: Record<string, unknown> = {}) =>
      ok<{ id: string; status: string; dueAt: string }>(
        await call(who, 'POST', '/api/consultations', {
          patientId,
          question: '胃窦癌 cT3N1M0，新辅助化疗后能否手术？',
          urgency: 'routine',
          consent: { obtainedOn: '2026-11-20', method: 'written' },
          ...extra,
        }),
        201,
      ),
    assign: async (id: string, expertId: string) =>
      ok<{ status: string }>(await call('mdt_coordinator', 'POST', `/api/consultations/${id}/assign`, { expertId })),
    answer: async (id: string, recommendation: 'manage_locally' | 'mdt' | 'transfer' = 'manage_locally', who: Caller = 'surgeon') =>
      ok<{ status: string; answeredAt: string }>(
        await call(who, 'POST', `/api/consultations/${id}/answer`, { advice: '建议先行腹腔镜探查', recommendation }),
      ),
    close: async (id: string, who: Caller = 'external_doctor') =>
      ok<{ status: string }>(
        await call(who, 'POST', `/api/consultations/${id}/close`, {
          survey: { referralAvoided: true, willFollowAdvice: true, educational: false },
        }),
      ),
    detail: async (id: string, who: Caller = 'mdt_coordinator') =>
      ok<Record<string, unknown> & { status: string }>(await call(who, 'GET', `/api/consultations/${id}`)),
  };
  return client;
}
