import { describe, expect, it } from 'vitest';
import { PROCEDURES, procedureDefinition, procedureIcd9cm3 } from '../src/index.js';

describe('procedure catalogue', () => {
  it('has unique codes and labels in both languages', () => {
    expect(new Set(PROCEDURES.map((p) => p.code)).size).toBe(PROCEDURES.length);
    for (const p of PROCEDURES) {
      expect(p.label.zh.length).toBeGreaterThan(1);
      expect(p.label.en.length).toBeGreaterThan(1);
      expect(p.icd9cm3.open).toMatch(/^\d{2}\.\d{1,2}$/);
      expect(p.icd9cm3.laparoscopic).toMatch(/^\d{2}\.\d{1,2}$/);
    }
  });

  it('puts gastric cancer resections in the national indicator range 43.4–43.9', () => {
    for (const p of PROCEDURES.filter((x) => x.group === 'gastric' && x.radical)) {
      const n = Number(p.icd9cm3.open);
      expect(n >= 43.4 && n < 44).toBe(true);
    }
  });

  it('codes laparoscopic colectomies with 17.3x and open ones with 45.7x', () => {
    expect(procedureIcd9cm3('right_hemicolectomy_cme', 'laparoscopic')).toBe('17.33');
    expect(procedureIcd9cm3('right_hemicolectomy_cme', 'converted')).toBe('45.73');
    expect(procedureIcd9cm3('sigmoidectomy', 'robotic')).toBe('17.36');
    expect(procedureIcd9cm3('no-such', 'open')).toBeUndefined();
    expect(procedureDefinition('crs')?.cytoreductive).toBe(true);
  });
});
