import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPatient } from './support/builders.js';
import { auditRowsOf, caller, fieldPaths, oncologyCounts } from './support/oncology.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createTestWorld();
});
afterAll(async () => w.close());
const call = caller(() => w);

type Marker = { id: string; version: number; marker: string; unit: string; elevated: boolean | null };
type Ps = {
  id: string;
  version: number;
  ecog: number | null;
  kps: number | null;
  ecogFromKps: number | null;
  ecogKpsMapping: string | null;
};

describe('tumour markers', () => {
  it('records CEA, CA19-9, CA125 and CA72-4 in their units, flagging results above the lab limit', async () => {
    const p = await aPatient(w.homeOrgId).build(w.db);
    const cea = await call('surgeon', 'POST', `/api/patients/${p.id}/markers`, {
      marker: 'CEA',
      value: 12.4,
      upperLimit: 5,
      date: '2026-03-01',
    });
    expect(cea.statusCode, cea.body).toBe(201);
    expect(cea.json<Marker>()).toMatchObject({ unit: 'ng/mL', elevated: true });
    const ca199 = await call('resident', 'POST', `/api/patients/${p.id}/markers`, {
      marker: 'CA19-9',
      value: 20,
      unit: 'U/mL',
      date: '2026-03-01',
    });
    expect(ca199.json<Marker>()).toMatchObject({ unit: 'U/mL', elevated: null });
    for (const marker of ['CA125', 'CA72-4'])
      expect(
        (await call('surgeon', 'POST', `/api/patients/${p.id}/markers`, { marker, value: 3, upperLimit: 35, date: '2026-03-02' }))
          .statusCode,
      ).toBe(201);
    const summary = (await call('nurse', 'GET', `/api/patients/${p.id}/oncology-summary`)).json<{ markers: Marker[] }>();
    expect(summary.markers.map((m) => m.marker).sort()).toEqual(['CA125', 'CA19-9', 'CA72-4', 'CEA']);
  });

  it('refuses a wrong unit, a negative value, an unknown marker and a future date, writing nothing', async () => {
    const p = await aPatient(w.homeOrgId).build(w.db);
    const before = await oncologyCounts(w);
    for (const [body, path] of [
      [{ marker: 'CEA', value: 3, unit: 'U/mL', date: '2026-03-01' }, 'unit'],
      [{ marker: 'CEA', value: -1, date: '2026-03-01' }, 'value'],
      [{ marker: 'AFP', value: 3, date: '2026-03-01' }, 'marker'],
      [{ marker: 'CEA', value: 3, date: '2027-01-01' }, 'date'],
    ] as const) {
      const res = await call('surgeon', 'POST', `/api/patients/${p.id}/markers`, body);
      expect(res.statusCode).toBe(400);
      expect(fieldPaths(res)).toEqual([path]);
    }
    expect(await oncologyCounts(w)).toEqual(before);
  });

  it('edits with the version (stale → 409) and soft-deletes with a reason', async () => {
    const p = await aPatient(w.homeOrgId).build(w.db);
    const m = (
      await call('surgeon', 'POST', `/api/patients/${p.id}/markers`, { marker: 'CEA', value: 4, date: '2026-03-01' })
    ).json<Marker>();
    const ok = await call('surgeon', 'PATCH', `/api/markers/${m.id}`, { version: 1, value: 4.5, upperLimit: 5 });
    expect(ok.json<Marker>()).toMatchObject({ version: 2, elevated: false });
    expect((await call('resident', 'PATCH', `/api/markers/${m.id}`, { version: 1, value: 9 })).statusCode).toBe(409);
    const del = await call('surgeon', 'DELETE', `/api/markers/${m.id}`, { version: 2, reason: '标本溶血，结果作废' });
    expect(del.statusCode).toBe(200);
    expect((await auditRowsOf(w, del))[0]).toMatchObject({ action: 'oncology.marker.delete', details: { reason: '标本溶血，结果作废' } });
    expect((await call('nurse', 'GET', `/api/patients/${p.id}/oncology-summary`)).json<{ markers: unknown[] }>().markers).toEqual([]);
  });
});

describe('performance status', () => {
  it('stores recorded ECOG and KPS as entered, with an approximate ECOG from the KPS beside them', async () => {
    const p = await aPatient(w.homeOrgId).build(w.db);
    const kpsOnly = await call('surgeon', 'POST', `/api/patients/${p.id}/performance-status`, {
      date: '2026-03-01',
      kps: 70,
      setting: 'preoperative',
    });
    expect(kpsOnly.statusCode, kpsOnly.body).toBe(201);
    expect(kpsOnly.json<Ps>()).toMatchObject({ ecog: null, kps: 70, ecogFromKps: 1, ecogKpsMapping: 'common' });
    const both = await call('surgeon', 'POST', `/api/patients/${p.id}/performance-status`, { date: '2026-03-02', ecog: 2, kps: 80 });
    // The recorded ECOG 2 is kept; the conversion (80 → 1) is only shown beside it.
    expect(both.json<Ps>()).toMatchObject({ ecog: 2, kps: 80, ecogFromKps: 1 });
  });

  it('needs ECOG or KPS, and refuses KPS 85 or ECOG 6', async () => {
    const p = await aPatient(w.homeOrgId).build(w.db);
    const before = await oncologyCounts(w);
    expect(fieldPaths(await call('surgeon', 'POST', `/api/patients/${p.id}/performance-status`, { date: '2026-03-01' }))).toEqual(['ecog']);
    expect(fieldPaths(await call('surgeon', 'POST', `/api/patients/${p.id}/performance-status`, { date: '2026-03-01', kps: 85 }))).toEqual([
      'kps',
    ]);
    expect(fieldPaths(await call('surgeon', 'POST', `/api/patients/${p.id}/performance-status`, { date: '2026-03-01', ecog: 6 }))).toEqual([
      'ecog',
    ]);
    expect(await oncologyCounts(w)).toEqual(before);
  });

  it('edits with the version and deletes with a reason', async () => {
    const p = await aPatient(w.homeOrgId).build(w.db);
    const ps = (await call('surgeon', 'POST', `/api/patients/${p.id}/performance-status`, { date: '2026-03-01', ecog: 1 })).json<Ps>();
    const res = await call('surgeon', 'PATCH', `/api/performance-status/${ps.id}`, { version: 1, kps: 60 });
    expect(res.json<Ps>()).toMatchObject({ version: 2, ecog: 1, kps: 60, ecogFromKps: 2 });
    expect((await call('surgeon', 'PATCH', `/api/performance-status/${ps.id}`, { version: 1, ecog: 0 })).statusCode).toBe(409);
    expect((await call('surgeon', 'DELETE', `/api/performance-status/${ps.id}`, { version: 2, reason: '录错患者' })).statusCode).toBe(200);
  });
});
