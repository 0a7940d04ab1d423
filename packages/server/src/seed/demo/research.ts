import { actorOf } from './actor.js';
import { addDays, toInstant } from '@gisurg/contracts';
import type { CohortCriteria, Funder, OutputKind } from '@gisurg/contracts/research';
import { eq } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { ManualClock } from '../../clock.js';
import type { UseCaseContext } from '../../core/context.js';
import { researchCohortMembers } from '../../db/schema/index.js';
import { freezeCohort } from '../../features/research/cohort.js';
import { enrolPatient, withdrawPatient } from '../../features/research/consent.js';
import { createProject } from '../../features/research/create-project.js';
import { addOutput } from '../../features/research/manage-outputs.js';
import type { DemoStepContext } from './index.js';

interface DemoGrant {
  title: string;
  funder: Funder;
  grantNo: string;
  /** Years before today the grant started, and its length in years. */
  startedYearsAgo: number;
  years: number;
  pi: 'department_head' | 'surgeon';
  budgetYuan: number;
  ethicsNo: string;
  criteria: CohortCriteria;
  /** Share of the frozen list that consented. */
  consentShare: number;
  withdrawOne?: boolean;
  outputs: { kind: OutputKind; title: string; yearsAgo: number; doi?: string; reference: string }[];
}

/**
 * The department's six grants (PRODUCT.md: one NSFC, five provincial), synthetic titles and numbers; DOIs use
 * the 10.5555 prefix reserved for examples, so none resolves to a real paper. Each cohort is a saved query over
 * the demo record (CRS+HIPEC for peritoneal disease, laparoscopic gastrectomy for gastric cancer, …), frozen
 * at a date; most of the list consented, one NSFC patient withdrew. Built through the use cases (audited).
 */
const GRANTS: DemoGrant[] = [
  {
    title: '细胞减灭术联合腹腔热灌注化疗（CRS+HIPEC）治疗腹膜转移癌的疗效及预后因素研究',
    funder: 'nsfc',
    grantNo: '82273001（演示）',
    startedYearsAgo: 2,
    years: 4,
    pi: 'department_head',
    budgetYuan: 520000,
    ethicsNo: '2024-伦审-科研-017',
    criteria: { procedures: ['crs'], hipec: true },
    consentShare: 1,
    withdrawOne: true,
    outputs: [
      {
        kind: 'paper',
        title: 'Cytoreductive surgery and HIPEC for peritoneal metastases: a single-centre cohort (demo)',
        yearsAgo: 1,
        doi: '10.5555/gisurg-demo.2025.001',
        reference: '中华胃肠外科杂志（演示）',
      },
      { kind: 'patent', title: '一种腹腔热灌注化疗管路温度监测装置（演示）', yearsAgo: 1, reference: 'ZL 2025 2 0000001.X（演示）' },
    ],
  },
  {
    title: '腹腔镜胃癌 D2 根治术短期疗效与学习曲线的前瞻性队列研究',
    funder: 'zhejiang_nsf',
    grantNo: 'LY24H160001（演示）',
    startedYearsAgo: 2,
    years: 3,
    pi: 'surgeon',
    budgetYuan: 100000,
    ethicsNo: '2024-伦审-科研-021',
    criteria: {
      sites: ['stomach'],
      approaches: ['laparoscopic', 'robotic', 'converted'],
      procedures: ['gastrectomy_distal_d2', 'gastrectomy_total_d2', 'gastrectomy_proximal_d2'],
    },
    consentShare: 0.85,
    outputs: [
      {
        kind: 'paper',
        title: 'Short-term outcomes of laparoscopic D2 gastrectomy in a high-volume Chinese centre (demo)',
        yearsAgo: 0,
        doi: '10.5555/gisurg-demo.2026.002',
        reference: 'World Journal of Surgical Oncology（演示）',
      },
    ],
  },
  {
    title: '结肠癌完整结肠系膜切除（CME）术后复发模式与随访策略研究',
    funder: 'zhejiang_nsf',
    grantNo: 'LQ25H160002（演示）',
    startedYearsAgo: 1,
    years: 3,
    pi: 'surgeon',
    budgetYuan: 80000,
    ethicsNo: '2025-伦审-科研-004',
    criteria: { sites: ['colon'], procedures: ['right_hemicolectomy_cme', 'left_hemicolectomy_cme'] },
    consentShare: 0.8,
    outputs: [],
  },
  {
    title: '直肠癌全直肠系膜切除术后低位前切除综合征的发生与干预',
    funder: 'health_commission',
    grantNo: '2024KY0831（演示）',
    startedYearsAgo: 2,
    years: 3,
    pi: 'department_head',
    budgetYuan: 50000,
    ethicsNo: '2024-伦审-科研-030',
    criteria: { sites: ['rectum'] },
    consentShare: 0.75,
    outputs: [{ kind: 'award', title: '浙江省医药卫生科技奖三等奖（演示）', yearsAgo: 0, reference: '浙江省卫生健康委员会（演示）' }],
  },
  {
    title: '进展期胃癌规范化随访对术后生存的影响：真实世界研究',
    funder: 'health_commission',
    grantNo: '2025KY0217（演示）',
    startedYearsAgo: 1,
    years: 2,
    pi: 'surgeon',
    budgetYuan: 30000,
    ethicsNo: '2025-伦审-科研-011',
    criteria: { sites: ['stomach'], stages: ['III'] },
    consentShare: 0.8,
    outputs: [],
  },
  {
    title: '腹膜假黏液瘤的病理分级与减瘤完整性对预后的影响',
    funder: 'zhejiang_nsf',
    grantNo: 'LY25H160007（演示）',
    startedYearsAgo: 1,
    years: 3,
    pi: 'department_head',
    budgetYuan: 100000,
    ethicsNo: '2025-伦审-科研-015',
    criteria: { sites: ['pseudomyxoma', 'appendix', 'peritoneum', 'mesothelioma'] },
    consentShare: 1,
    outputs: [
      {
        kind: 'paper',
        title: 'Completeness of cytoreduction and survival in pseudomyxoma peritonei (demo)',
        yearsAgo: 0,
        doi: '10.5555/gisurg-demo.2026.003',
        reference: 'Annals of Surgical Oncology（演示）',
      },
    ],
  },
];

