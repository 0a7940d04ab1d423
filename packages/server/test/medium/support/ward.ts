import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { bedStates, beds, departments, wards } from '../../../src/db/schema/index.js';
import type { Db } from '../../../src/db/types.js';
import { apiCalls, type TestWorld } from './test-app.js';

type Who = Parameters<TestWorld['as']>[0];

/** The error body of a refused request. */
export interface ErrorBody {
  error: { code: string; details: { fields: { path: string; messageZh: string; messageEn: string }[] } };
}

/** A ward of the home department with `n` beds, each vacant and clean (as the foundation seed makes them). */
export function aWard(homeOrgId: string, opts: { beds?: number; kind?: 'general' | 'icu' | 'hdu'; name?: string } = {}) {
  return {
    async build(db: Db): Promise<{ wardId: string; bedIds: string[] }> {
      const [dept] = await db.select({ id: departments.id }).from(departments).where(eq(departments.organizationId, homeOrgId)).limit(1);
      const code = `W${randomBytes(3).toString('hex')}`;
      const [ward] = await db
        .insert(wards)
        .values({ departmentId: dept!.id, code, name: opts.name ?? `测试病区${code}`, kind: opts.kind ?? 'general' })
        .returning({ id: wards.id });
      const rows = await db
        .insert(beds)
        .values(
          Array.from({ length: opts.beds ?? 3 }, (_, i) => ({
            wardId: ward!.id,
            label: `${code}-${String(i + 1).padStart(2, '0')}`,
            sortOrder: i,
          })),
        )
        .returning({ id: beds.id });
      await db.insert(bedStates).values(rows.map((b) => ({ bedId: b.id })));
      return { wardId: ward!.id, bedIds: rows.map((r) => r.id) };
    },
  };
}

/** Ward helpers for medium tests: everything through the HTTP API, as a client would. */
export function wardClient(w: TestWorld) {
  const { call, ok } = apiCalls(w);
  return {
    call,
    ok,
    admitRaw: (patientId: string, bedId: string, extra: Record<string, unknown> = {}, who: Who = 'nurse') =>
      call(who, 'POST', '/api/admissions', { patientId, bedId, admittedAt: '2026-11-26T08:00', source: 'outpatient', ...extra }),
    async admit(patientId: string, bedId: string, extra: Record<string, unknown> = {}): Promise<string> {
      return ok<{ id: string }>(await this.admitRaw(patientId, bedId, extra), 201).id;
    },
    async bedState(wardId: string, bedId: string): Promise<{ state: string; admissionId?: string; reservedFor?: { name: string } | null }> {
      const board = ok<{ id: string; beds: { id: string; state: string; admissionId?: string }[] }[]>(
        await call('nurse', 'GET', `/api/wards?wardId=${wardId}`),
      );
      return board[0]!.beds.find((b) => b.id === bedId)!;
    },
  };
}
