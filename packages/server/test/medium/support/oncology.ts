import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import {
  auditLog,
  complications,
  oncologyDiagnoses,
  operations,
  pathologyReports,
  performanceStatus,
  peritonealAssessments,
  tumorMarkers,
} from '../../../src/db/schema/index.js';
import type { TestWorld } from './test-app.js';

export type ErrorBody = {
  error: {
    code: string;
    message: string;
    details?: { fields?: { path: string; code: string; messageZh: string; messageEn: string }[]; currentVersion?: number | null };
  };
};

export type Caller = (
  role: Parameters<TestWorld['as']>[0],
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
) => Promise<LightMyRequestResponse>;

export function caller(w: () => TestWorld): Caller {
  return async (role, method, url, payload) =>
    w().app.inject({
      method,
      url,
      headers: { cookie: await w().as(role) },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
}

/** Row counts of every oncology table (and the audit log): a refused request must change none of them. */
export async function oncologyCounts(w: TestWorld): Promise<{
  diagnoses: number;
  markers: number;
  performanceStatus: number;
  operations: number;
  pathology: number;
  peritoneal: number;
  complications: number;
  versions: number;
}> {
  const count = async (
    table:
      | typeof operations
      | typeof oncologyDiagnoses
      | typeof tumorMarkers
      | typeof performanceStatus
      | typeof pathologyReports
      | typeof peritonealAssessments
      | typeof complications,
  ) => (await w.db.select({ n: sql<number>`count(*)::int` }).from(table as typeof operations))[0]!.n;
  return {
    diagnoses: await count(oncologyDiagnoses),
    markers: await count(tumorMarkers),
    performanceStatus: await count(performanceStatus),
    operations: await count(operations),
    pathology: await count(pathologyReports),
    peritoneal: await count(peritonealAssessments),
    complications: await count(complications),
    versions: (await w.db.select({ n: sql<number>`coalesce(sum(version), 0)::int` }).from(operations))[0]!.n,
  };
}

export async function auditRowsOf(w: TestWorld, res: LightMyRequestResponse) {
  const { eq } = await import('drizzle-orm');
  return w.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.requestId, res.headers['x-request-id'] as string));
}

export function fieldPaths(res: LightMyRequestResponse): string[] {
  return (res.json<ErrorBody>().error.details?.fields ?? []).map((f) => f.path);
}
