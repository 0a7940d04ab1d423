import { describe, expect, it } from 'vitest';
import { stageAjcc8, type HistologicGrade } from '../../src/index.js';
import { EXPECTED_TABLES, cellsOf, columnsOf, m1Of, rowsOf } from './expected-tables.js';

/** Every cell of every AJCC 8 table, against the hand-typed grids of expected-tables.ts. */
describe.each(EXPECTED_TABLES)('AJCC 8 $name: every cell', (table) => {
  describe.each(table.classifications)('classification %s', (classification) => {
    it.each(cellsOf(table))('$t $n M0 -> $stage', ({ t, n, stage }) => {
      expect(stageAjcc8({ site: table.site, classification, t, n, m: 'M0' }).stage).toBe(stage);
    });

    it('the same cells with prefixed spellings (pT/ypN/cM0) give the same stages', () => {
      for (const { t, n, stage } of cellsOf(table)) {
        const r = stageAjcc8({ site: table.site, classification, t: `${classification}${t}`, n: `${classification}${n}`, m: 'cM0' });
        expect(r.stage, `${t} ${n}`).toBe(stage);
      }
    });

    it.each(m1Of(table))('$m (grade $grade), any T and N -> $stage', ({ m, grade, stage }) => {
      for (const t of [...rowsOf(table), 'TX']) {
        for (const n of [...columnsOf(table), 'NX']) {
          const input = { site: table.site, classification, t, n, m, ...(grade ? { grade: grade as HistologicGrade } : {}) };
          expect(stageAjcc8(input).stage, `${t} ${n} ${m} ${grade ?? ''}`).toBe(stage);
        }
      }
    });

    it('TX, NX and MX are unknown with M0', () => {
      for (const t of rowsOf(table)) expect(stageAjcc8({ site: table.site, classification, t, n: 'NX', m: 'M0' }).stage).toBe('unknown');
      for (const n of columnsOf(table)) expect(stageAjcc8({ site: table.site, classification, t: 'TX', n, m: 'M0' }).stage).toBe('unknown');
      expect(stageAjcc8({ site: table.site, classification, t: 'T2', n: 'N0', m: 'MX' }).stage).toBe('unknown');
    });

    it('T0 is not in any table: unknown with M0', () => {
      expect(stageAjcc8({ site: table.site, classification, t: 'T0', n: 'N0', m: 'M0' }).stage).toBe('unknown');
    });
  });
});
