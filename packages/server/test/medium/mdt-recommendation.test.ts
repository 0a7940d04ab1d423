import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mdtPlanItems, mdtRecommendations } from '../../src/db/schema/index.js';
import { aPatient } from './support/builders.js';
import { mdtClient } from './support/mdt.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

type Rec = {
  id: string;
  version: number;
  intent: string;
  guideline: string | null;
  guidelineVersion: string | null;
  consensus: boolean;
  dissent: { name: string | null; view: string }[];
  responsible: { userId: string | null; name: string } | null;
  patientSummary: string;
  decidedOn: string;
  items: { id: string; kind: string; status: string; dueDate: string; requiresAdmission: boolean }[];
};
type ErrorBody = { error: { code: string; details?: { fields?: { path: string }[]; currentVersion?: number } } };

let w: TestWorld;
let m: ReturnType<typeof mdtClient>;
let board: string;
beforeAll(async () => {
  w = await createTestWorld();
  m = mdtClient(w);
  board = (await m.meeting({ kind: 'inter', tumorGroup: 'peritoneal' })).id;
});
afterAll(async () => w.close());

const newCase = async () => (await m.submit(board, (await aPatient(w.homeOrgId).build(w.db)).id)).id;
const countRecs = async () => (await w.db.select({ n: sql<number>`count(*)::int` }).from(mdtRecommendations))[0]!.n;
const post = (caseId: string, body: unknown) => m.call('mdt_coordinator', 'POST', `/api/mdt/cases/${caseId}/recommendation`, body);

