import { sql, type SQL } from 'drizzle-orm';
import { pinyin } from 'pinyin-pro';
import {
  diagnosisStagingSite,
  icd10Entry,
  procedureDefinition,
  procedureIcd9cm3,
  stageAjcc8,
  stageMainGroup,
  type DiagnosisSite,
} from '@gisurg/clinical';

/**
 * The small lookup tables `gisurg generate` joins in SQL, computed here once from the clinical package (codes,
 * AJCC 8 stage groups, ICD-9-CM-3 by approach) and from pinyin-pro (the readings the app's search terms use), so
 * the generated rows carry the same values the app would have computed. Each is a `(values …) name(cols)` list.
 */

/** Fixed synthetic name characters (no real person's name is built on purpose; no ID numbers). */
export const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
export const GIVEN =
  '伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞辉建国志文斌宇浩凯健俊帆帅旭宁琳晨欣怡子涵梓轩佳悦思雨嘉懿';

const values = (rows: readonly (readonly (string | number | null)[])[], name: string): SQL =>
  sql.raw(
    `(values ${rows
      .map(
        (r) => `(${r.map((v) => (v === null ? 'null' : typeof v === 'number' ? String(v) : `'${v.replaceAll("'", "''")}'`)).join(', ')})`,
      )
      .join(', ')}) ${name}`,
  );

/**
 * Readings of each name character as patients/search-terms.ts derives them: the surname in surname mode and
 * plain, a given-name character with its readings (up to four), ü also typed as u. `pos` 's' = surname, 'g' = given.
 */
export function readingsTable(): SQL {
  const rows: [string, string, string][] = [];
  const add = (pos: string, ch: string, readings: string[]) => {
    const set = new Set(readings.filter(Boolean));
    for (const r of [...set]) if (r.includes('v')) set.add(r.replaceAll('v', 'u'));
    for (const r of set) rows.push([pos, ch, r]);
  };
  for (const ch of new Set(SURNAMES))
    add('s', ch, [
      ...pinyin(ch, { surname: 'head', toneType: 'none', type: 'array', v: true }),
      ...pinyin(ch, { toneType: 'none', type: 'array', v: true }),
    ]);
  for (const ch of new Set(GIVEN))
    add('g', ch, [
      ...pinyin(ch, { toneType: 'none', type: 'array', v: true }),
      ...pinyin(ch, { multiple: true, toneType: 'none', type: 'array', v: true }).slice(0, 4),
    ]);
  return values(rows, 'rd(pos, ch, r)');
}

interface SiteRow {
  site: DiagnosisSite;
  icd10: string;
  procedure: string;
  tumorGroup: 'gastric' | 'colorectal';
  /** Share in twentieths. */
  weight: number;
}

/** The case mix of a GI surgical oncology department: site, ICD-10, the radical operation, the board. */
const SITES: readonly SiteRow[] = [
  { site: 'stomach', icd10: 'C16.3', procedure: 'gastrectomy_distal_d2', tumorGroup: 'gastric', weight: 5 },
  { site: 'stomach', icd10: 'C16.0', procedure: 'gastrectomy_total_d2', tumorGroup: 'gastric', weight: 3 },
  { site: 'colon', icd10: 'C18.2', procedure: 'right_hemicolectomy_cme', tumorGroup: 'colorectal', weight: 3 },
  { site: 'colon', icd10: 'C18.7', procedure: 'sigmoidectomy', tumorGroup: 'colorectal', weight: 3 },
  { site: 'rectum', icd10: 'C20', procedure: 'anterior_resection_tme', tumorGroup: 'colorectal', weight: 6 },
];

/** Clinical TNM at diagnosis (shares in twentieths) and the monthly death hazard by stage group (bench/survival.ts). */
const TNM: readonly { t: string; n: string; m: string; weight: number }[] = [
  { t: 'T1', n: 'N0', m: 'M0', weight: 4 },
  { t: 'T3', n: 'N0', m: 'M0', weight: 6 },
  { t: 'T3', n: 'N1', m: 'M0', weight: 4 },
  { t: 'T4a', n: 'N2', m: 'M0', weight: 3 },
  { t: 'T3', n: 'N1', m: 'M1', weight: 3 },
];
const HAZARD: Record<string, number> = { I: 0.0018, II: 0.0041, III: 0.01, IV: 0.032 };

/** The second operation of patients operated twice: closure of the defunctioning ileostomy, or a re-look laparoscopy. */
export const SECOND_PROCEDURE: Record<'rectum' | 'other', string> = { rectum: 'stoma_closure_small', other: 'diagnostic_laparoscopy' };

const label = (code: string) => procedureDefinition(code)?.label.zh ?? code;
const icd9 = (code: string, approach: 'open' | 'laparoscopic') => procedureIcd9cm3(code, approach) ?? '';

/** `sites(i, site, icd10, staging_site, dx_label, tumor_group, proc1, proc1_label, proc1_open, proc1_lap, proc2, proc2_label, proc2_open, proc2_lap)`, i = 0…19. */
export function sitesTable(): { table: SQL; count: number } {
  const rows: (string | number | null)[][] = [];
  for (const s of SITES) {
    const second = SECOND_PROCEDURE[s.site === 'rectum' ? 'rectum' : 'other'];
    for (let k = 0; k < s.weight; k += 1)
      rows.push([
        rows.length,
        s.site,
        s.icd10,
        diagnosisStagingSite(s.site, s.icd10),
        icd10Entry(s.icd10)?.label.zh ?? s.icd10,
        s.tumorGroup,
        s.procedure,
        label(s.procedure),
        icd9(s.procedure, 'open'),
        icd9(s.procedure, 'laparoscopic'),
        second,
        label(second),
        icd9(second, 'open'),
        icd9(second, 'laparoscopic'),
      ]);
  }
  return {
    table: values(
      rows,
      'sites(i, site, icd10, staging_site, dx_label, tumor_group, proc1, proc1_label, proc1_open, proc1_lap, proc2, proc2_label, proc2_open, proc2_lap)',
    ),
    count: rows.length,
  };
}

/** `stages(staging_site, i, t, n, m, stage, main_group, hazard)`: stageAjcc8 of each clinical TNM, i = 0…19. */
export function stagesTable(): { table: SQL; count: number } {
  const rows: (string | number | null)[][] = [];
  let count = 0;
  for (const site of ['stomach', 'colorectal'] as const) {
    let i = 0;
    for (const c of TNM) {
      const staged = stageAjcc8({ site, classification: 'c', t: c.t, n: c.n, m: c.m });
      const main = stageMainGroup(staged.stage) ?? 'I';
      for (let k = 0; k < c.weight; k += 1) {
        rows.push([site, i, staged.categories.t, staged.categories.n, staged.categories.m, staged.stage, main, HAZARD[main] ?? 0.005]);
        i += 1;
      }
    }
    count = i;
  }
  return { table: values(rows, 'stages(staging_site, i, t, n, m, stage, main_group, hazard)'), count };
}
