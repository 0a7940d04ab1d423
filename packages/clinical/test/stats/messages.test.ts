/** Every messageKey thrown by src/stats has a Chinese and an English text with the same parameters. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { statsMessages } from '../../src/stats/index.js';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '../../src/stats');

function keysUsedInSource(): string[] {
  const keys = new Set<string>();
  for (const file of readdirSync(SRC).filter((f) => f.endsWith('.ts') && f !== 'messages.ts')) {
    const text = readFileSync(join(SRC, file), 'utf8');
    for (const m of text.matchAll(/'(stats\.[A-Za-z0-9]+\.[A-Za-z0-9]+)'/g)) keys.add(m[1]!);
  }
  return [...keys].sort();
}

const params = (text: string): string[] => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();

describe('statsMessages', () => {
  const used = keysUsedInSource();

  it('finds the keys the source throws', () => {
    expect(used.length).toBeGreaterThan(15);
    expect(used).toContain('stats.logRank.singleGroup');
  });

  it.each(used)('%s has zh-CN and en texts with the same parameters', (key) => {
    const zh = statsMessages['zh-CN'][key];
    const en = statsMessages.en[key];
    expect(zh, 'zh-CN').toBeTruthy();
    expect(en, 'en').toBeTruthy();
    expect(params(zh!)).toEqual(params(en!));
  });

  it('has no texts for keys that are never used, and the same keys in both languages', () => {
    expect(Object.keys(statsMessages['zh-CN']).sort()).toEqual(used);
    expect(Object.keys(statsMessages.en).sort()).toEqual(used);
  });
});
