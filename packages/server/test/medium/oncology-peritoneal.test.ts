import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPatient } from './support/builders.js';
import { auditRowsOf, caller, fieldPaths, oncologyCounts, type ErrorBody } from './support/oncology.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createTestWorld();
});
afterAll(async () => w.close());
const call = caller(() => w);

type Peritoneal = {
  version: number;
  pciTotal: number;
  cc: string | null;
  indication: string;
  eligible: boolean | null;
  flags: { code: string; message: { zh: string; en: string } }[];
  bsaM2: number | null;
  hipec: {
    volumeL: number | null;
    drugs: { totalDoseMg: number; volumeL: number | null; concentrationMgPerL: number | null; fractions: { doseMg: number }[] }[];
  } | null;
};

async function crsOperation(diagnosis: Record<string, unknown>): Promise<{ operationId: string; patientId: string }> {
  const p = await aPatient(w.homeOrgId).build(w.db);
  const d = await call('surgeon', 'POST', `/api/patients/${p.id}/diagnoses`, { diagnosisDate: '2026-01-05', ...diagnosis });
  expect(d.statusCode, d.body).toBe(201);
  const op = await call('surgeon', 'POST', `/api/patients/${p.id}/operations`, {
    diagnosisId: d.json<{ id: string }>().id,
    date: '2026-02-03',
    approach: 'open',
    procedures: ['crs', 'greater_omentectomy_splenectomy', 'pelvic_peritonectomy', 'hipec'],
  });
  expect(op.statusCode, op.body).toBe(201);
  return { operationId: op.json<{ id: string }>().id, patientId: p.id };
}

const colorectalPm = { site: 'colon', icd10: 'C18.7', clinical: { t: 'T4a', n: 'N1b', m: 'M1c' } };
// PCI 19 with region 12 involved (clinical-rules.md §3 vector).
const regions19 = [3, 2, 2, 1, 1, 2, 3, 2, 1, 0, 0, 1, 1];

