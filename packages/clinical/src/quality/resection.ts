import { procedureDefinition } from '../codes/procedures.js';
import type { LymphNodeSite } from './lymph-nodes.js';

/**
 * The site an operation counts under for the resection indicators (lymph-node yield, R0; issue 12,
 * docs/quality.md): the first radical procedure in the operation's order (the principal one first) of the
 * curated list (`PROCEDURES`, `radical: true`). Gastric radical resections count as stomach (national
 * gastric cancer surgery = ICD-9-CM-3 43.4–43.9, china-context.md §1.3), colorectal and appendiceal radical
 * resections (right hemicolectomy) as colorectal (CoC 12 RLN measure, NQF #0225, covers colon resections).
 * null = no radical resection: the operation is outside the resection indicators (palliative bypass,
 * diagnostic laparoscopy, stoma, CRS without a radical GI resection).
 */
export function resectionSite(procedureCodes: readonly string[]): LymphNodeSite | null {
  for (const code of procedureCodes) {
    const d = procedureDefinition(code);
    if (!d?.radical) continue;
    if (d.group === 'gastric') return 'stomach';
    if (d.group === 'colorectal' || d.group === 'appendix') return 'colorectal';
  }
  return null;
}
