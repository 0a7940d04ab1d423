import { eq } from 'drizzle-orm';
import { departments, operatingRooms, theatreEquipment } from '../../../src/db/schema/index.js';
import { aPatient, aUser } from './builders.js';
import { apiCalls, type TestWorld } from './test-app.js';
import { aWard } from './ward.js';

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
    (
      await w.db
        .insert(operatingRooms)
        .values({ departmentId: dept!.id, code, name: `第${sortOrder}手术间`, nameEn: `OR ${sortOrder}`, sessions, sortOrder })
        .returning()
    )[0]!.id;
  const eqp = async (code: string, name: string, kind: 'hipec_machine' | 'laparoscopic_tower') =>
    (await w.db.insert(theatreEquipment).values({ code, name, kind }).returning())[0]!.id;
  const [icuBed] = (await aWard(w.homeOrgId, { kind: 'icu', beds: 1 }).build(w.db)).bedIds;
  const wardBeds = (await aWard(w.homeOrgId, { kind: 'general', beds: 2 }).build(w.db)).bedIds;
  return {
    rooms: { or1: await room('T1', 1), or2: await room('T2', 2), or3: await room('T3', 3) },
    equipment: {
      hipec: await eqp('HIPEC-T', 'HIPEC 热灌注治疗仪', 'hipec_machine'),
      lap1: await eqp('LAP-T1', '腹腔镜系统 1', 'laparoscopic_tower'),
      lap2: await eqp('LAP-T2', '腹腔镜系统 2', 'laparoscopic_tower'),
    },
    surgeonB: (await aUser('surgeon', w.homeOrgId, { displayName: '测试外科乙' }).build(w.db)).id,
    anesthetist: (await aUser('resident', w.homeOrgId, { displayName: '测试麻醉' }).build(w.db)).id,
    icuBed: icuBed!,
    wardBeds,
  };
}

export function theatreClient(w: TestWorld) {
  const { call, ok } = apiCalls(w);
  return {
    call,
    ok,
    patient: async () => (await aPatient(w.homeOrgId).build(w.db)).id,
  };
}
