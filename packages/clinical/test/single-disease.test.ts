import { describe, expect, it } from 'vitest';
import { singleDiseaseIncluded } from '../src/quality/single-disease.js';

describe('single-disease (单病种) inclusion', () => {
  it.each([
    ['GC', 'C16.3', '43.7', true],
    ['GC', 'C16.0', '43.99', true],
    ['GC', 'C16.3', '43.3', false],
    ['GC', 'C18.7', '43.7', false],
    ['GC', 'C16.3', '44.39', false],
    ['CoC', 'C18.2', '45.73', true],
    ['CoC', 'C18.7', '45.76', true],
    ['CoC', 'C18.0', '17.33', true],
    ['CoC', 'D01.0', '45.8', true],
    ['CoC', 'C20', '48.63', false],
    ['CoC', 'C20', '45.76', false],
    ['CoC', 'C18.2', '45.72', false],
    ['CoC', 'C18.2', null, false],
  ] as const)('%s %s %s → %s', (entry, icd10, icd9, expected) => {
    expect(singleDiseaseIncluded(entry, icd10, icd9)).toBe(expected);
  });
});
