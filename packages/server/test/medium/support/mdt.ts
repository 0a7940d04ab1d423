import type { LightMyRequestResponse } from 'fastify';
import type { TestWorld } from './test-app.js';

type Who = Parameters<TestWorld['as']>[0];

/** Tumor-board helpers for medium tests: everything through the HTTP API, as a client would. */
export function mdtClient(w: TestWorld) {
  const call = async (
    who: Who,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse> =>
    w.app.inject({ method, url, headers: { cookie: await w.as(who) }, ...(payload !== undefined ? { payload: payload as object } : {}) });
  const ok = <T>(res: LightMyRequestResponse, status = 200): T => {
    if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
    return res.json<T>();
  };
  return {
    call,
    ok,
    async meeting(
      body: Record<string, unknown> = {},
      who: Who = 'mdt_coordinator',
    ): Promise<{ id: string; version: number; seriesMeetingIds: string[] }> {
      return ok(
        await call(who, 'POST', '/api/mdt/meetings', { tumorGroup: 'gastric', kind: 'inter', startsAt: '2026-12-01T16:00', ...body }),
        201,
      );
    },
    async submit(
      meetingId: string,
      patientId: string,
      who: Who = 'surgeon',
      body: Record<string, unknown> = {},
    ): Promise<{ id: string; version: number; status: string }> {
      return ok(
        await call(who, 'POST', `/api/mdt/meetings/${meetingId}/cases`, { patientId, question: '是否先行新辅助化疗？', ...body }),
        201,
      );
    },
    async recommend(
      caseId: string,
      items: Record<string, unknown>[] = [{ kind: 'surgery', dueDate: '2026-12-20' }],
      extra: Record<string, unknown> = {},
    ) {
      return ok<{ id: string; items: { id: string; kind: string; status: string; dueDate: string; version: number }[] }>(
        await call('mdt_coordinator', 'POST', `/api/mdt/cases/${caseId}/recommendation`, {
          intent: 'curative',
          items,
          consensus: true,
          ...extra,
        }),
        201,
      );
    },
  };
}
