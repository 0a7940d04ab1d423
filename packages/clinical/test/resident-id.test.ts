import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ClinicalInputError, makeResidentId, maskIdNumber, residentIdCheckChar, validateResidentId } from '../src/index.js';

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
    expect(
      validateResidentId(
        makeResidentId({ areaCode: '330106', birthDate: '1960-01-01', sequence: 1, sex: 'male' }).replace('19600101', '19600230'),
      ).reason,
    ).toBe('birth_date');
    expect(
      validateResidentId(makeResidentId({ areaCode: '330106', birthDate: '2030-01-01', sequence: 1, sex: 'male' }), { today: '2026-11-26' })
        .reason,
    ).toBe('future_birth_date');
    expect(validateResidentId(makeResidentId({ areaCode: '990106', birthDate: '1960-01-01', sequence: 1, sex: 'male' })).reason).toBe(
      'province',
    );
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

describe('validateResidentId: more cases', () => {
  it('upper-cases a lower-case x and trims whitespace', () => {
    expect(validateResidentId(' 11010519491231002x ')).toMatchObject({ valid: true, normalized: '11010519491231002X' });
  });

  it('reports empty and malformed input without throwing', () => {
    expect(validateResidentId('')).toMatchObject({ valid: false, reason: 'empty', normalized: null });
    expect(validateResidentId('1101051949123100')).toMatchObject({ valid: false, reason: 'format' });
    expect(validateResidentId('11010519491231002Y')).toMatchObject({ valid: false, reason: 'format' });
    expect(validateResidentId('X1010519491231002X')).toMatchObject({ valid: false, reason: 'format' });
  });

  it('computes the MOD 11-2 check character', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(() => residentIdCheckChar('123')).toThrow(ClinicalInputError);
  });

  it('accepts 29 February only in leap years', () => {
    expect(validateResidentId(makeResidentId({ areaCode: '330106', birthDate: '1960-02-29', sequence: 7, sex: 'male' })).valid).toBe(true);
    const body = '33010619610229007';
    expect(validateResidentId(body + residentIdCheckChar(body)).reason).toBe('birth_date');
  });

  it('makeResidentId rejects malformed parts with ClinicalInputError', () => {
    expect(() => makeResidentId({ areaCode: '33010', birthDate: '1960-01-01', sequence: 1, sex: 'male' })).toThrow(ClinicalInputError);
    expect(() => makeResidentId({ areaCode: '330106', birthDate: '19600101', sequence: 1, sex: 'male' })).toThrow(ClinicalInputError);
  });

  it('property: every built number validates with its birth date and sex', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('110105', '330106', '440305', '510107', '650102'),
        fc.date({ min: new Date('1920-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }),
        fc.nat({ max: 999 }),
        fc.constantFrom('male', 'female' as const),
        (areaCode, date, sequence, sex) => {
          const birthDate = date.toISOString().slice(0, 10);
          const id = makeResidentId({ areaCode, birthDate, sequence, sex });
          expect(validateResidentId(id, { today: '2026-11-26' })).toEqual({ valid: true, normalized: id, birthDate, sex });
        },
      ),
    );
  });
});