export async function seedResearchDemo(ctx: DemoStepContext): Promise<void> {
  const { tx, today, timeZone, rng } = ctx;
  const head = await actorOf(tx, 'department_head');
  const surgeon = await actorOf(tx, 'surgeon');
  const researcher = await actorOf(tx, 'researcher');
  if (!head || !surgeon) return;
  const clock = new ManualClock(ctx.now);
  const as = (actor: Actor): UseCaseContext => ({
    db: tx,
    actor,
    meta: { requestId: 'demo-seed', clientIp: null, userAgent: null },
    locale: 'zh-CN',
    clock,
    timeZone,
  });
  const on = (date: string) => clock.set(toInstant(`${date}T10:00`, timeZone));
  const year = Number(today.slice(0, 4));
  for (const g of GRANTS) {
    const start = `${year - g.startedYearsAgo}-01-01`;
    const end = `${year - g.startedYearsAgo + g.years - 1}-12-31`;
    const approved = addDays(start, -30);
    on(approved);
    const pi = g.pi === 'department_head' ? head : surgeon;
    const { id } = await createProject(as(head), {
      title: g.title,
      funder: g.funder,
      grantNo: g.grantNo,
      startDate: start,
      endDate: end,
      piName: pi.displayName,
      piUserId: pi.userId,
      budgetYuan: g.budgetYuan,
      ethics: { committee: '医院医学伦理委员会', number: g.ethicsNo, approvedOn: approved, expiresOn: end },
      members: [
        { name: pi.displayName, role: 'pi', userId: pi.userId },
        ...(pi === head ? [{ name: surgeon.displayName, role: 'co_investigator' as const, userId: surgeon.userId }] : []),
        ...(researcher ? [{ name: researcher.displayName, role: 'statistician' as const, userId: researcher.userId }] : []),
        { name: '吴宇', role: 'student' as const, userId: null },
      ],
      kThreshold: 5,
    });
    // Frozen 60 days ago, consent asked over the following weeks.
    const frozenOn = addDays(today, -60);
    on(frozenOn);
    await freezeCohort(as(researcher ?? head), id, g.criteria);
    const list = await tx
      .select({ patientId: researchCohortMembers.patientId })
      .from(researchCohortMembers)
      .where(eq(researchCohortMembers.projectId, id));
    const ordered = list.map((r) => r.patientId).sort();
    const consenting = ordered.filter(() => rng.chance(g.consentShare));
    for (const [i, patientId] of consenting.entries()) {
      const consentOn = addDays(frozenOn, 3 + (i % 20));
      on(consentOn);
      await enrolPatient(as(head), id, { patientId, consent: { obtainedOn: consentOn } });
    }
    if (g.withdrawOne && consenting.length > 1) {
      const withdrawOn = addDays(today, -10);
      on(withdrawOn);
      await withdrawPatient(as(head), id, consenting[1]!, { date: withdrawOn });
    }
    for (const o of g.outputs) {
      on(addDays(today, -5));
      await addOutput(as(researcher ?? head), id, {
        kind: o.kind,
        title: o.title,
        year: year - o.yearsAgo,
        doi: o.doi ?? null,
        reference: o.reference,
      });
    }
  }
}