describe('POST /api/mdt/cases/:id/recommendation', () => {
  it('takes the contract body and answers 201 with every plan item pending', async () => {
    const caseId = await newCase();
    const res = await post(caseId, {
      intent: 'curative',
      items: [
        { kind: 'crs_hipec', dueDate: '2026-12-20', detail: 'CRS + HIPEC（洛铂）' },
        { kind: 'chemotherapy', dueDate: '2027-01-31' },
      ],
      guideline: 'CSCO 结直肠癌诊疗指南 2024',
      consensus: true,
    });
    expect(res.statusCode).toBe(201);
    const rec = res.json<Rec>();
    expect(rec.items).toEqual([
      expect.objectContaining({ id: expect.any(String), kind: 'crs_hipec', status: 'pending', dueDate: '2026-12-20' }),
      expect.objectContaining({ id: expect.any(String), kind: 'chemotherapy', status: 'pending', dueDate: '2027-01-31' }),
    ]);
    expect(rec).toMatchObject({ intent: 'curative', guideline: 'CSCO 结直肠癌诊疗指南 2024', consensus: true, decidedOn: '2026-11-26' });
    const c = m.ok<{ status: string; agendaOrder: number }>(await m.call('surgeon', 'GET', `/api/mdt/cases/${caseId}`));
    expect(c).toMatchObject({ status: 'decided', agendaOrder: 1 });
  });

  it('writes a plain-language summary in Chinese for the patient', async () => {
    const rec = m.ok<Rec>(
      await post(await newCase(), {
        intent: 'palliative',
        items: [{ kind: 'chemotherapy', dueDate: '2026-12-10', timing: 'palliative', requiresAdmission: true }],
        consensus: true,
        responsibleUserId: w.users.surgeon.id,
      }),
      201,
    );
    expect(rec.patientSummary).toContain('以控制病情、缓解症状、提高生活质量为治疗目标');
    expect(rec.patientSummary).toContain('需要住院进行，计划在2026年12月10日前完成');
    expect(rec.patientSummary).toContain('测试surgeon医生');
    expect(rec.responsible).toEqual({ userId: w.users.surgeon.id, name: '测试surgeon' });
  });

  it('takes a due date given as an ISO date-time (cut to its date)', async () => {
    const rec = m.ok<Rec>(
      await post(await newCase(), {
        intent: 'curative',
        items: [{ kind: 'surgery', dueDate: '2026-12-20T00:00:00.000Z' }],
        consensus: true,
      }),
      201,
    );
    expect(rec.items[0]!.dueDate).toBe('2026-12-20');
  });

  it('takes the guideline as a name with a version', async () => {
    const rec = m.ok<Rec>(
      await post(await newCase(), {
        intent: 'curative',
        items: [{ kind: 'surgery', dueDate: '2026-12-20' }],
        guideline: { name: 'NCCN Gastric Cancer', version: '2.2025' },
        consensus: true,
      }),
      201,
    );
    expect(rec).toMatchObject({ guideline: 'NCCN Gastric Cancer', guidelineVersion: '2.2025' });
  });

  it('needs the dissenting views when there is no consensus (400, nothing written)', async () => {
    const caseId = await newCase();
    const before = await countRecs();
    const res = await post(caseId, { intent: 'curative', items: [{ kind: 'surgery', dueDate: '2026-12-20' }], consensus: false });
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorBody>().error.details?.fields?.[0]?.path).toBe('dissent');
    expect(await countRecs()).toBe(before);
    const ok = m.ok<Rec>(
      await post(caseId, {
        intent: 'curative',
        items: [{ kind: 'surgery', dueDate: '2026-12-20' }],
        consensus: false,
        dissent: [{ name: '肿瘤内科 李医生', specialty: 'medical_oncology', view: '建议先行转化治疗' }],
      }),
      201,
    );
    expect(ok.dissent).toEqual([{ name: '肿瘤内科 李医生', specialty: 'medical_oncology', view: '建议先行转化治疗' }]);
  });

  it('refuses bad input with 400 and writes nothing', async () => {
    const caseId = await newCase();
    const before = (await w.db.select({ n: sql<number>`count(*)::int` }).from(mdtPlanItems))[0]!.n;
    for (const body of [
      { intent: 'curative', items: [], consensus: true },
      { intent: 'cure', items: [{ kind: 'surgery', dueDate: '2026-12-20' }], consensus: true },
      { intent: 'curative', items: [{ kind: 'magic', dueDate: '2026-12-20' }], consensus: true },
      { intent: 'curative', items: [{ kind: 'surgery', dueDate: '2026-02-30' }], consensus: true },
      { intent: 'curative', items: [{ kind: 'surgery' }], consensus: true },
      { intent: 'curative', items: [{ kind: 'surgery', dueDate: '2026-12-20' }] },
      { intent: 'curative', items: [{ kind: 'surgery', dueDate: '2026-12-20', status: 'delivered' }], consensus: true },
      {
        intent: 'curative',
        items: [{ kind: 'surgery', dueDate: '2026-12-20' }],
        consensus: true,
        responsibleUserId: w.users.external_doctor.id,
      },
    ]) {
      expect((await post(caseId, body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await w.db.select({ n: sql<number>`count(*)::int` }).from(mdtPlanItems))[0]!.n).toBe(before);
    expect(m.ok<{ status: string }>(await m.call('surgeon', 'GET', `/api/mdt/cases/${caseId}`)).status).toBe('submitted');
  });

  it('records one recommendation per case: a second one is 409', async () => {
    const caseId = await newCase();
    await m.recommend(caseId);
    const again = await post(caseId, { intent: 'curative', items: [{ kind: 'surgery', dueDate: '2026-12-20' }], consensus: true });
    expect(again.statusCode).toBe(409);
  });

  it('of 10 concurrent recommendations for one case, exactly one wins', async () => {
    const caseId = await newCase();
    const cookie = await w.as('mdt_coordinator');
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        w.app.inject({
          method: 'POST',
          url: `/api/mdt/cases/${caseId}/recommendation`,
          headers: { cookie },
          payload: { intent: 'curative', items: [{ kind: 'surgery', dueDate: '2026-12-20', detail: `#${i}` }], consensus: true },
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, ...Array<number>(9).fill(409)]);
    const recs = await w.db.select().from(mdtRecommendations).where(eq(mdtRecommendations.caseId, caseId));
    expect(recs).toHaveLength(1);
    expect(await w.db.select().from(mdtPlanItems).where(eq(mdtPlanItems.caseId, caseId))).toHaveLength(1);
  });

  it('cannot decide a rejected case (409)', async () => {
    const caseId = await newCase();
    m.ok(await m.call('mdt_coordinator', 'POST', `/api/mdt/cases/${caseId}/triage`, { action: 'reject', reason: '不属于本组' }));
    const res = await post(caseId, { intent: 'curative', items: [{ kind: 'surgery', dueDate: '2026-12-20' }], consensus: true });
    expect(res.statusCode).toBe(409);
    expect(res.json<ErrorBody>().error.code).toBe('INVALID_STATE');
  });

  it('is for the coordinator (and department head, admin): surgeons get 403', async () => {
    const res = await m.call('surgeon', 'POST', `/api/mdt/cases/${await newCase()}/recommendation`, {
      intent: 'curative',
      items: [{ kind: 'surgery', dueDate: '2026-12-20' }],
      consensus: true,
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('PATCH /api/mdt/cases/:id/recommendation', () => {
  it('amends the text with the version; a stale version is 409', async () => {
    const caseId = await newCase();
    await m.recommend(caseId);
    const amended = m.ok<Rec>(
      await m.call('mdt_coordinator', 'PATCH', `/api/mdt/cases/${caseId}/recommendation`, {
        version: 1,
        deviationReason: '高龄，体能状态差',
      }),
    );
    expect(amended.version).toBe(2);
    const stale = await m.call('mdt_coordinator', 'PATCH', `/api/mdt/cases/${caseId}/recommendation`, { version: 1, guideline: 'x' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<ErrorBody>().error.details?.currentVersion).toBe(2);
  });

  it('cannot drop consensus without dissenting views (400)', async () => {
    const caseId = await newCase();
    await m.recommend(caseId);
    expect(
      (await m.call('mdt_coordinator', 'PATCH', `/api/mdt/cases/${caseId}/recommendation`, { version: 1, consensus: false })).statusCode,
    ).toBe(400);
  });

  it('answers 409 for a case without a recommendation', async () => {
    expect(
      (await m.call('mdt_coordinator', 'PATCH', `/api/mdt/cases/${await newCase()}/recommendation`, { version: 1, guideline: 'x' }))
        .statusCode,
    ).toBe(409);
  });
});
