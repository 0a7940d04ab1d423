import { describe, expect, it } from 'vitest';
import { makeResidentId, maskIdNumber, validateResidentId } from '../src/index.js';

describe('validateResidentId (GB 11643-1999)', () => {
  it('accepts the GB 11643 example number with check character X', () => {
    // Worked example: body 11010519491231002, weighted sum mod 11 = 2 -> 'X'.
    const r = validateResidentId('11010519491231002X');
    expect(r).toEqual({ valid: true, normalized: '11010519491231002X', birthDate: '1949-12-31', sex: 'female' });
  });

  it('rejects a wrong check character', () => {
    expect(validateResidentId('110105194912310021').reason).toBe('checksum');
  });

  it('converts a 15-digit legacy number', () => {
    const r = validateResidentId('110105491231002');
    expect(r.valid).toBe(true);
    expect(r.normalized).toBe('11010519491231002X');
  });

  it('rejects impossible and future birth dates and unknown provinces', () => {
    expect(validateResidentId(makeResidentId({ areaCode: '330106', birthDate: '1960-01-01', sequence: 1, sex: 'male' }).replace('19600101', '19600230')).reason).toBe('birth_date');
    expect(validateResidentId(makeResidentId({ areaCode: '330106', birthDate: '2030-01-01', sequence: 1, sex: 'male' }), { today: '2026-11-26' }).reason).toBe('future_birth_date');
    expect(validateResidentId(makeResidentId({ areaCode: '990106', birthDate: '1960-01-01', sequence: 1, sex: 'male' })).reason).toBe('province');
  });

  it('reads sex from the sequence parity', () => {
    const m = makeResidentId({ areaCode: '330106', birthDate: '1958-03-04', sequence: 12, sex: 'male' });
    const f = makeResidentId({ areaCode: '330106', birthDate: '1958-03-04', sequence: 12, sex: 'female' });
    expect(validateResidentId(m)).toMatchObject({ valid: true, sex: 'male', birthDate: '1958-03-04' });
    expect(validateResidentId(f)).toMatchObject({ valid: true, sex: 'female' });
  });

  it('masks all but the first and last four characters', () => {
    expect(maskIdNumber('330106195803040134')).toBe('3301**********0134');
  });
});
