import { type Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { signIn } from './support.js';

/**
 * The language guard (issue 16, acceptance point 2): every menu page of several roles, in zh-CN and in en,
 * fails on a raw i18n key, on text of the other language outside patient data, on a console error and on a
 * failed request (5xx).
 *
 * - Chinese pages: Latin words are allowed only when they are codes, units or abbreviations a Chinese
 *   clinician reads as such (ICD, TNM, PCI, CC, HIPEC, ECOG, mg, cm …) or when they carry a digit (C16.3,
 *   OR1, P22-00123). Anything else ("laparoscopic", "discharge") is a leak.
 * - English pages: Han characters are patient data (names, hospitals, free text typed by users), so they
 *   are allowed in data cells but never in the interface's own words — menus, buttons, column headers,
 *   labels, titles, tabs, empty states, placeholders — and Chinese punctuation never touches Latin text
 *   ("（64 y）", "Approach：").
 */

const ROLES = ['department_head', 'surgeon', 'nurse', 'mdt_coordinator', 'researcher', 'external_doctor', 'admin'] as const;

/** The menu of packages/web/src/app/menu.tsx: path and the permission that shows it. */
const MENU: [string, string | null][] = [
  ['/', null],
  ['/patients', 'patient:read'],
  ['/mdt', 'mdt:read'],
  ['/ward', 'ward:read'],
  ['/theatre', 'theatre:read'],
  ['/follow-up', 'followup:read'],
  ['/analytics/survival', 'analytics:survival'],
  ['/consultations', 'consultation:read'],
  ['/quality', 'quality:read'],
  ['/admin/users', 'user:manage'],
  ['/admin/organizations', 'organization:manage'],
  ['/admin/audit', 'audit:read'],
  ['/admin/break-glass', 'audit:read'],
];

/** Sub-pages reached from a menu page's own navigation (tabs/buttons), visited when the role has the menu page. */
const SUB_PAGES: Record<string, string[]> = {
  '/mdt': ['/mdt/tracking', '/mdt/concordance'],
  '/ward': ['/ward/occupancy'],
  '/theatre': ['/theatre/worklist'],
  '/consultations': ['/consultations/figures'],
  '/quality': ['/quality/volumes', '/quality/learning-curves', '/quality/completeness'],
};

/** Latin words a Chinese page may show: codes, units, abbreviations, product and format names. */
const ALLOWED_LATIN = new Set(
  (
    'ICD ICD-10 ICD-9-CM-3 ICD-O-3 TNM AJCC UICC PCI CC CCI CRS HIPEC PIPAC ECOG KPS MDT CEA CA CT MRI PET ' +
    'mg cm mm min mL ml kg L m² h BSA POD ISREC LN HER2 IHC ISH MMR pMMR dMMR MSI MSS MSI-H KRAS NRAS BRAF ' +
    'V600E SOX XELOX FOLFOX CAPOX CSCO NCCN ESMO ICU HDU OR LAP US ID QR CUSUM CD Clavien-Dindo Clavien Dindo ' +
    'GISurg PDF CSV PNG Excel xlsx Wilson CI KM Cox NSQIP DICA LAMN PMP PSOGI WHO CME TME APR D1 D2 D3 ' +
    'Billroth Roux-en-Y Mosteller DuBois BMI vs cT cN cM pT pN pM ypT ypN yp Tis IHC3 R0 R1 R2 G1 G2 G3 ' +
    'IIIa IIIb IVa IVb II III IV Ia Ib IIa IIb IIc IIIc IA IB IIA IIB IIC IIIA IIIB IIIC IVA IVB NA N/A ' +
    'OS DFS RFS HR AUC SD IQR OK Email Tel URL VIP MDT-ID ' +
    // The language switch names the other language; eponyms and standards keep their Latin names in Chinese
    // medical writing (Kaplan–Meier, log-rank, Miles operation, Steiner CUSUM, HL7 FHIR), and a cited paper keeps
    // its author and journal (Spiegelhalter, Stat Med 2005 under the funnel plot).
    'English Kaplan Meier log-rank Log-rank Miles Steiner FHIR HL7 mCODE LOINC SNOMED DOI Spiegelhalter Stat Med'
  ).split(/\s+/),
);

const LATIN_DATA_PAGES = ['/admin/organizations', '/admin/audit'];

/** Sign-in names are identifiers, Latin in every language (the users page and the audit log show them). */
const USERNAME_WORDS = new Set(
  [
    'admin security_admin audit_admin department_head surgeon resident nurse mdt_coordinator researcher student',
    'external_doctor extB newsurgeon xuming hewei linke guoan maxiao huangxin',
  ]
    .join(' ')
    .split(/[\s_]+/),
);

/** Interface chrome: in English pages none of it may hold Han characters. */
const CHROME =
  'th, .ant-menu-title-content, button, label, .ant-descriptions-item-label, .ant-card-head-title, .ant-tabs-tab, ' +
  'h1, h2, h3, h4, h5, .ant-breadcrumb, .ant-statistic-title, .ant-empty-description, .ant-alert-message, ' +
  '.ant-select-selection-placeholder, .ant-form-item-label';

const HAN = /[\u3400-\u9fff]/;
const RAW_KEY = /\b[a-z][a-zA-Z]+\.[a-z][a-zA-Z]+(?:\.[a-zA-Z0-9_]+)+\b/g;

/** Requests in flight per page (the walk navigates inside the app, where `networkidle` does not wait again). */
const inflight = new WeakMap<Page, number>();
function countRequests(page: Page) {
  inflight.set(page, 0);
  const change = (d: number) => inflight.set(page, (inflight.get(page) ?? 0) + d);
  page.on('request', () => change(1));
  page.on('requestfinished', () => change(-1));
  page.on('requestfailed', () => change(-1));
}

async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  // The network is idle once no request has been in flight for 300 ms.
  await expect(async () => {
    expect(inflight.get(page) ?? 0).toBe(0);
    await page.waitForTimeout(300);
    expect(inflight.get(page) ?? 0).toBe(0);
  }).toPass({ timeout: 15_000 });
  // Skeletons and spinners give way to content; a page may keep a small spinner (e.g. a lazy chart) — then
  // its text is checked as it stands.
  await expect(page.locator('.ant-skeleton'))
    .toHaveCount(0, { timeout: 10_000 })
    .catch(() => undefined);
}

