import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import zhCN from './zh-CN.json';
import en from './en.json';

function flatten(obj: Record<string, unknown>, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') Object.assign(out, flatten(v as Record<string, unknown>, key));
    else out[key] = String(v);
  }
  return out;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(tsx?|ts)$/.test(f) && !f.endsWith('.test.ts') && !f.endsWith('.test.tsx') ? [p] : [];
  });
}

/** Shell catalogs plus every feature's own `features/<f>/i18n/{zh-CN,en}.json`, as app/i18n.ts merges them. */
function withFeatures(base: Record<string, unknown>, locale: string): Record<string, unknown> {
  const featuresDir = path.resolve(import.meta.dirname, '../features');
  const merged = { ...base };
  for (const f of readdirSync(featuresDir)) {
    const file = path.join(featuresDir, f, 'i18n', `${locale}.json`);
    try {
      Object.assign(merged, JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>);
    } catch {
      /* feature without texts of its own */
    }
  }
  return merged;
}

const zh = flatten(withFeatures(zhCN, 'zh-CN'));
const enFlat = flatten(withFeatures(en, 'en'));
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('English is complete: the same keys as Chinese', () => {
    expect(Object.keys(enFlat).sort()).toEqual(Object.keys(zh).sort());
  });

  it('uses the same {{placeholders}} in both languages', () => {
    for (const key of Object.keys(zh)) expect(placeholders(enFlat[key] ?? ''), key).toEqual(placeholders(zh[key]!));
  });

  it('has a text for every literal key the code asks for', () => {
    const root = path.resolve(import.meta.dirname, '..');
    const used = new Set<string>();
    for (const file of sources(root)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.]*)'/g)) used.add(m[1]!);
      for (const m of text.matchAll(/labelKey: '([\w.]+)'/g)) used.add(m[1]!);
    }
    const missing = [...used].filter((k) => !(k in zh) && !k.startsWith('clinical.'));
    expect(missing).toEqual([]);
  });

  it('names every role, sex and organization kind in both languages', () => {
    for (const role of [
      'admin',
      'department_head',
      'surgeon',
      'resident',
      'nurse',
      'mdt_coordinator',
      'researcher',
      'student',
      'external_doctor',
    ]) {
      expect(zh[`role.${role}`]).toBeTruthy();
      expect(enFlat[`role.${role}`]).toBeTruthy();
    }
  });
});
