import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clinicalMessages } from '@gisurg/clinical';
import { registerFeatureContent } from '../features/index.js';
import { CASE_WORKFLOW, MEETING_WORKFLOW } from '../features/mdt/workflow.js';
import { CONSULTATION_WORKFLOW } from '../features/consultations/workflow.js';
import { BOOKING_STATUSES } from '@gisurg/contracts/theatre';
import { hasMessage, translate, type Locale } from './messages.js';

/**
 * The web validates request bodies with the contract schemas before sending (app/api.ts) and shows the
 * same bilingual field messages the server would answer with. So every i18n key a contract schema uses as
 * a message must exist, with the same text, in the server's catalogs and in the web's.
 */
const repo = path.resolve(import.meta.dirname, '../../../..');
const contractsSrc = path.join(repo, 'packages/contracts/src');
const webSrc = path.join(repo, 'packages/web/src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [readFileSync(path.join(dir, e.name), 'utf8')] : [],
  );
}

const KEY = /'([a-z][a-zA-Z]*(?:\.[a-zA-Z_]+)+)'/g;
const contractKeys = [...new Set(sources(contractsSrc).flatMap((s) => [...s.matchAll(KEY)].map((m) => m[1]!)))].sort();

/** The web's catalog for a locale, merged as app/i18n.ts merges it (shell, then each feature's top-level namespace). */
function webCatalog(locale: Locale): Record<string, unknown> {
  const root = JSON.parse(readFileSync(path.join(webSrc, 'i18n', `${locale}.json`), 'utf8')) as Record<string, unknown>;
  const features = path.join(webSrc, 'features');
  for (const f of readdirSync(features)) {
    try {
      Object.assign(root, JSON.parse(readFileSync(path.join(features, f, 'i18n', `${locale}.json`), 'utf8')));
    } catch {
      /* a feature without texts */
    }
  }
  return root;
}

function lookup(catalog: Record<string, unknown>, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), catalog);
}

describe('validation messages the contracts use', () => {
  registerFeatureContent();

  it('finds the keys (the scan works)', () => {
    expect(contractKeys).toContain('validation.required');
    expect(contractKeys.length).toBeGreaterThan(10);
  });

  for (const locale of ['zh-CN', 'en'] as const) {
    it(`exist with the same ${locale} text on server and web`, () => {
      const web = webCatalog(locale);
      const problems: string[] = [];
      for (const key of [...contractKeys, 'errors.validation']) {
        if (key.startsWith('clinical.')) {
          if (!(key in clinicalMessages[locale])) problems.push(`${key}: not in @gisurg/clinical`);
          continue;
        }
        if (!hasMessage(key)) {
          problems.push(`${key}: not in the server's catalogs`);
          continue;
        }
        const text = translate(locale, key);
        const webText = lookup(web, key);
        if (webText !== text) problems.push(`${key}: web has ${JSON.stringify(webText)}, server ${JSON.stringify(text)}`);
      }
      expect(problems).toEqual([]);
    });
  }
});

/** Every audit action the server writes has a name in both web catalogs (the audit page shows names, not codes). */
describe('audit action names', () => {
  const serverSrc = path.join(repo, 'packages/server/src');
  const actions = [
    ...new Set([
      ...sources(serverSrc).flatMap((s) => [...s.matchAll(/action: '([a-z_]+(?:\.[a-zA-Z_]+)+)'/g)].map((m) => m[1]!)),
      // Actions built from template literals (workflow transitions, booking statuses, bed commands), which the scan of
      // literals cannot see.
      ...Object.keys(CASE_WORKFLOW.transitions).map((t) => `mdt.case.${t}`),
      ...Object.keys(MEETING_WORKFLOW.transitions).map((t) => `mdt.meeting.${t}`),
      ...Object.keys(CONSULTATION_WORKFLOW.transitions).map((t) => `consultation.${t}`),
      ...BOOKING_STATUSES.filter((x) => x !== 'scheduled').map((x) => `theatre.booking.${x}`),
      // ward/change-bed-state.ts: `ward.bed.${cmd.action}` for each bed command.
      ...['clean', 'unblock', 'block', 'reserve', 'release'].map((a) => `ward.bed.${a}`),
    ]),
  ].sort();

  it('finds the actions (the scan works)', () => {
    expect(actions).toContain('patient.read');
  });

  for (const locale of ['zh-CN', 'en'] as const) {
    it(`are all named in ${locale}`, () => {
      const names = webCatalog(locale).auditAction as Record<string, string>;
      expect(actions.filter((a) => typeof names[a] !== 'string' || names[a] === '')).toEqual([]);
    });
  }
});

/** Every resource type the server audits has a name in both web catalogs (the audit page's resource column). */
describe('audited resource names', () => {
  const serverSrc = path.join(repo, 'packages/server/src');
  const types = [...new Set(sources(serverSrc).flatMap((s) => [...s.matchAll(/resourceType: '([a-z_]+)'/g)].map((m) => m[1]!)))].sort();

  it('finds the resource types (the scan works)', () => {
    expect(types).toContain('patient');
  });

  for (const locale of ['zh-CN', 'en'] as const) {
    it(`are all named in ${locale}`, () => {
      const names = webCatalog(locale).resource as Record<string, string>;
      expect(types.filter((r) => typeof names[r] !== 'string' || names[r] === '')).toEqual([]);
    });
  }
});
