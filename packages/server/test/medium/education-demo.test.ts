import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { eduEvents, eduSupervisors, eduTrainees, eduUniversities } from '../../src/db/schema/index.js';
import { buildCaseLog } from '../../src/features/education/station.js';
import { eventData } from '../../src/features/education/events.js';
import { createDemoDatabase, type DemoDatabase } from './support/test-db.js';

let database: DemoDatabase;
beforeAll(async () => {
  database = await createDemoDatabase();
}, 300_000);
afterAll(async () => database.destroy());

describe('education demo data (issue 14, acceptance 5)', () => {
  it('has four supervisors from three universities, and trainees whose case logs come from assisted operations', async () => {
    const db = database.db;
    expect(await db.select().from(eduUniversities)).toHaveLength(3);
    const sups = await db.select().from(eduSupervisors);
    expect(sups).toHaveLength(4);
    expect(new Set(sups.map((s) => s.universityId)).size).toBe(3);
    const trainees = await db.select().from(eduTrainees);
    expect(trainees.length).toBeGreaterThanOrEqual(4);
    let withOps = 0;
    for (const t of trainees) {
      const log = await buildCaseLog(db, t, 'Asia/Shanghai');
      const ops = log.filter((e) => e.source === 'operation');
      if (ops.length) withOps += 1;
      // The supervisor signed off what is older than two weeks, and nothing newer.
      expect(log.filter((e) => e.signedOff).every((e) => e.date < '2026-11-12')).toBe(true);
      expect(log.some((e) => e.signedOff)).toBe(log.some((e) => e.source !== 'mdt_attendance' && e.date < '2026-11-12'));
    }
    expect(withOps).toBeGreaterThanOrEqual(4);
  });

  it("has last year's forum with attendance and this year's class open for registration", async () => {
    const db = database.db;
    const events = await db.select().from(eduEvents);
    const forum = events.find((e) => e.kind === 'forum' && e.startDate.startsWith('2025'))!;
    const d = await eventData(db, forum.id);
    expect(d.sessions).toHaveLength(5);
    expect(d.registrations.filter((r) => r.attendedSessionIds.length > 0).length).toBeGreaterThan(20);
    const cls = events.find((e) => e.kind === 'teaching_class')!;
    expect(cls.registrationCloses! >= '2026-11-26').toBe(true);
    expect((await eventData(db, cls.id)).registrations.length).toBeGreaterThan(5);
    expect(await db.select().from(eduEvents).where(eq(eduEvents.kind, 'forum'))).toHaveLength(1);
  });
});
