import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stageAjcc8, type StagingClassification, type StagingSite } from '../src/index.js';

/** docs/clinical-rules.md is what the surgeons sign: its stage grids must equal what the code computes. */
const doc = readFileSync(fileURLToPath(new URL('../../../docs/clinical-rules.md', import.meta.url)), 'utf8');

const tables = [...doc.matchAll(/<!-- stage-table: (\w+) (\w+) -->\n((?:\|.*\|\n)+)/g)].map((m) => ({
  site: m[1] as StagingSite,
  classification: m[2] as StagingClassification,
  rows: (m[3] ?? '')
    .trim()
    .split('\n')
    .map((l) =>
      l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    ),
}));

describe('docs/clinical-rules.md stage grids', () => {
  it('contains the six AJCC grids', () => {
    expect(tables.map((t) => `${t.site} ${t.classification}`)).toEqual([
      'stomach c',
      'stomach p',
      'stomach yp',
      'colorectal p',
      'anus p',
      'appendix p',
    ]);
  });

  it.each(tables)('$site $classification matches stageAjcc8 cell by cell', ({ site, classification, rows }) => {
    const [header = [], , ...body] = rows;
    const nCols = header.slice(1).map((h) => h.split(' ')[0] ?? h);
    for (const [t = '', ...cells] of body) {
      cells.forEach((cell, i) => {
        const expected = cell === '–' ? 'unknown' : cell;
        expect(stageAjcc8({ site, classification, t, n: nCols[i] ?? '', m: 'M0' }).stage, `${t} ${nCols[i]}`).toBe(expected);
      });
    }
  });
});
