import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mdtMeetings, mdtParticipants } from '../../src/db/schema/index.js';
import { aPatient } from './support/builders.js';
import { mdtClient } from './support/mdt.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

type Meeting = {
  id: string;
  version: number;
  status: string;
  startsAt: string;
  durationMinutes: number;
  seriesId: string | null;
  seriesMeetingIds: string[];
  kind: string;
  counts: { agenda: number; triage: number };
};
type Detail = Meeting & {
  participants: Participant[];
  agenda: { id: string; agendaOrder: number }[];
  triage: { id: string; status: string; statusReason: string | null }[];
};
type Participant = {
  id: string;
  userId: string | null;
  name: string;
  specialty: string;
  hospital: string | null;
  checkedInAt: string | null;
  invited: boolean;
};
type ErrorBody = { error: { code: string; details?: { fields?: { path: string }[]; currentVersion?: number } } };

let w: TestWorld;
let m: ReturnType<typeof mdtClient>;
beforeAll(async () => {
  w = await createTestWorld();
  m = mdtClient(w);
});
afterAll(async () => w.close());

const countMeetings = async () => (await w.db.select({ n: sql<number>`count(*)::int` }).from(mdtMeetings))[0]!.n;

describe('POST /api/mdt/meetings', () => {
  it('creates a board from the contract body with defaults for the rest', async () => {
    const res = await m.call('mdt_coordinator', 'POST', '/api/mdt/meetings', {
      tumorGroup: 'peritoneal',
      kind: 'intra',
      startsAt: '2026-12-03T08:00:00Z',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json<Meeting>()).toMatchObject({
      id: expect.any(String),
      status: 'scheduled',
      durationMinutes: 90,
      startsAt: '2026-12-03T08:00:00.000Z',
      seriesId: null,
    });
  });

  it('reads a time without offset in the hospital time zone (Asia/Shanghai)', async () => {
    const created = await m.meeting({ startsAt: '2026-12-08T16:30' });
    const detail = m.ok<Meeting>(await m.call('surgeon', 'GET', `/api/mdt/meetings/${created.id}`));
    expect(detail.startsAt).toBe('2026-12-08T08:30:00.000Z');
  });

  it('creates a weekly series at the same hospital time', async () => {
    const created = await m.meeting({ startsAt: '2027-01-05T16:00', repeat: { frequency: 'weekly', occurrences: 4 } });
    expect(created.seriesMeetingIds).toHaveLength(4);
    const rows = await w.db
      .select()
      .from(mdtMeetings)
      .where(eq(mdtMeetings.seriesId, (await w.db.select().from(mdtMeetings).where(eq(mdtMeetings.id, created.id)))[0]!.seriesId!));
    expect(rows.map((r) => r.startsAt.toISOString()).sort()).toEqual([
      '2027-01-05T08:00:00.000Z',
      '2027-01-12T08:00:00.000Z',
      '2027-01-19T08:00:00.000Z',
      '2027-01-26T08:00:00.000Z',
    ]);
  });

  it('refuses bad input with 400 and writes nothing', async () => {
    const before = await countMeetings();
    for (const body of [
      { tumorGroup: 'liver', kind: 'intra', startsAt: '2026-12-01T16:00' },
      { tumorGroup: 'gastric', kind: 'intra', startsAt: '2026-02-30T16:00' },
      { tumorGroup: 'gastric', kind: 'intra', startsAt: 'next tuesday' },
      { tumorGroup: 'gastric', kind: 'intra', startsAt: '2026-12-01T16:00', status: 'closed' },
      { tumorGroup: 'gastric', kind: 'intra', startsAt: '2026-12-01T16:00', repeat: { frequency: 'weekly', occurrences: 1 } },
      { tumorGroup: 'gastric', kind: 'intra', startsAt: '2026-12-01T16:00', videoLink: 'javascript:alert(1)' },
      { tumorGroup: 'gastric', startsAt: '2026-12-01T16:00' },
    ]) {
      const res = await m.call('mdt_coordinator', 'POST', '/api/mdt/meetings', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await countMeetings()).toBe(before);
  });

  it('takes the chair from the home hospital only', async () => {
    const res = await m.call('mdt_coordinator', 'POST', '/api/mdt/meetings', {
      tumorGroup: 'gastric',
      kind: 'inter',
      startsAt: '2026-12-01T16:00',
      chairUserId: w.users.external_doctor.id,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorBody>().error.details?.fields?.[0]?.path).toBe('chairUserId');
    const ok = await m.meeting({ chairUserId: w.users.department_head.id });
    expect(m.ok<{ chair: { id: string } }>(await m.call('surgeon', 'GET', `/api/mdt/meetings/${ok.id}`)).chair.id).toBe(
      w.users.department_head.id,
    );
  });
});

describe('GET /api/mdt/meetings', () => {
  it('lists boards in a period; external doctors see inter-hospital boards only', async () => {
    const intra = await m.meeting({ kind: 'intra', startsAt: '2027-03-02T16:00' });
    const inter = await m.meeting({ kind: 'inter', startsAt: '2027-03-03T16:00' });
    const home = m.ok<{ items: Meeting[] }>(await m.call('resident', 'GET', '/api/mdt/meetings?from=2027-03-01&to=2027-03-31'));
    expect(home.items.map((x) => x.id)).toEqual([intra.id, inter.id]);
    const ext = m.ok<{ items: Meeting[]; total: number }>(
      await m.call('external_doctor', 'GET', '/api/mdt/meetings?from=2027-03-01&to=2027-03-31'),
    );
    expect(ext.items.map((x) => x.id)).toEqual([inter.id]);
    expect(ext.total).toBe(1);
  });

  it('counts only the cases the reader may see', async () => {
    const board = await m.meeting({ kind: 'inter', startsAt: '2027-04-06T16:00' });
    const a = await aPatient(w.homeOrgId, { sourceOrganizationId: w.orgA }).build(w.db);
    const b = await aPatient(w.homeOrgId, { sourceOrganizationId: w.orgB }).build(w.db);
    await m.submit(board.id, a.id, 'external_doctor');
    await m.submit(board.id, b.id, 'extB');
    expect(m.ok<Meeting>(await m.call('mdt_coordinator', 'GET', `/api/mdt/meetings/${board.id}`)).counts.triage).toBe(2);
    const seenByA = m.ok<Detail>(await m.call('external_doctor', 'GET', `/api/mdt/meetings/${board.id}`));
    expect(seenByA.counts.triage).toBe(1);
    expect(seenByA.triage).toHaveLength(1);
  });
});

describe('PATCH /api/mdt/meetings/:id', () => {
  it('edits with the version and answers a stale version with 409 and the current version', async () => {
    const created = await m.meeting();
    const first = await m.call('mdt_coordinator', 'PATCH', `/api/mdt/meetings/${created.id}`, { version: 1, place: '门诊楼 12 楼示教室' });
    expect(first.statusCode).toBe(200);
    expect(first.json<{ version: number; place: string }>()).toMatchObject({ version: 2, place: '门诊楼 12 楼示教室' });
    const stale = await m.call('mdt_coordinator', 'PATCH', `/api/mdt/meetings/${created.id}`, { version: 1, place: '其他' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<ErrorBody>().error.details?.currentVersion).toBe(2);
  });

  it('needs the version (400)', async () => {
    const created = await m.meeting();
    expect((await m.call('mdt_coordinator', 'PATCH', `/api/mdt/meetings/${created.id}`, { place: 'x' })).statusCode).toBe(400);
  });
});

describe('meeting status', () => {
  it('closing a board defers the cases it did not decide, with the reason, onto the triage list', async () => {
    const board = await m.meeting();
    const p = await aPatient(w.homeOrgId).build(w.db);
    const c = await m.submit(board.id, p.id);
    m.ok(await m.call('mdt_coordinator', 'POST', `/api/mdt/cases/${c.id}/triage`, { action: 'schedule' }));
    m.ok(await m.call('mdt_coordinator', 'POST', `/api/mdt/meetings/${board.id}/status`, { action: 'start' }));
    const closed = m.ok<Meeting>(await m.call('mdt_coordinator', 'POST', `/api/mdt/meetings/${board.id}/status`, { action: 'close' }));
    expect(closed.status).toBe('closed');
    const detail = m.ok<Detail>(await m.call('mdt_coordinator', 'GET', `/api/mdt/meetings/${board.id}`));
    expect(detail.triage).toEqual([
      expect.objectContaining({ id: c.id, status: 'deferred', statusReason: 'meeting_closed_without_decision' }),
    ]);
    const worklist = m.ok<{ triage: { id: string }[] }>(await m.call('mdt_coordinator', 'GET', '/api/mdt/worklist'));
    expect(worklist.triage.map((x) => x.id)).toContain(c.id);
  });

  it('cancelling needs a reason (400) and a cancelled board takes no cases (409)', async () => {
    const board = await m.meeting();
    expect((await m.call('mdt_coordinator', 'POST', `/api/mdt/meetings/${board.id}/status`, { action: 'cancel' })).statusCode).toBe(400);
    m.ok(await m.call('mdt_coordinator', 'POST', `/api/mdt/meetings/${board.id}/status`, { action: 'cancel', reason: '节假日' }));
    const p = await aPatient(w.homeOrgId).build(w.db);
    const res = await m.call('surgeon', 'POST', `/api/mdt/meetings/${board.id}/cases`, { patientId: p.id, question: '?' });
    expect(res.statusCode).toBe(409);
  });

  it('refuses a transition the state machine does not allow (409)', async () => {
    const board = await m.meeting();
    m.ok(await m.call('mdt_coordinator', 'POST', `/api/mdt/meetings/${board.id}/status`, { action: 'close' }));
    const res = await m.call('mdt_coordinator', 'POST', `/api/mdt/meetings/${board.id}/status`, { action: 'start' });
    expect(res.statusCode).toBe(409);
    expect(res.json<ErrorBody>().error.code).toBe('INVALID_STATE');
  });
});

describe('participants and attendance', () => {
  it('invites users and guests by specialty, from the home and external hospitals', async () => {
    const board = await m.meeting();
    m.ok(
      await m.call('mdt_coordinator', 'POST', `/api/mdt/meetings/${board.id}/participants`, {
        userId: w.users.surgeon.id,
        specialty: 'surgery',
        role: 'chair',
      }),
      201,
    );
    m.ok(
      await m.call('mdt_coordinator', 'POST', `/api/mdt/meetings/${board.id}/participants`, {
        userId: w.users.external_doctor.id,
        specialty: 'surgery',
      }),
      201,
    );
    const list = m.ok<{ participants: Participant[] }>(
      await m.call('mdt_coordinator', 'POST', `/api/mdt/meetings/${board.id}/participants`, {
        name: '钱放射',
        specialty: 'radiotherapy',
        hospitalName: '东海市肿瘤医院',
      }),
      201,
    );
    expect(list.participants).toHaveLength(3);
    expect(list.participants.find((p) => p.userId === w.users.external_doctor.id)?.hospital).toMatch(/^HOSP_A/);
    expect(list.participants.find((p) => p.name === '钱放射')).toMatchObject({
      hospital: '东海市肿瘤医院',
      checkedInAt: null,
      invited: true,
    });
  });

  it('refuses a guest without name or specialty (400) and writes nothing', async () => {
    const board = await m.meeting();
    const res = await m.call('mdt_coordinator', 'POST', `/api/mdt/meetings/${board.id}/participants`, { name: '无专业' });
    expect(res.statusCode).toBe(400);
    expect(await w.db.select().from(mdtParticipants).where(eq(mdtParticipants.meetingId, board.id))).toHaveLength(0);
  });

  it('checks in yourself with an empty body, an invited participant by id, and a walk-in; and undoes a check-in', async () => {
    const board = await m.meeting();
    const invited = m.ok<{ participants: Participant[] }>(
      await m.call('mdt_coordinator', 'POST', `/api/mdt/meetings/${board.id}/participants`, { userId: w.users.nurse.id }),
      201,
    );
    const nurse = invited.participants[0]!;
    expect(nurse.specialty).toBe('nursing');
    const self = m.ok<{ participants: Participant[] }>(
      await m.call('mdt_coordinator', 'POST', `/api/mdt/meetings/${board.id}/attendance`, {}),
      201,
    );
    expect(self.participants.find((p) => p.userId === w.users.mdt_coordinator.id)?.checkedInAt).toBe(w.clock.now().toISOString());
    m.ok(await m.call('mdt_coordinator', 'POST', `/api/mdt/meetings/${board.id}/attendance`, { participantId: nurse.id }), 201);
    const all = m.ok<{ participants: Participant[] }>(
      await m.call('mdt_coordinator', 'POST', `/api/mdt/meetings/${board.id}/attendance`, {
        name: '赵病理',
        specialty: 'pathology',
        title: '主任医师',
        organizationId: w.orgB,
      }),
      201,
    );
    expect(all.participants.filter((p) => p.checkedInAt)).toHaveLength(3);
    expect(all.participants.find((p) => p.name === '赵病理')).toMatchObject({ invited: false, hospital: expect.stringMatching(/^HOSP_B/) });
    const undone = m.ok<{ participants: Participant[] }>(
      await m.call('mdt_coordinator', 'POST', `/api/mdt/meetings/${board.id}/attendance`, { participantId: nurse.id, checkedIn: false }),
      201,
    );
    expect(undone.participants.find((p) => p.id === nurse.id)?.checkedInAt).toBeNull();
  });

  it('checks in a guest at a case’s board by name, specialty, title and hospital', async () => {
    const board = await m.meeting();
    const c = await m.submit(board.id, (await aPatient(w.homeOrgId).build(w.db)).id);
    const res = await m.call('mdt_coordinator', 'POST', `/api/mdt/cases/${c.id}/attendance`, {
      name: '孔营养',
      specialty: 'nutrition',
      title: '主管营养师',
      hospital: '瓯江康复医院',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json<{ participants: Participant[] }>().participants).toEqual([
      expect.objectContaining({ name: '孔营养', hospital: '瓯江康复医院', checkedInAt: expect.any(String) }),
    ]);
  });

  it('refuses a participant of another board (400)', async () => {
    const one = await m.meeting();
    const other = await m.meeting();
    const list = m.ok<{ participants: Participant[] }>(
      await m.call('mdt_coordinator', 'POST', `/api/mdt/meetings/${one.id}/participants`, { name: '甲', specialty: 'radiology' }),
      201,
    );
    const res = await m.call('mdt_coordinator', 'POST', `/api/mdt/meetings/${other.id}/attendance`, {
      participantId: list.participants[0]!.id,
    });
    expect(res.statusCode).toBe(400);
  });

  it('withdraws an invitation', async () => {
    const board = await m.meeting();
    const list = m.ok<{ participants: Participant[] }>(
      await m.call('mdt_coordinator', 'POST', `/api/mdt/meetings/${board.id}/participants`, { name: '乙', specialty: 'nutrition' }),
      201,
    );
    const after = m.ok<{ participants: Participant[] }>(
      await m.call('mdt_coordinator', 'DELETE', `/api/mdt/participants/${list.participants[0]!.id}`),
    );
    expect(after.participants).toHaveLength(0);
    expect((await m.call('mdt_coordinator', 'DELETE', `/api/mdt/participants/${list.participants[0]!.id}`)).statusCode).toBe(404);
  });
});

describe('agenda', () => {
  it('orders the agenda; the list must name exactly the cases on it; a stale version is 409', async () => {
    const board = await m.meeting();
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const p = await aPatient(w.homeOrgId).build(w.db);
      const c = await m.submit(board.id, p.id);
      m.ok(await m.call('mdt_coordinator', 'POST', `/api/mdt/cases/${c.id}/triage`, { action: 'schedule' }));
      ids.push(c.id);
    }
    const before = m.ok<Detail>(await m.call('mdt_coordinator', 'GET', `/api/mdt/meetings/${board.id}`));
    expect(before.agenda.map((c) => c.id)).toEqual(ids);
    const reversed = [...ids].reverse();
    const after = m.ok<Detail>(
      await m.call('mdt_coordinator', 'POST', `/api/mdt/meetings/${board.id}/agenda`, { caseIds: reversed, version: before.version }),
    );
    expect(after.agenda.map((c) => c.id)).toEqual(reversed);
    expect((await m.call('mdt_coordinator', 'POST', `/api/mdt/meetings/${board.id}/agenda`, { caseIds: ids.slice(1) })).statusCode).toBe(
      400,
    );
    expect(
      (await m.call('mdt_coordinator', 'POST', `/api/mdt/meetings/${board.id}/agenda`, { caseIds: ids, version: before.version }))
        .statusCode,
    ).toBe(409);
  });
});
