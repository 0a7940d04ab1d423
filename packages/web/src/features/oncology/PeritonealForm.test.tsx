import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import '../../app/i18n';
import { ApiError } from '../../app/api';
import { fieldNamePath } from '../../app/forms';
import { oncologyApi, type Operation, type Peritoneal } from './api';
import { PeritonealForm } from './PeritonealForm';

const peritoneal: Peritoneal = {
  id: '00000000-0000-4000-8000-000000000031',
  version: 2,
  operationId: '00000000-0000-4000-8000-000000000021',
  policy: {},
  updatedAt: '2025-05-28T10:00:00.000Z',
  pci: { regions: [3, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 0, 1], timing: 'surgical-pre-crs', total: 8 },
  pciTotal: 8,
  indication: 'colorectal',
  eligible: true,
  flags: [],
  residualMm: 0,
  cc: 'CC-0',
  ccBoundary: 'le',
  completeCytoreduction: true,
  heightCm: 160,
  weightKg: 57.6,
  bsaM2: 1.6,
  bsaFormula: 'mosteller',
  hipec: {
    timing: 'intraoperative-after-crs',
    technique: 'open',
    carrier: null,
    carrierVolumeL: null,
    carrierLPerM2: null,
    volumeL: null,
    inflowTempC: null,
    outflowTempC: null,
    durationMin: 90,
    flowMlMin: null,
    drugs: [
      {
        drug: 'mitomycin-c',
        dose: 35,
        doseBasis: 'mg/m2',
        totalDoseMg: 56,
        volumeL: null,
        concentrationMgPerL: null,
        fractions: [{ index: 1, share: 1, doseMg: 56, atMinute: 0 }],
      },
    ],
  },
};

/** The fields of an operation the form reads (a test fixture, not an API shape). */
function operationWith(p: Peritoneal | null): Operation {
  const op: Partial<Operation> = {
    id: '00000000-0000-4000-8000-000000000021',
    version: 1,
    date: '2025-05-28',
    diagnosisId: null,
    procedures: [
      { code: 'crs', icd9cm3: '54.4', label: { zh: '肿瘤细胞减灭术', en: 'CRS' } },
      { code: 'hipec', icd9cm3: '93.35', label: { zh: 'HIPEC', en: 'HIPEC' } },
    ],
    peritoneal: p,
  };
  return op as Operation;
}

/** The text under the antd form item holding `el`. */
function explainOf(el: HTMLElement): string {
  const item = el.closest('.ant-form-item');
  return item?.querySelector('.ant-form-item-explain')?.textContent ?? '';
}

afterEach(() => vi.restoreAllMocks());

describe('form-error helper: server field paths → antd name paths', () => {
  it('maps nested objects, list rows and arrays', () => {
    expect(fieldNamePath('hipec.drugs[0].drug')).toEqual(['hipec', 'drugs', 0, 'drug']);
    expect(fieldNamePath('pci.regions[3]')).toEqual(['pci', 'regions', 3]);
    expect(fieldNamePath('clinical.t')).toEqual(['clinical', 't']);
    expect(fieldNamePath('bsaM2')).toEqual(['bsaM2']);
  });
});

describe('PeritonealForm (issue 16 item 2)', () => {
  it('opens a new record of a CRS+HIPEC operation with HIPEC off and no empty drug row; switching on adds one row', async () => {
    render(<PeritonealForm operation={operationWith(null)} diagnoses={[]} open onClose={() => {}} onSaved={() => {}} />);
    const hipec = await screen.findByTestId('field-hipec');
    expect(hipec.getAttribute('aria-checked')).toBe('false');
    expect(screen.queryByTestId('field-drug-0')).toBeNull();
    fireEvent.click(hipec);
    await screen.findByTestId('field-drug-0');
    expect(screen.queryByTestId('field-drug-1')).toBeNull();
  });

  it('puts each message of a server 400 under its field: drug row fields, and BSA at height, weight and BSA', async () => {
    const issue = (path: string, zh: string, en: string) => ({ path, code: 'invalid', message: zh, messageZh: zh, messageEn: en });
    const put = vi.spyOn(oncologyApi, 'putPeritoneal').mockRejectedValue(
      new ApiError(400, 'VALIDATION', '输入有误，请检查标出的字段', null, {
        fields: [
          issue('hipec.drugs[0].drug', '该药物不适用于此方案', 'Drug not allowed'),
          issue('hipec.drugs[0].dose', '剂量超出范围', 'Dose out of range'),
          issue('bsaM2', '按 mg/m² 给药需要体表面积', 'BSA is required'),
          issue('pci.regions[3]', '区域评分无效', 'Invalid region score'),
        ],
      }),
    );
    render(<PeritonealForm operation={operationWith(peritoneal)} diagnoses={[]} open onClose={() => {}} onSaved={() => {}} />);
    const drug = await screen.findByTestId('field-drug-0');
    fireEvent.click(screen.getByTestId('peritoneal-form-save'));
    await waitFor(() => expect(put).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(explainOf(drug)).toContain('该药物不适用于此方案'));
    expect(explainOf(drug)).not.toContain('剂量超出范围');
    expect(explainOf(screen.getByTestId('field-dose-0'))).toContain('剂量超出范围');
    for (const label of ['身高 cm', '体重 kg', 'BSA m²'])
      expect(explainOf(screen.getByLabelText(label))).toContain('按 mg/m² 给药需要体表面积');
    // A path with no field on screen (the PCI diagram is not a form field) is listed in the alert, naming its path.
    expect(screen.getByTestId('peritoneal-form-errors').textContent).toContain('pci.regions[3]: 区域评分无效');
  });
});