async function problemsOn(page: Page, lang: 'zh-CN' | 'en'): Promise<string[]> {
  const text = await page.locator('body').innerText();
  const problems: string[] = [];
  for (const k of text.match(RAW_KEY) ?? []) if (!/^[a-z]+\.(com|cn|org|net)$/.test(k)) problems.push(`raw key "${k}"`);
  // Pages whose data holds Latin by design: the hospitals' English names; the audit log's raw details.
  const latinData = LATIN_DATA_PAGES.some((p) => page.url().endsWith(p));
  if (lang === 'zh-CN') {
    for (const w of text.match(/[A-Za-zÀ-ÿ][A-Za-z'’-]*[A-Za-z]|[A-Za-z]/g) ?? []) {
      if (latinData || w.length < 3 || ALLOWED_LATIN.has(w) || USERNAME_WORDS.has(w)) continue;
      // codes: a letter group next to a digit (C16, OR1, P22-00123, CA19-9)
      if (new RegExp(`${w}[-.]?\\d|\\d[-.]?${w}`).test(text)) continue;
      problems.push(`Latin word "${w}"`);
    }
  } else {
    const chrome = await page
      .locator(CHROME)
      .evaluateAll((els) => els.map((e) => ((e as HTMLElement).innerText || e.getAttribute('placeholder') || '').trim()));
    const placeholders = await page
      .locator('input[placeholder], textarea[placeholder]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('placeholder') ?? ''));
    // A breadcrumb or a header may hold several parts (Home / Patients / 张三): each part is judged alone.
    for (const c of [...chrome, ...placeholders])
      for (const part of c.split(/\n|\s\/\s/).map((x) => x.trim()))
        if (HAN.test(part) && !isPersonOrPlace(part)) problems.push(`Chinese in interface text "${part}"`);
    // Full-width punctuation next to Latin text, outside Chinese clinical text (data such as “（XELOX 方案）”).
    for (const line of text.split('\n').filter((l) => !HAN.test(l)))
      for (const m of line.match(/[A-Za-z0-9)][（：；，。]|[（][^）]{0,40}[A-Za-z]{2,}[^）]{0,40}[）]/g) ?? [])
        problems.push(`Chinese punctuation "${m}"`);
  }
  return [...new Set(problems)];
}

/** A header or label cell may name a person or a hospital (e.g. a column per surgeon or a hospital card title). */
function isPersonOrPlace(s: string): boolean {
  // "Hello, 陈建华": a greeting around a person's name is judged by its Han part.
  const han = s.match(/[\u3400-\u9fff·（）演示]+/g) ?? [];
  if (/^[A-Za-z ,!]+[\u3400-\u9fff]/.test(s) && han.length === 1) return isPersonOrPlace(han[0]);
  return /^[\u3400-\u9fff·]{2,6}(（演示）)?$/.test(s) || /(医院|卫生院|中心|诊所)/.test(s);
}

for (const role of ROLES) {
  test(`${role}: every menu page in zh-CN and en shows only its language`, async ({ page }) => {
    test.setTimeout(240_000);
    const errors: string[] = [];
    page.on('console', (m) => {
      // The sign-in page asks who is signed in before anyone is: that 401 is expected.
      if (m.type() === 'error' && !m.text().includes('status of 401')) errors.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    countRequests(page);
    page.on('response', (r) => {
      if (r.status() >= 500) errors.push(`HTTP ${r.status()} ${r.url()}`);
    });
    await page.goto('/login');
    await signIn(page, role);
    await settle(page);
    const me = (await (await page.request.get('/api/auth/me')).json()) as { permissions: string[] };
    const menu = MENU.filter(([, perm]) => perm === null || me.permissions.includes(perm)).map(([path]) => path);
    const paths = [...new Set(menu.flatMap((p) => [p, ...(SUB_PAGES[p] ?? [])]))];
    if (menu.includes('/patients')) {
      const res = await page.request.get('/api/patients?pageSize=1');
      const first = ((await res.json()) as { items?: { id: string }[] }).items?.[0];
      if (first) paths.push(`/patients/${first.id}`);
    }
    expect(paths.length).toBeGreaterThan(0);
    const found: string[] = [];
    for (const lang of ['zh-CN', 'en'] as const) {
      await page.evaluate((l) => window.localStorage.setItem('gisurg.locale', l), lang);
      for (const [i, path] of paths.entries()) {
        // The first page of a language loads the app afresh (the language is read at start); the others are
        // reached inside the app, as a user clicks through (a full reload per page doubled the walk's time).
        const content = page.locator('.ant-layout-content').first();
        const before = i === 0 ? null : await content.innerText();
        if (i === 0) await page.goto(path);
        else
          await page.evaluate((p) => {
            window.history.pushState({}, '', p);
            window.dispatchEvent(new PopStateEvent('popstate'));
          }, path);
        // The app did move: the page shows something else than the last one.
        if (before !== null) await expect(content).not.toHaveText(before, { timeout: 15_000 });
        await settle(page);
        for (const p of await problemsOn(page, lang)) found.push(`[${lang}] ${path}: ${p}`);
      }
    }
    expect(found, found.join('\n')).toEqual([]);
    expect(errors, errors.join('\n')).toEqual([]);
  });
}
