import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ClinicalInputError,
  bodySurfaceArea,
  clinicalMessages,
  completenessOfCytoreduction,
  comprehensiveComplicationIndex,
  ecogFromKarnofsky,
  followUpPlan,
  gastricNCategory,
  hipecDose,
  isClinicalMessageKey,
  isCompleteCytoreduction,
  karnofskyRangeFromEcog,
  lesionSizeScore,
  makeResidentId,
  mortalityWithin,
  nestClinicalMessages,
  pciEligibility,
  peritonealCancerIndex,
  postoperativeLengthOfStay,
  stageAjcc8,
  textbookOutcome,
  colorectalNCategory,
  type CcScore,
  type ClinicalIssue,
} from '../src/index.js';

const zh = clinicalMessages['zh-CN'];
const en = clinicalMessages.en;
const placeholders = (text: string): string[] => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();

describe('clinicalMessages', () => {
  it('has the same keys in zh-CN and en, each with a non-empty text', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(zh)) {
      expect(text.trim().length, key).toBeGreaterThan(0);
      expect(/[\u4e00-\u9fff]/.test(text), `${key} zh-CN is Chinese`).toBe(true);
      expect(en[key]?.trim().length, key).toBeGreaterThan(0);
    }
  });

  it('uses the same {{placeholders}} in both languages', () => {
    for (const key of Object.keys(en)) expect(placeholders(zh[key] ?? ''), key).toEqual(placeholders(en[key] ?? ''));
  });

  it('has a text in both languages for every message key literal in the source (stats excluded)', () => {
    const srcDir = fileURLToPath(new URL('../src/', import.meta.url));
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) {
          if (name !== 'stats') walk(path);
        } else if (name.endsWith('.ts') && name !== 'messages.ts') files.push(path);
      }
    };
    walk(srcDir);
    const used = new Set<string>();
    for (const f of files) for (const m of readFileSync(f, 'utf8').matchAll(/'(clinical\.[A-Za-z0-9.]+)'/g)) used.add(m[1] ?? '');
    expect(used.size).toBeGreaterThan(30);
    for (const key of used) {
      expect(zh[key], `zh-CN ${key}`).toBeDefined();
      expect(en[key], `en ${key}`).toBeDefined();
    }
  });

  it('nests for i18next: no key is a prefix of another', () => {
    const keys = Object.keys(en);
    for (const a of keys) for (const b of keys) if (a !== b) expect(b.startsWith(`${a}.`), `${a} / ${b}`).toBe(false);
    const nested = nestClinicalMessages(en) as { clinical: { pci: { regionScore: string; flag: { noThreshold: string } } } };
    expect(nested.clinical.pci.regionScore).toBe(en['clinical.pci.regionScore']);
    expect(nested.clinical.pci.flag.noThreshold).toBe(en['clinical.pci.flag.noThreshold']);
    expect(isClinicalMessageKey('clinical.pci.regionScore')).toBe(true);
    expect(isClinicalMessageKey('clinical.nope')).toBe(false);
  });
});

describe('every thrown issue can be shown in both languages', () => {
  const thrown: (() => unknown)[] = [
    () => stageAjcc8({ site: 'stomach', classification: 'c', t: 'pT3', n: 'N9', m: '' }),
    () => stageAjcc8({ site: 'anus', classification: 'p', t: 'T4a', n: 'N0', m: 'M0' }),
    () => stageAjcc8({ site: 'x' as 'anus', classification: 'q' as 'p', t: 'T1', n: 'N0', m: 'M0' }),
    () => gastricNCategory(-1),
    () => colorectalNCategory({ positiveNodes: 0, tumorDeposits: -1 }),
    () => peritonealCancerIndex([4, 0]),
    () => lesionSizeScore(null, { confluent: true }),
    () => lesionSizeScore(-3),
    () => pciEligibility(19, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], { site: 'colorectal' }),
    () => pciEligibility(50, null, { site: 'colorectal', policy: { pciMaxGastric: 90 } }),
    () => completenessOfCytoreduction(-1),
    () => isCompleteCytoreduction('CC-9' as CcScore),
    () => hipecDose({ drug: 'x', dose: 0, doseBasis: 'mg/L', carrierLPerM2: 2, fractions: [0, { share: 1, atMinute: -1 }] }),
    () => hipecDose({ drug: 'oxaliplatin', dose: 460, doseBasis: 'mg/m2', carrierVolumeL: 3, carrierLPerM2: 2, bsaM2: 9 }),
    () => hipecDose({ drug: 'oxaliplatin', dose: 460, doseBasis: 'mg/m2', fractions: [] }),
    () => bodySurfaceArea({ heightCm: 1, weightKg: 1, formula: 'x' as 'dubois' }),
    () => comprehensiveComplicationIndex(['III', 'Vd', 'Z']),
    () => ecogFromKarnofsky(85),
    () => karnofskyRangeFromEcog(9),
    () =>
      followUpPlan({
        site: 'stomach',
        stage: 'Z',
        surgeryDate: 'x',
        guideline: 'nccn-colon',
        intervalChoice: 'lower',
        rectal: 'y' as unknown as boolean,
      }),
    () => followUpPlan({ site: 'stomach', stage: 'IV', surgeryDate: '2025-01-01', guideline: 'nccn-gastric', intervalChoice: 'lower' }),
    () => postoperativeLengthOfStay('2025-02-02', '2025-02-01'),
    () => mortalityWithin(30, '2025-02-02', '2025-02-01'),
    () => textbookOutcome({ site: 'colorectal', definition: 'gastrodata' }),
    () => makeResidentId({ areaCode: '1', birthDate: '1990-01-01', sequence: 1, sex: 'male' }),
    () => makeResidentId({ areaCode: '110105', birthDate: '19900101', sequence: 1, sex: 'male' }),
  ];

  it.each(thrown.map((fn, i) => [i, fn] as const))('case %i', (_i, fn) => {
    let issues: readonly ClinicalIssue[] = [];
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(ClinicalInputError);
      issues = (e as ClinicalInputError).issues;
    }
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) {
      expect(zh[issue.messageKey], issue.messageKey).toBeDefined();
      expect(en[issue.messageKey], issue.messageKey).toBeDefined();
      for (const p of placeholders(en[issue.messageKey] ?? '')) expect(issue.params?.[p], `${issue.messageKey} {{${p}}}`).toBeDefined();
    }
  });

  it('PCI flags carry message keys with texts and their parameters', () => {
    const e = pciEligibility(25, [3, 3, 3, 3, 3, 3, 3, 3, 1, 0, 0, 0, 0], { site: 'colorectal' });
    expect(e.flags.length).toBeGreaterThan(0);
    for (const f of e.flags) {
      expect(zh[f.messageKey]).toBeDefined();
      for (const p of placeholders(en[f.messageKey] ?? '')) expect(f.params?.[p]).toBeDefined();
    }
  });
});
