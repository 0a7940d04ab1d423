import type { LightMyRequestResponse } from 'fastify';
import { eq } from 'drizzle-orm';
import { bedStates, beds, departments, operatingRooms, theatreEquipment, wards } from '../../../src/db/schema/index.js';
import { aPatient, aUser } from './builders.js';
import type { TestWorld } from './test-app.js';

type Who = Parameters<TestWorld['as']>[0];

export interface TheatreFixture {
  rooms: { or1: string; or2: string; or3: string };
  equipment: { hipec: string; lap1: string; lap2: string };
  surgeonB: string;
  anesthetist: string;
  icuBed: string;
  wardBeds: string[];
}

/** Rooms, equipment, a second surgeon, an anesthetist, one ICU bed and two ward beds of the home hospital. */
export async function theatreFixture(w: TestWorld): Promise<TheatreFixture> {
  const [dept] = await w.db.select({ id: departments.id }).from(departments).where(eq(departments.organizationId, w.homeOrgId)).limit(1);
  const sessions = [
    { label: 'am', start: '08:00', end: '12:00' },
    { label: 'pm', start: '13:30', end: '17:30' },
  ];
  const room = async (code: string, sortOrder: number) =>
    (await w.db.insert(operatingRooms).values({ departmentId: dept!.id, code, name: `第${sortOrder}手术间`, nameEn: `OR ${sortOrder}`, sessions, sortOrder }).returning())[0]!.id;
  const eqp = async (code: string, name: string, kind: 'hipec_machine' | 'laparoscopic_tower') => (await w.db.insert(theatreEquipment).values({ code, name, kind }).returning())[0]!.id;
  const ward = async (code: string, kind: 'general' | 'icu', n: number) => {
    const [wd] = await w.db.insert(wards).values({ departmentId: dept!.id, code, name: `${code} 病区`, kind }).returning();
    const rows = await w.db
      .insert(beds)
      .values(Array.from({ length: n }, (_, i) => ({ wardId: wd!.id, label: `${code}-${i + 1}`, sortOrder: i })))
      .returning();
    await w.db.insert(bedStates).values(rows.map((b) => ({ bedId: b.id })));
    return rows.map((b) => b.id);
  };
  const [icuBed] = await ward('TICU', 'icu', 1);
  const wardBeds = await ward('TW1', 'general', 2);
  return {
    rooms: { or1: await room('T1', 1), or2: await room('T2', 2), or3: await room('T3', 3) },
    equipment: { hipec: await eqp('HIPEC-T', 'HIPEC 热灌注治疗仪', 'hipec_machine'), lap1: await eqp('LAP-T1', '腹腔镜系统 1', 'laparoscopic_tower'), lap2: await eqp('LAP-T2', '腹腔镜系统 2', 'laparoscopic_tower') },
    surgeonB: (await aUser('surgeon', w.homeOrgId, { displayName: '测试外科乙' }).build(w.db)).id,
    anesthetist: (await aUser('resident', w.homeOrgId, { displayName: '测试麻醉' }).build(w.db)).id,
    icuBed: icuBed!,
    wardBeds,
  };
}

export function theatreClient(w: TestWorld) {
  const call = async (who: Who, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
    w.app.inject({ method, url, headers: { cookie: await w.as(who) }, ...(payload !== undefined ? { payload: payload as object } : {}) });
  const ok = <T>(res: LightMyRequestResponse, status = 200): T => {
    if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
    return res.json<T>();
  };
  return {
    call,
    ok,
    patient: async () => (await aPatient(w.homeOrgId).build(w.db)).id,
  };
}
