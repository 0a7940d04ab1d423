import { makeResidentId } from '@gisurg/clinical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPatient } from './support/builders.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

/**
 * Issue 17 failure 8: roles that see masked ID numbers (first and last 4 characters) cannot confirm a patient
 * by searching a full 身份证 number, nor any part longer than what they see.
 */
let w: TestWorld;
let id: string;
let patientId: string;
beforeAll(async () => {
  w = await createTestWorld();
  id = makeResidentId({ areaCode: '510104', birthDate: '1958-07-21', sequence: 233, sex: 'female' });
  patientId = (await aPatient(w.homeOrgId, { idNumber: id, birthDate: '1958-07-21', sex: 'female' }).build(w.db)).id;
});
afterAll(async () => w.close());

async function found(role: 'resident' | 'student' | 'mdt_coordinator' | 'surgeon' | 'nurse', q: string): Promise<boolean> {
  const res = await w.app.inject({ method: 'GET', url: `/api/patients?q=${encodeURIComponent(q)}`, headers: { cookie: await w.as(role) } });
  expect(res.statusCode).toBe(200);
  return res.json<{ items: { id: string }[] }>().items.some((p) => p.id === patientId);
}

describe('searching by ID number with masked IDs', () => {
  it.each(['resident', 'student', 'mdt_coordinator'] as const)('%s finds nobody by a full or partial hidden ID number', async (role) => {
    expect(await found(role, id)).toBe(false);
    expect(await found(role, id.toLowerCase())).toBe(false);
    expect(await found(role, id.slice(0, 10))).toBe(false);
    expect(await found(role, id.slice(-8))).toBe(false);
    // What the masked ID shows (the last 4) still finds the patient.
    expect(await found(role, id.slice(-4))).toBe(true);
  });

  it.each(['surgeon', 'nurse'] as const)('%s (full IDs) finds the patient by the full ID number', async (role) => {
    expect(await found(role, id)).toBe(true);
    expect(await found(role, id.slice(-8))).toBe(true);
  });
});