describe('PUT /api/operations/:id/peritoneal', () => {
  it('computes PCI, colorectal eligibility flags and CC from the residual nodule', async () => {
    const { operationId } = await crsOperation(colorectalPm);
    const res = await call('surgeon', 'PUT', `/api/operations/${operationId}/peritoneal`, {
      pci: { regions: regions19, timing: 'surgical-pre-crs' },
      residualMm: 2.5,
      pciTotal: 19,
      cc: 'CC-1',
    });
    expect(res.statusCode, res.body).toBe(200);
    const per = res.json<Peritoneal>();
    expect(per).toMatchObject({ pciTotal: 19, cc: 'CC-1', indication: 'colorectal', eligible: true });
    expect(per.flags.map((f) => f.code)).toEqual(['relative-contraindication', 'lower-ileum-involved']);
    expect(per.flags[1]!.message.zh).toContain('第 12 区');
    const [audit] = await auditRowsOf(w, res);
    expect(audit).toMatchObject({
      action: 'oncology.peritoneal.create',
      details: { pciTotal: 19, cc: 'CC-1', ccBoundary: 'le', indication: 'colorectal' },
    });
  });

  it('derives the HIPEC doses (Elias oxaliplatin vector: 460 mg/m², BSA 1.80, 2 L/m² → 828 mg, 3.6 L, 230 mg/L)', async () => {
    const { operationId } = await crsOperation(colorectalPm);
    const res = await call('surgeon', 'PUT', `/api/operations/${operationId}/peritoneal`, {
      pci: { regions: [1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0], timing: 'surgical-pre-crs' },
      residualMm: null,
      bsaM2: 1.8,
      hipec: {
        timing: 'intraoperative-after-crs',
        technique: 'open',
        carrier: 'dextrose-5',
        carrierLPerM2: 2,
        inflowTempC: 43,
        outflowTempC: 42,
        durationMin: 30,
        flowMlMin: 500,
        drugs: [{ drug: 'oxaliplatin', dose: 460, doseBasis: 'mg/m2', totalDoseMg: 828 }],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Peritoneal>()).toMatchObject({
      cc: 'CC-0',
      hipec: { volumeL: 3.6, drugs: [{ totalDoseMg: 828, volumeL: 3.6, concentrationMgPerL: 230 }] },
    });
  });

  it('computes BSA from height and weight (Mosteller) for the Dutch MMC fractions', async () => {
    const { operationId } = await crsOperation(colorectalPm);
    const res = await call('surgeon', 'PUT', `/api/operations/${operationId}/peritoneal`, {
      pci: { regions: [0, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 0, 0], timing: 'surgical-pre-crs' },
      residualMm: 0,
      heightCm: 160,
      weightKg: 57.6,
      hipec: {
        timing: 'intraoperative-after-crs',
        technique: 'open',
        carrierVolumeL: 3,
        drugs: [
          {
            drug: 'mitomycin-c',
            dose: 35,
            doseBasis: 'mg/m2',
            fractions: [
              { share: 0.5, atMinute: 0 },
              { share: 0.25, atMinute: 30 },
              { share: 0.25, atMinute: 60 },
            ],
          },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const per = res.json<Peritoneal>();
    expect(per.bsaM2).toBe(1.6);
    expect(per.hipec!.drugs[0]!.fractions.map((f) => f.doseMg)).toEqual([28, 14, 14]);
  });

  it('refuses mg/m² without BSA, a wrong region score, 12 regions, disagreeing client values, writing nothing', async () => {
    const { operationId } = await crsOperation(colorectalPm);
    const before = await oncologyCounts(w);
    const hipec = {
      timing: 'intraoperative-after-crs',
      technique: 'closed',
      carrierVolumeL: 4,
      drugs: [{ drug: 'mitomycin-c', dose: 35, doseBasis: 'mg/m2' }],
    };
    const noBsa = await call('surgeon', 'PUT', `/api/operations/${operationId}/peritoneal`, {
      pci: { regions: regions19, timing: 'surgical-pre-crs' },
      hipec,
    });
    expect(noBsa.statusCode).toBe(400);
    expect(noBsa.json<ErrorBody>().error.details!.fields).toEqual([
      expect.objectContaining({ path: 'bsaM2', messageZh: '按 m² 计算剂量或灌注液量时需要体表面积。' }),
    ]);
    const cases: [Record<string, unknown>, string[]][] = [
      [{ pci: { regions: [0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0], timing: 'laparoscopic' } }, ['pci.regions[3]']],
      [{ pci: { regions: regions19.slice(0, 12), timing: 'laparoscopic' } }, ['pci.regions']],
      [{ pci: { regions: regions19, timing: 'laparoscopic' }, pciTotal: 18 }, ['pciTotal']],
      [{ pci: { regions: regions19, timing: 'laparoscopic' }, residualMm: 3, cc: 'CC-1' }, ['cc']],
      [{ pci: { regions: regions19, timing: 'laparoscopic' }, residualMm: -1 }, ['residualMm']],
      [{ pci: { regions: regions19, timing: 'laparoscopic' }, heightCm: 1.7, weightKg: 60 }, ['heightCm']],
      [{ pci: { regions: regions19, timing: 'laparoscopic' }, heightCm: 170 }, ['weightKg']],
      [{ pci: { regions: regions19, timing: 'laparoscopic' }, heightCm: 160, weightKg: 57.6, bsaM2: 1.9 }, ['bsaM2']],
      [
        { pci: { regions: regions19, timing: 'laparoscopic' }, bsaM2: 1.6, hipec: { ...hipec, inflowTempC: 41, outflowTempC: 43 } },
        ['hipec.outflowTempC'],
      ],
      [
        { pci: { regions: regions19, timing: 'laparoscopic' }, bsaM2: 1.6, hipec: { ...hipec, carrierLPerM2: 2 } },
        ['hipec.carrierVolumeL'],
      ],
      [{ pci: { regions: regions19, timing: 'sometime' } }, ['pci.timing']],
    ];
    for (const [body, paths] of cases) {
      const r = await call('surgeon', 'PUT', `/api/operations/${operationId}/peritoneal`, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(fieldPaths(r), JSON.stringify(body)).toEqual(paths);
    }
    expect(await oncologyCounts(w)).toEqual(before);
  });

  it('uses the indication of the diagnosis: gastric has no cut-off, PMP is never contraindicated by PCI', async () => {
    const gastric = await crsOperation({ site: 'stomach', icd10: 'C16.2' });
    const g = (
      await call('surgeon', 'PUT', `/api/operations/${gastric.operationId}/peritoneal`, {
        pci: { regions: regions19, timing: 'laparoscopic' },
      })
    ).json<Peritoneal>();
    expect(g).toMatchObject({ indication: 'stomach', eligible: null, cc: null });
    expect(g.flags.map((f) => f.code)).toEqual(['no-threshold']);
    const pmp = await crsOperation({ site: 'pseudomyxoma', icd10: 'C18.1', icd10Secondary: 'C78.6', psogiCategory: 'low-grade-mcp' });
    const all3 = Array.from({ length: 13 }, () => 3);
    const m = (
      await call('surgeon', 'PUT', `/api/operations/${pmp.operationId}/peritoneal`, {
        pci: { regions: all3, timing: 'surgical-pre-crs' },
        residualMm: 10,
      })
    ).json<Peritoneal>();
    expect(m).toMatchObject({ indication: 'pseudomyxoma', pciTotal: 39, cc: 'CC-2' });
    expect(m.flags.map((f) => f.code)).toEqual(['pmp-not-contraindication']);
  });

  it('replaces with the version (stale → 409) and shows the latest PCI and CC in the summary', async () => {
    const { operationId, patientId } = await crsOperation(colorectalPm);
    await call('surgeon', 'PUT', `/api/operations/${operationId}/peritoneal`, {
      pci: { regions: regions19, timing: 'surgical-pre-crs' },
      residualMm: 0,
    });
    expect(
      (
        await call('surgeon', 'PUT', `/api/operations/${operationId}/peritoneal`, {
          pci: { regions: regions19, timing: 'surgical-pre-crs' },
        })
      ).statusCode,
    ).toBe(409);
    const v2 = await call('surgeon', 'PUT', `/api/operations/${operationId}/peritoneal`, {
      version: 1,
      pci: { regions: [...regions19.slice(0, 12), 0], timing: 'surgical-pre-crs' },
      residualMm: 0,
    });
    expect(v2.json<Peritoneal>()).toMatchObject({ version: 2, pciTotal: 18 });
    const summary = (await call('nurse', 'GET', `/api/patients/${patientId}/oncology-summary`)).json<{
      peritoneal: { latest: unknown };
      operations: { pciTotal: number; cc: string }[];
    }>();
    expect(summary.peritoneal.latest).toMatchObject({ operationId, pciTotal: 18, cc: 'CC-0', hipec: false });
    expect(summary.operations[0]).toMatchObject({ pciTotal: 18, cc: 'CC-0' });
    expect(
      (await call('surgeon', 'DELETE', `/api/operations/${operationId}/peritoneal`, { version: 2, reason: '重新评估' })).statusCode,
    ).toBe(200);
  });
});
