import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPatient } from './support/builders.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

/** Readable audit for compliance staff (issue 16 item 5): the patient by name, and the filtered list as CSV. */
let w: TestWorld;
beforeAll(async () => {
  w = await createTestWorld();
});
afterAll(async () => w.close());

describe('audit log for compliance staff', () => {
  it('names the patient of each entry for a viewer who may read patient data, filtered by patient', async () => {
    const p = await aPatient(w.homeOrgId).build(w.db);
    await w.app.inject({ method: 'GET', url: `/api/patients/${p.id}`, headers: { cookie: await w.as('resident') } });
    const res = await w.app.inject({
      method: 'GET',
      url: `/api/audit?patientId=${p.id}`,
      headers: { cookie: await w.as('department_head') },
    });
    expect(res.statusCode).toBe(200);
    const page = res.json<{ items: { patientId: string; patientName: string | null; action: string }[]; total: number }>();
    expect(page.total).toBeGreaterThan(0);
    expect(page.items.every((i) => i.patientId === p.id && i.patientName === p.name)).toBe(true);
  });

  it('downloads the filtered list as CSV (BOM, header, one line per entry, quoted), audited as an export', async () => {
    const p = await aPatient(w.homeOrgId).build(w.db);
    await w.app.inject({ method: 'GET', url: `/api/patients/${p.id}`, headers: { cookie: await w.as('surgeon') } });
    await w.app.inject({ method: 'GET', url: `/api/patients/${p.id}`, headers: { cookie: await w.as('surgeon') } });
    const cookie = await w.as('department_head');
    const res = await w.app.inject({
      method: 'GET',
      url: `/api/audit/export.csv?patientId=${p.id}&action=patient.read`,
      headers: { cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const lines = res.body.slice(1).trim().split('\r\n');
    expect(lines[0]!.split(',')).toContain('patient_name');
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).every((l) => l.includes(`"${p.id}"`) && l.includes('"patient.read"') && l.includes(`"${p.name}"`))).toBe(true);
    const after = await w.app.inject({ method: 'GET', url: '/api/audit?action=audit.export', headers: { cookie } });
    expect(after.json<{ total: number }>().total).toBeGreaterThan(0);
  });

  it('refuses the CSV without the audit permission and rejects a bad filter with 400', async () => {
    expect((await w.app.inject({ method: 'GET', url: '/api/audit/export.csv', headers: { cookie: await w.as('nurse') } })).statusCode).toBe(
      403,
    );
    const bad = await w.app.inject({
      method: 'GET',
      url: '/api/audit/export.csv?patientId=nope',
      headers: { cookie: await w.as('department_head') },
    });
    expect(bad.statusCode).toBe(400);
  });
});
