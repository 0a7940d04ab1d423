import { asc, eq, inArray } from 'drizzle-orm';
import {
  DEFAULT_LYMPH_NODE_THRESHOLDS,
  DEFAULT_PCI_POLICY,
  bodySurfaceArea,
  complicationIndexWithin,
  completenessOfCytoreduction,
  diagnosisStagingSite,
  ecogFromKarnofsky,
  gastricNCategory,
  her2Status,
  hipecDose,
  lymphNodesAdequate,
  nCategoryFromNodes,
  pciEligibility,
  pciIndicationForDiagnosis,
  peritonealCancerIndex,
  postoperativeLengthOfStay,
  procedureIcd9cm3,
  stageAjcc8,
  type DiagnosisSite,
  type HipecDoseBasis,
  type OperationApproachCode,
  type PmOrigin,
  type StagingSite,
} from '@gisurg/clinical';
import {
  complications,
  oncologyDiagnoses,
  operationProcedures,
  operations,
  pathologyReports,
  patients,
  performanceStatus,
  peritonealAssessments,
  tumorMarkers,
  users,
} from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { addDays } from '@gisurg/contracts';
import { zonedToInstant } from '../../features/oncology-record/operations/times.js';
import type { Rng } from '../random.js';
import type { DemoStepContext } from './index.js';

/**
 * Demo oncology records (issue 5): about 60% of the demo patients get a realistic case — gastric,
 * colorectal (colon by segment, rectum with or without neoadjuvant therapy), anal, appendiceal/PMP,
 * peritoneal metastases with CRS + HIPEC, mesothelioma — with diagnosis and clinical stage, tumour
 * markers, ECOG/KPS, operation(s), pathology, PCI/CC/HIPEC and complications. Every computed value
 * (stages, N, node adequacy, PCI, eligibility, CC, BSA, doses, CCI, duration, length of stay) comes from
 * @gisurg/clinical, as the API stores it; dates fall in the last five years.
 */
export async function seedOncologyDemo(ctx: DemoStepContext): Promise<void> {
  const { tx, rng, today } = ctx;
  const staff = await tx
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(inArray(users.username, ['surgeon', 'department_head', 'resident', 'student']));
  const id = (u: string) => staff.find((s) => s.username === u)?.id ?? null;
  const team: Team = {
    surgeons: [id('surgeon'), id('department_head')].filter((x): x is string => x !== null),
    resident: id('resident'),
    student: id('student'),
  };
  if (team.surgeons.length === 0) return;
  const list = await tx
    .select({ id: patients.id, birthDate: patients.birthDate })
    .from(patients)
    .where(eq(patients.organizationId, ctx.homeOrganizationId))
    .orderBy(asc(patients.inpatientNo));
  for (const p of list) {
    if (!rng.chance(0.6)) continue;
    const kind = pickWeighted(rng, CASE_WEIGHTS);
    await seedCase(new CaseWriter(tx, rng, team, p.id, today, ctx.now), kind);
  }
}

export type CaseKind =
  'gastric' | 'colorectal' | 'rectal' | 'anal' | 'pmp' | 'colorectal_pm' | 'gastric_pm' | 'mesothelioma' | 'ovarian_pm';
const CASE_WEIGHTS: readonly [CaseKind, number][] = [
  ['gastric', 30],
  ['colorectal', 22],
  ['rectal', 14],
  ['anal', 4],
  ['pmp', 9],
  ['colorectal_pm', 9],
  ['gastric_pm', 7],
  ['mesothelioma', 2],
  ['ovarian_pm', 3],
];

export interface Team {
  surgeons: string[];
  resident: string | null;
  student: string | null;
}

function pickWeighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rng.next() * total;
  for (const [v, w] of items) {
    r -= w;
    if (r < 0) return v;
  }
  return items[items.length - 1]![0];
}

const GRADES: readonly (readonly [string, number])[] = [
  ['I', 30],
  ['II', 40],
  ['IIIa', 14],
  ['IIIb', 10],
  ['IVa', 4],
  ['IVb', 1],
  ['V', 1],
];

export interface OperationSpec {
  diagnosisId: string;
  date: string;
  approach: OperationApproachCode;
  procedures: string[];
  intent?: 'curative' | 'palliative' | 'diagnostic';
  urgency?: 'elective' | 'urgent' | 'emergency';
  minutes: [number, number];
  bloodLoss: [number, number];
  lymphadenectomy?: string | null;
  anastomosis?: string;
  stoma?: { type: string; intent: 'temporary' | 'permanent' } | null;
  incisionClass?: '0' | 'I' | 'II' | 'III';
  complicationRate: number;
  complicationTypes: string[];
  level?: 1 | 2 | 3 | 4;
  los: [number, number];
  /** Story generators that tell one surgeon's series (quality demo) set these instead of drawing them. */
  surgeonId?: string;
  durationMin?: number;
  complications?: { type: string; grade: string; day: number }[];
}

/** Writes one case's rows, computing every derived value with the clinical functions. */
export class CaseWriter {
  constructor(
    readonly tx: Db,
    readonly rng: Rng,
    readonly team: Team,
    readonly patientId: string,
    readonly today: string,
    readonly now: Date,
  ) {}

  /** A date in the last five years, at least `minDaysAgo` days before today. */
  pastDate(minDaysAgo: number): string {
    return addDays(this.today, -this.rng.int(minDaysAgo, 5 * 365 - 220));
  }

  async diagnosis(d: {
    site: DiagnosisSite;
    icd10: string;
    icd10Secondary?: string;
    morphology: string;
    date: string;
    clinical: { t: string; n: string; m: string; grade?: 'G1' | 'G2' | 'G3' } | null;
    pmOrigin?: PmOrigin;
    psogiCategory?: string;
    appendicealLesion?: string;
    whoCategory?: string;
  }): Promise<{
    id: string;
    stagingSite: StagingSite | null;
    site: DiagnosisSite;
    pmOrigin: PmOrigin | null;
    psogiCategory: string | null;
  }> {
    const stagingSite = diagnosisStagingSite(d.site, d.icd10);
    const staged = d.clinical && stagingSite ? stageAjcc8({ site: stagingSite, classification: 'c', ...d.clinical }) : null;
    const [row] = await this.tx
      .insert(oncologyDiagnoses)
      .values({
        patientId: this.patientId,
        site: d.site,
        icd10: d.icd10,
        icd10Secondary: d.icd10Secondary ?? null,
        icdO3Morphology: d.morphology,
        diagnosisDate: d.date,
        basis: this.rng.chance(0.9) ? 'histology_primary' : 'clinical_investigation',
        pmOrigin: d.pmOrigin ?? null,
        psogiCategory: d.psogiCategory ?? null,
        appendicealLesion: d.appendicealLesion ?? null,
        whoCategory: d.whoCategory ?? null,
        stagingSite,
        clinicalT: staged?.categories.t ?? null,
        clinicalN: staged?.categories.n ?? null,
        clinicalM: staged?.categories.m ?? null,
        clinicalGrade: d.clinical?.grade ?? null,
        clinicalStage: staged?.stage ?? null,
        stagingEdition: staged ? staged.edition : null,
        ...this.stamp(),
      })
      .returning({ id: oncologyDiagnoses.id });
    return { id: row!.id, stagingSite, site: d.site, pmOrigin: d.pmOrigin ?? null, psogiCategory: d.psogiCategory ?? null };
  }

  stamp() {
    const by = this.team.surgeons[0]!;
    return { createdAt: this.now, updatedAt: this.now, createdBy: by, updatedBy: by };
  }

  /**
   * Markers at `date`; with `after`, the same markers again about five weeks after the operation (no random
   * draw, so the rest of the demo is unchanged): back under the limit after a resection (about a third of the
   * pre-operative value), still raised — a little higher — when metastatic disease was left behind.
   */
  async markers(
    date: string,
    markers: readonly ('CEA' | 'CA19-9' | 'CA125' | 'CA72-4')[],
    elevated: boolean,
    after?: { date: string; raised: boolean },
  ): Promise<void> {
    const spec = {
      CEA: ['ng/mL', 5, 1.2, 60],
      'CA19-9': ['U/mL', 37, 5, 400],
      CA125: ['U/mL', 35, 6, 300],
      'CA72-4': ['U/mL', 6.9, 1, 80],
    } as const;
    // One INSERT for all of them (the seed's round trips are most of a first start; issue 18).
    const rows: (typeof tumorMarkers.$inferInsert)[] = [];
    for (const m of markers) {
      const [unit, limit, low, high] = spec[m];
      const raised = elevated && this.rng.chance(0.6);
      const value = raised
        ? Math.round(this.rng.normal(limit * 3, limit * 2, limit * 1.1, high) * 10) / 10
        : Math.round(this.rng.normal(limit / 2.5, limit / 5, low / 2, limit * 0.95) * 10) / 10;
      rows.push({ patientId: this.patientId, marker: m, value, unit, upperLimit: limit, sampledOn: date, ...this.stamp() });
      if (after && after.date <= this.today) {
        const later = after.raised && value > limit ? value * 1.15 : Math.min(value * 0.35, limit * 0.6);
        rows.push({
          patientId: this.patientId,
          marker: m,
          value: Math.max(low / 2, Math.round(later * 10) / 10),
          unit,
          upperLimit: limit,
          sampledOn: after.date,
          ...this.stamp(),
        });
      }
    }
    if (rows.length > 0) await this.tx.insert(tumorMarkers).values(rows);
  }

  async performance(date: string, frail: boolean): Promise<void> {
    const kps = frail ? this.rng.pick([60, 70, 70, 80]) : this.rng.pick([80, 90, 90, 100]);
    const conv = ecogFromKarnofsky(kps);
    const ecog = this.rng.chance(0.7) ? conv.ecog : null;
    await this.tx.insert(performanceStatus).values({
      patientId: this.patientId,
      assessedOn: date,
      setting: 'preoperative',
      ecog,
      kps,
      ecogFromKps: conv.ecog,
      ecogKpsMapping: conv.mapping,
      ...this.stamp(),
    });
  }

  async operation(o: OperationSpec): Promise<{ id: string; date: string }> {
    const rng = this.rng;
    const surgeonId = o.surgeonId ?? rng.pick(this.team.surgeons);
    const assistants = [this.team.resident, rng.chance(0.4) ? this.team.student : null].filter((x): x is string => x !== null);
    const startMin = rng.int(8 * 60, 14 * 60);
    const duration = o.durationMin ?? rng.int(o.minutes[0], o.minutes[1]);
    const start = zonedToInstant(
      o.date,
      `${String(Math.floor(startMin / 60)).padStart(2, '0')}:${String(startMin % 60).padStart(2, '0')}`,
      'Asia/Shanghai',
    );
    const end = new Date(start.getTime() + duration * 60_000);
    const converted = o.approach === 'converted';
    const bloodLoss = Math.round(rng.int(o.bloodLoss[0], o.bloodLoss[1]) / 10) * 10;
    const transfusion = bloodLoss >= 600 || rng.chance(0.05);
    const discharge = addDays(o.date, rng.int(o.los[0], o.los[1]));
    const [row] = await this.tx
      .insert(operations)
      .values({
        patientId: this.patientId,
        diagnosisId: o.diagnosisId,
        operationDate: o.date,
        urgency: o.urgency ?? 'elective',
        intent: o.intent ?? 'curative',
        approach: o.approach,
        convertedFrom: converted ? 'laparoscopic' : null,
        conversionReason: converted ? rng.pick(['adhesions', 'bleeding', 'oncological_extent', 'obesity_exposure']) : null,
        incisionLengthCm: converted ? rng.int(10, 18) : null,
        converted,
        lymphadenectomy: o.lymphadenectomy ?? null,
        surgeonId,
        assistantIds: assistants,
        anesthetistName: rng.pick(['沈丽华', '韩志刚', '陆晓燕', '钱国栋']),
        anesthesiaMethod: rng.pick(['1', '1', '4', '12']),
        operationLevel: o.level ?? 4,
        incisionClass: o.incisionClass ?? 'II',
        healingGrade: 'jia',
        startTime: start,
        endTime: end,
        durationMin: duration,
        bloodLossMl: bloodLoss,
        transfusion,
        rbcUnits: transfusion ? rng.pick([2, 2, 4, 6]) : null,
        plasmaMl: transfusion && rng.chance(0.5) ? rng.pick([200, 400, 600]) : null,
        anastomosis: o.anastomosis ?? 'none',
        anastomosisTechnique: o.anastomosis && o.anastomosis !== 'none' ? rng.pick(['stapled', 'stapled', 'mixed', 'hand_sewn']) : null,
        stoma: o.stoma?.type ?? 'none',
        stomaIntent: o.stoma?.intent ?? null,
        dischargeDate: discharge <= this.today ? discharge : null,
        postoperativeLosDays: discharge <= this.today ? postoperativeLengthOfStay(o.date, discharge) : null,
        ...this.stamp(),
      })
      .returning({ id: operations.id });
    const opId = row!.id;
    await this.tx
      .insert(operationProcedures)
      .values(o.procedures.map((code, position) => ({ operationId: opId, position, code, icd9cm3: procedureIcd9cm3(code, o.approach)! })));
    // Complications within the stay, graded with Clavien–Dindo; the CCI per window is computed and stored.
    const list: { date: string; grade: string }[] = [];
    const given = o.complications;
    if (given ? given.length > 0 : rng.chance(o.complicationRate)) {
      const n = given ? given.length : rng.chance(0.25) ? 2 : 1;
      for (let i = 0; i < n; i += 1) {
        const type = given ? given[i]!.type : rng.pick(o.complicationTypes);
        const grade = given ? given[i]!.grade : pickWeighted(rng, GRADES);
        const disability = !given && grade !== 'V' && rng.chance(0.08);
        const day = given ? given[i]!.day : rng.int(1, 20);
        const date = addDays(o.date, day);
        if (date > this.today) continue;
        list.push({ date, grade: `${grade}${disability ? 'd' : ''}` });
        await this.tx.insert(complications).values({
          operationId: opId,
          patientId: this.patientId,
          occurredOn: date,
          dayAfterOperation: day,
          type,
          isrecGrade:
            type === 'anastomotic_leak'
              ? grade === 'IIIb' || grade.startsWith('IV') || grade === 'V'
                ? 'C'
                : grade === 'IIIa' || grade === 'II'
                  ? 'B'
                  : 'A'
              : null,
          grade,
          disability,
          treatment: TREATMENT[grade] ?? null,
          ...this.stamp(),
        });
      }
    }
    if (list.length > 0) {
      const w30 = complicationIndexWithin({ operationDate: o.date, complications: list, days: 30 });
      const w90 = complicationIndexWithin({ operationDate: o.date, complications: list, days: 90 });
      await this.tx
        .update(operations)
        .set({
          cci30: w30.cci,
          cci90: w90.cci,
          highestClavienDindo30: w30.highest,
          complicationCount: list.length,
          ...(list.some((c) => c.grade.startsWith('I')) && o.incisionClass !== '0' && rng.chance(0.2) ? { healingGrade: 'yi' } : {}),
        })
        .where(eq(operations.id, opId));
    }
    return { id: opId, date: o.date };
  }

  async pathology(
    operation: { id: string; date: string },
    site: StagingSite,
    p: {
      t: string;
      examined: number;
      positive: number;
      deposits?: number;
      n?: string;
      m: string;
      grade?: 'G1' | 'G2' | 'G3';
      neoadjuvant?: boolean;
      margin?: 'R0' | 'R1' | 'R2';
      extra?: Record<string, string | boolean | null>;
    },
  ): Promise<void> {
    const counts = { examined: p.examined, positive: p.positive, tumorDeposits: p.deposits ?? 0 };
    const derived = nCategoryFromNodes(site, counts);
    const n = derived ?? p.n!;
    const classification = p.neoadjuvant ? 'yp' : 'p';
    const staged = stageAjcc8({ site, classification, t: p.t, n, m: p.m, ...(p.grade ? { grade: p.grade } : {}) });
    const lnSite = site === 'stomach' || site === 'colorectal' ? site : null;
    const extra = p.extra ?? {};
    const reportDate = addDays(operation.date, this.rng.int(5, 9));
    await this.tx.insert(pathologyReports).values({
      operationId: operation.id,
      reportDate: reportDate <= this.today ? reportDate : null,
      pathologyNo: `P${operation.date.slice(2, 4)}-${String(this.rng.int(1, 19999)).padStart(5, '0')}`,
      neoadjuvant: Boolean(p.neoadjuvant),
      classification,
      stagingSite: site,
      t: staged.categories.t,
      nodesExamined: p.examined,
      nodesPositive: p.positive,
      tumorDeposits: p.deposits ?? null,
      n: staged.categories.n,
      nDerived: derived !== null,
      m: staged.categories.m,
      grade: p.grade ?? null,
      pathologicalStage: staged.stage,
      stagingEdition: staged.edition,
      lymphNodesAdequate: lnSite ? lymphNodesAdequate({ site: lnSite, examined: p.examined }) : null,
      lymphNodeThreshold: lnSite ? DEFAULT_LYMPH_NODE_THRESHOLDS[lnSite] : null,
      margin: p.margin ?? (this.rng.chance(0.95) ? 'R0' : 'R1'),
      lvi: this.rng.chance(0.35),
      pni: this.rng.chance(0.3),
      tumorSizeMm: this.rng.int(12, 80),
      ...extra,
      ...(site === 'stomach'
        ? { her2Status: her2Status((extra.her2Ihc as '0' | null) ?? null, (extra.her2Ish as 'amplified' | null) ?? null) }
        : {}),
      ...this.stamp(),
    });
  }

  async peritoneal(
    operation: { id: string },
    diagnosis: { site: DiagnosisSite; pmOrigin: PmOrigin | null; psogiCategory: string | null },
    p: {
      regions: number[];
      timing: string;
      residualMm?: number | null;
      hipec?: {
        drugs: { drug: string; dose: number; doseBasis: HipecDoseBasis; fractions?: { share: number; atMinute: number }[] }[];
        carrier: string;
        carrierLPerM2?: number;
        carrierVolumeL?: number;
        durationMin: number;
        technique: 'open' | 'closed';
      };
    },
  ): Promise<void> {
    const pci = peritonealCancerIndex(p.regions);
    const indication = pciIndicationForDiagnosis(diagnosis);
    const elig = pciEligibility(pci.total, p.regions, { site: indication, policy: DEFAULT_PCI_POLICY });
    const cc = p.residualMm === undefined ? null : completenessOfCytoreduction(p.residualMm, { boundary: 'le' });
    const heightCm = this.rng.int(150, 180);
    const weightKg = this.rng.int(45, 80);
    const bsaM2 = bodySurfaceArea({ heightCm, weightKg });
    let hipec = null;
    if (p.hipec) {
      const h = p.hipec;
      const drugs = h.drugs.map((d) => {
        const r = hipecDose({
          drug: d.drug,
          dose: d.dose,
          doseBasis: d.doseBasis,
          bsaM2,
          ...(h.carrierLPerM2 ? { carrierLPerM2: h.carrierLPerM2 } : { carrierVolumeL: h.carrierVolumeL! }),
          ...(d.fractions ? { fractions: d.fractions } : {}),
        });
        return {
          drug: d.drug,
          dose: d.dose,
          doseBasis: d.doseBasis,
          totalDoseMg: r.totalDoseMg,
          volumeL: r.volumeL,
          concentrationMgPerL: r.concentrationMgPerL,
          fractions: [...r.fractions],
        };
      });
      const inflow = Math.round(this.rng.normal(42.8, 0.3, 42, 43.5) * 10) / 10;
      hipec = {
        timing: 'intraoperative-after-crs',
        technique: h.technique,
        carrier: h.carrier,
        carrierVolumeL: h.carrierVolumeL ?? null,
        carrierLPerM2: h.carrierLPerM2 ?? null,
        volumeL: drugs[0]?.volumeL ?? null,
        inflowTempC: inflow,
        outflowTempC: Math.round((inflow - this.rng.int(5, 12) / 10) * 10) / 10,
        durationMin: h.durationMin,
        flowMlMin: this.rng.pick([400, 450, 500, 600]),
        drugs,
      };
    }
    await this.tx.insert(peritonealAssessments).values({
      operationId: operation.id,
      pciRegions: p.regions,
      pciTiming: p.timing,
      pciTotal: pci.total,
      pciIndication: indication,
      pciEligible: elig.eligible,
      pciFlags: elig.flags.map((f) => ({ code: f.code, messageKey: f.messageKey, ...(f.params ? { params: { ...f.params } } : {}) })),
      pciPolicy: { ...DEFAULT_PCI_POLICY },
      residualMm: p.residualMm ?? null,
      cc,
      ccBoundary: cc ? 'le' : null,
      heightCm,
      weightKg,
      bsaM2,
      bsaFormula: 'mosteller',
      hipec,
      ...this.stamp(),
    });
  }

  /** 13 lesion-size scores adding up to about `target` (0–39). */
  regions(target: number, opts: { spareSmallBowel?: boolean } = {}): number[] {
    const r = Array.from({ length: 13 }, () => 0);
    const order = opts.spareSmallBowel ? [0, 1, 2, 3, 4, 5, 6, 7, 8] : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    let left = Math.min(39, Math.max(1, target));
    for (let guard = 0; left > 0 && guard < 200; guard += 1) {
      const i = this.rng.pick(order);
      if (r[i]! < 3) {
        r[i]! += 1;
        left -= 1;
      }
    }
    return r;
  }
}

const TREATMENT: Readonly<Record<string, string>> = {
  I: '对症处理，观察',
  II: '药物治疗（抗生素/补液）',
  IIIa: '介入穿刺引流',
  IIIb: '全麻下再次手术',
  IVa: '转 ICU 器官支持',
  IVb: '转 ICU 多器官支持',
  V: '抢救无效死亡',
};

const GASTRIC_COMPLICATIONS = [
  'anastomotic_leak',
  'duodenal_stump_leak',
  'ssi_superficial',
  'intra_abdominal_abscess',
  'bleeding_intraluminal',
  'pneumonia',
  'delayed_gastric_emptying',
  'ileus',
  'pancreatic_fistula',
  'pleural_effusion',
];
const COLORECTAL_COMPLICATIONS = [
  'anastomotic_leak',
  'ssi_superficial',
  'ssi_deep',
  'ileus',
  'urinary_retention',
  'urinary_tract_infection',
  'pneumonia',
  'stoma_complication',
  'bleeding_intraluminal',
  'venous_thromboembolism',
];
const CRS_COMPLICATIONS = [
  'anastomotic_leak',
  'intra_abdominal_abscess',
  'ileus',
  'pneumonia',
  'pleural_effusion',
  'myelosuppression',
  'bleeding_intra_abdominal',
  'acute_kidney_injury',
  'sepsis',
  'ssi_organ_space',
];

const MMC_DUTCH = {
  drug: 'mitomycin-c',
  dose: 35,
  doseBasis: 'mg/m2' as const,
  fractions: [
    { share: 0.5, atMinute: 0 },
    { share: 0.25, atMinute: 30 },
    { share: 0.25, atMinute: 60 },
  ],
};
const OXALIPLATIN_ELIAS = { drug: 'oxaliplatin', dose: 460, doseBasis: 'mg/m2' as const };

function approachFor(rng: Rng, open: number): OperationApproachCode {
  return pickWeighted(rng, [
    ['laparoscopic', 70 - open],
    ['robotic', 10],
    ['open', open],
    ['converted', 5],
  ]);
}

/** One patient's whole story of `kind`; `fixedOpDate` places its (main) operation on that day (ward stays). */
export async function seedCase(w: CaseWriter, kind: CaseKind, fixedOpDate?: string): Promise<void> {
  const rng = w.rng;
  const opDate = fixedOpDate ?? w.pastDate(21);
  const diagnosisDate = addDays(opDate, -rng.int(10, 40));
  const frail = rng.chance(0.2);
  switch (kind) {
    case 'gastric': {
      const t = pickWeighted(rng, [
        ['T1b', 10],
        ['T2', 15],
        ['T3', 33],
        ['T4a', 35],
        ['T4b', 7],
      ] as const);
      const maxPos = { T1b: 2, T2: 5, T3: 12, T4a: 20, T4b: 22 }[t];
      const positive = rng.chance(0.35) ? 0 : rng.int(1, maxPos);
      const examined = Math.max(positive + rng.int(5, 20), rng.chance(0.08) ? rng.int(10, 15) : rng.int(16, 45));
      const cN = positive === 0 ? 'N0' : gastricNCategory(Math.max(1, positive + rng.int(-2, 2))).replace(/N3[ab]/, 'N3');
      const cT = rng.chance(0.8) ? t.replace('T1b', 'T1') : t === 'T3' ? 'T4a' : t.replace('T1b', 'T1');
      const neo = (t === 'T4a' || t === 'T4b') && rng.chance(0.35);
      const dx = await w.diagnosis({
        site: 'stomach',
        icd10: rng.pick(['C16.0', 'C16.2', 'C16.3', 'C16.3', 'C16.3', 'C16.4', 'C16.5']),
        morphology: rng.pick(['8140/3', '8140/3', '8144/3', '8145/3', '8490/3']),
        date: neo ? addDays(diagnosisDate, -90) : diagnosisDate,
        clinical: { t: cT, n: cN, m: 'M0' },
      });
      await w.markers(addDays(diagnosisDate, 2), ['CEA', 'CA19-9', 'CA72-4'], positive > 2, { date: addDays(opDate, 35), raised: false });
      await w.performance(addDays(opDate, -2), frail);
      const total = rng.chance(0.35);
      const procedure = total ? 'gastrectomy_total_d2' : rng.chance(0.93) ? 'gastrectomy_distal_d2' : 'gastrectomy_proximal_d2';
      const approach = approachFor(rng, 25);
      const op = await w.operation({
        diagnosisId: dx.id,
        date: opDate,
        approach,
        procedures: [procedure],
        minutes: approach === 'open' ? [150, 260] : [180, 320],
        bloodLoss: approach === 'open' ? [100, 500] : [30, 250],
        lymphadenectomy: 'D2',
        anastomosis:
          procedure === 'gastrectomy_total_d2'
            ? 'esophagojejunal'
            : procedure === 'gastrectomy_proximal_d2'
              ? 'double_tract'
              : rng.pick(['billroth_i', 'billroth_ii', 'roux_en_y']),
        complicationRate: 0.25,
        complicationTypes: GASTRIC_COMPLICATIONS,
        los: [6, 14],
      });
      const pT = neo ? rng.pick(['T2', 'T3', 'T3', 'T4a']) : t;
      const her2Ihc = rng.pick(['0', '0', '1+', '1+', '2+', '3+']);
      await w.pathology(op, 'stomach', {
        t: pT,
        examined,
        positive: neo ? Math.floor(positive / 2) : positive,
        m: 'M0',
        grade: rng.pick(['G2', 'G3', 'G3']),
        neoadjuvant: neo,
        extra: {
          her2Ihc,
          her2Ish: her2Ihc === '2+' ? rng.pick(['amplified', 'not_amplified']) : null,
          mmr: rng.chance(0.9) ? 'pMMR' : 'dMMR',
          histology: '8140/3',
        },
      });
      return;
    }
    case 'colorectal':
    case 'rectal': {
      const rectum = kind === 'rectal';
      const icd10 = rectum ? 'C20' : rng.pick(['C18.0', 'C18.2', 'C18.3', 'C18.4', 'C18.5', 'C18.6', 'C18.7', 'C18.7', 'C18.7', 'C19']);
      const t = pickWeighted(rng, [
        ['T1', 6],
        ['T2', 14],
        ['T3', 50],
        ['T4a', 22],
        ['T4b', 8],
      ] as const);
      const positive = rng.chance(0.5) ? 0 : rng.int(1, t === 'T1' ? 2 : 12);
      const deposits = positive === 0 && rng.chance(0.08) ? rng.int(1, 3) : 0;
      const examined = Math.max(positive + rng.int(4, 15), rng.chance(0.1) ? rng.int(6, 11) : rng.int(12, 35));
      const m = rng.chance(0.08) ? 'M1a' : 'M0';
      const cN = positive === 0 ? 'N0' : positive <= 3 ? 'N1' : 'N2';
      const neo = rectum && (t === 'T3' || t === 'T4a' || t === 'T4b' || positive > 0) && rng.chance(0.55);
      const dx = await w.diagnosis({
        site: rectum ? 'rectum' : 'colon',
        icd10,
        morphology: rng.pick(['8140/3', '8140/3', '8140/3', '8480/3']),
        date: neo ? addDays(diagnosisDate, -100) : diagnosisDate,
        clinical: { t, n: cN, m },
      });
      await w.markers(addDays(diagnosisDate, 1), ['CEA', 'CA19-9'], positive > 0 || m !== 'M0', {
        date: addDays(opDate, 35),
        raised: m !== 'M0',
      });
      await w.performance(addDays(opDate, -1), frail);
      const apr = rectum && rng.chance(0.2);
      const segment: Record<string, [string, string]> = {
        'C18.0': ['right_hemicolectomy_cme', 'ileocolic'],
        'C18.2': ['right_hemicolectomy_cme', 'ileocolic'],
        'C18.3': ['right_hemicolectomy_cme', 'ileocolic'],
        'C18.4': ['transverse_colectomy', 'colocolic'],
        'C18.5': ['left_hemicolectomy_cme', 'colocolic'],
        'C18.6': ['left_hemicolectomy_cme', 'colocolic'],
        'C18.7': ['sigmoidectomy', 'colorectal'],
        C19: ['sigmoidectomy', 'colorectal'],
      };
      const [procedure, anastomosis] = rectum
        ? apr
          ? ['abdominoperineal_resection', 'none']
          : ['anterior_resection_tme', rng.chance(0.2) ? 'coloanal' : 'colorectal']
        : segment[icd10]!;
      const ileostomy = rectum && !apr && rng.chance(0.6);
      const approach = approachFor(rng, 20);
      const op = await w.operation({
        diagnosisId: dx.id,
        date: opDate,
        approach,
        procedures: [procedure, ...(ileostomy ? ['loop_ileostomy'] : []), ...(apr ? ['colostomy'] : [])],
        minutes: rectum ? [180, 330] : [120, 240],
        bloodLoss: approach === 'open' ? [80, 400] : [20, 200],
        lymphadenectomy: 'D3',
        anastomosis,
        stoma: apr ? { type: 'end_colostomy', intent: 'permanent' } : ileostomy ? { type: 'loop_ileostomy', intent: 'temporary' } : null,
        complicationRate: 0.22,
        complicationTypes: COLORECTAL_COMPLICATIONS,
        los: [5, 12],
      });
      await w.pathology(op, 'colorectal', {
        t: neo ? rng.pick(['T0', 'T1', 'T2', 'T3']) : t,
        examined,
        positive: neo ? Math.floor(positive / 2) : positive,
        deposits,
        m,
        grade: rng.pick(['G1', 'G2', 'G2', 'G3']),
        neoadjuvant: neo,
        extra: {
          kras: rng.chance(0.45) ? 'mutant' : 'wild_type',
          nras: rng.chance(0.05) ? 'mutant' : 'wild_type',
          braf: rng.chance(0.08) ? 'v600e' : 'wild_type',
          mmr: rng.chance(0.88) ? 'pMMR' : 'dMMR',
          msi: null,
          histology: '8140/3',
        },
      });
      return;
    }
    case 'anal': {
      const t = rng.pick(['T2', 'T3', 'T3', 'T4']);
      const n = rng.pick(['N0', 'N1a', 'N1a', 'N1b']);
      const dx = await w.diagnosis({
        site: 'anus',
        icd10: 'C21.1',
        morphology: '8070/3',
        date: addDays(diagnosisDate, -180),
        clinical: { t, n, m: 'M0' },
      });
      await w.markers(addDays(diagnosisDate, -175), ['CEA'], false);
      await w.performance(addDays(opDate, -1), frail);
      // Salvage abdominoperineal resection after chemoradiation (persistent or recurrent disease).
      const op = await w.operation({
        diagnosisId: dx.id,
        date: opDate,
        approach: rng.chance(0.5) ? 'open' : 'laparoscopic',
        procedures: ['abdominoperineal_resection', 'colostomy'],
        minutes: [200, 330],
        bloodLoss: [150, 600],
        anastomosis: 'none',
        stoma: { type: 'end_colostomy', intent: 'permanent' },
        incisionClass: 'III',
        complicationRate: 0.35,
        complicationTypes: ['ssi_deep', 'wound_dehiscence', 'urinary_retention', 'ssi_superficial', 'stoma_complication'],
        los: [8, 18],
      });
      const positive = n === 'N0' ? 0 : rng.int(1, 3);
      await w.pathology(op, 'anus', {
        t: rng.pick(['T1', 'T2', 'T3']),
        examined: rng.int(6, 15),
        positive,
        n: positive === 0 ? 'N0' : 'N1a',
        m: 'M0',
        neoadjuvant: true,
        grade: 'G2',
      });
      return;
    }
    case 'pmp': {
      const highGrade = rng.chance(0.3);
      const dx = await w.diagnosis({
        site: 'pseudomyxoma',
        icd10: 'C18.1',
        icd10Secondary: 'C78.6',
        morphology: highGrade ? '8480/3' : '8480/1',
        date: diagnosisDate,
        clinical: { t: highGrade ? 'T4a' : 'Tis(LAMN)', n: 'N0', m: 'M1b', grade: highGrade ? 'G2' : 'G1' },
        psogiCategory: highGrade ? rng.pick(['high-grade-mcp', 'high-grade-mcp', 'high-grade-mcp-signet']) : 'low-grade-mcp',
        appendicealLesion: highGrade ? 'mucinous-adenocarcinoma' : 'lamn',
      });
      await w.markers(addDays(diagnosisDate, 1), ['CEA', 'CA19-9', 'CA125'], true);
      await w.performance(addDays(opDate, -3), frail);
      const pci = rng.int(8, 36);
      const op = await w.operation({
        diagnosisId: dx.id,
        date: opDate,
        approach: 'open',
        procedures: [
          'crs',
          'greater_omentectomy_splenectomy',
          'right_upper_quadrant_peritonectomy',
          'pelvic_peritonectomy',
          rng.chance(0.6) ? 'right_hemicolectomy_appendix' : 'appendectomy',
          'hipec',
        ],
        minutes: [360, 620],
        bloodLoss: [300, 1800],
        anastomosis: 'ileocolic',
        complicationRate: 0.45,
        complicationTypes: CRS_COMPLICATIONS,
        los: [12, 28],
      });
      const residual = pci > 28 && rng.chance(0.5) ? rng.int(5, 40) : rng.chance(0.75) ? null : 2;
      await w.peritoneal(op, dx, {
        regions: w.regions(pci),
        timing: 'surgical-pre-crs',
        residualMm: residual,
        hipec: {
          drugs: [MMC_DUTCH],
          carrier: 'peritoneal-dialysis',
          carrierVolumeL: 4,
          durationMin: 90,
          technique: rng.chance(0.5) ? 'open' : 'closed',
        },
      });
      await w.pathology(op, 'appendix', {
        t: highGrade ? 'T4a' : 'Tis(LAMN)',
        examined: rng.int(12, 25),
        positive: 0,
        m: 'M1b',
        grade: highGrade ? 'G2' : 'G1',
        margin: residual === null ? 'R0' : 'R2',
      });
      return;
    }
    case 'colorectal_pm': {
      const icd10 = rng.pick(['C18.2', 'C18.4', 'C18.6', 'C18.7']);
      const dx = await w.diagnosis({
        site: 'colon',
        icd10,
        morphology: rng.pick(['8140/3', '8480/3']),
        date: diagnosisDate,
        clinical: { t: 'T4a', n: rng.pick(['N1', 'N2']), m: 'M1c' },
      });
      await w.markers(addDays(diagnosisDate, 1), ['CEA', 'CA19-9', 'CA125'], true);
      await w.performance(addDays(opDate, -2), frail);
      const pci = rng.int(3, 22);
      const resection =
        icd10 === 'C18.2'
          ? 'right_hemicolectomy_cme'
          : icd10 === 'C18.4'
            ? 'transverse_colectomy'
            : icd10 === 'C18.6'
              ? 'left_hemicolectomy_cme'
              : 'sigmoidectomy';
      const op = await w.operation({
        diagnosisId: dx.id,
        date: opDate,
        approach: 'open',
        procedures: ['crs', resection, 'greater_omentectomy_splenectomy', 'pelvic_peritonectomy', 'hipec'],
        minutes: [300, 540],
        bloodLoss: [200, 1200],
        anastomosis: icd10 === 'C18.2' ? 'ileocolic' : icd10 === 'C18.7' ? 'colorectal' : 'colocolic',
        complicationRate: 0.4,
        complicationTypes: CRS_COMPLICATIONS,
        los: [10, 24],
      });
      const oxali = rng.chance(0.4);
      await w.peritoneal(op, dx, {
        regions: w.regions(pci),
        timing: 'surgical-pre-crs',
        residualMm: rng.chance(0.85) ? null : 2,
        hipec: oxali
          ? { drugs: [OXALIPLATIN_ELIAS], carrier: 'dextrose-5', carrierLPerM2: 2, durationMin: 30, technique: 'open' }
          : { drugs: [MMC_DUTCH], carrier: 'saline', carrierVolumeL: 4, durationMin: 90, technique: 'open' },
      });
      const positive = rng.int(1, 9);
      await w.pathology(op, 'colorectal', {
        t: rng.pick(['T3', 'T4a', 'T4a', 'T4b']),
        examined: rng.int(14, 32),
        positive,
        m: 'M1c',
        grade: rng.pick(['G2', 'G3']),
        extra: {
          kras: rng.chance(0.5) ? 'mutant' : 'wild_type',
          nras: 'wild_type',
          braf: rng.chance(0.1) ? 'v600e' : 'wild_type',
          mmr: 'pMMR',
          msi: 'MSS',
          histology: '8140/3',
        },
      });
      return;
    }
    case 'gastric_pm': {
      const dx = await w.diagnosis({
        site: 'stomach',
        icd10: rng.pick(['C16.2', 'C16.3', 'C16.9']),
        morphology: rng.pick(['8490/3', '8145/3', '8140/3']),
        date: diagnosisDate,
        clinical: { t: 'T4a', n: rng.pick(['N1', 'N2', 'N3']), m: 'M1' },
      });
      await w.markers(addDays(diagnosisDate, 1), ['CEA', 'CA19-9', 'CA72-4', 'CA125'], true);
      await w.performance(addDays(diagnosisDate, 3), frail);
      // Staging laparoscopy with PCI first (routine for gastric PM, china-context §7.3).
      const lapDate = addDays(diagnosisDate, rng.int(5, 12));
      const pci = rng.int(2, 20);
      const lap = await w.operation({
        diagnosisId: dx.id,
        date: lapDate,
        approach: 'laparoscopic',
        intent: 'diagnostic',
        procedures: ['diagnostic_laparoscopy'],
        minutes: [30, 70],
        bloodLoss: [0, 20],
        level: 2,
        incisionClass: '0',
        complicationRate: 0.03,
        complicationTypes: ['ssi_superficial', 'ileus'],
        los: [1, 3],
      });
      await w.peritoneal(lap, dx, { regions: w.regions(pci, { spareSmallBowel: true }), timing: 'laparoscopic' });
      // After conversion therapy, CRS + gastrectomy + HIPEC for limited disease.
      if (pci <= 12 && rng.chance(0.6)) {
        const crsDate = addDays(lapDate, rng.int(90, 150));
        if (crsDate <= addDays(w.today, -14)) {
          const op = await w.operation({
            diagnosisId: dx.id,
            date: crsDate,
            approach: 'open',
            procedures: ['crs', 'gastrectomy_total_d2', 'greater_omentectomy_splenectomy', 'hipec'],
            minutes: [300, 480],
            bloodLoss: [200, 900],
            lymphadenectomy: 'D2',
            anastomosis: 'esophagojejunal',
            complicationRate: 0.4,
            complicationTypes: [...GASTRIC_COMPLICATIONS, 'myelosuppression'],
            los: [10, 22],
          });
          await w.peritoneal(op, dx, {
            regions: w.regions(Math.max(1, pci - rng.int(0, 4))),
            timing: 'surgical-pre-crs',
            residualMm: rng.chance(0.7) ? null : 2,
            hipec: {
              drugs: [{ drug: 'lobaplatin', dose: 50, doseBasis: 'mg/m2' }],
              carrier: 'saline',
              carrierVolumeL: 4,
              durationMin: 60,
              technique: 'closed',
            },
          });
          await w.pathology(op, 'stomach', {
            t: rng.pick(['T3', 'T4a']),
            examined: rng.int(18, 40),
            positive: rng.int(2, 14),
            m: 'M1',
            grade: 'G3',
            neoadjuvant: true,
            extra: { her2Ihc: '1+', mmr: 'pMMR' },
          });
        }
      }
      return;
    }
    case 'mesothelioma':
    case 'ovarian_pm': {
      const meso = kind === 'mesothelioma';
      const dx = await w.diagnosis(
        meso
          ? {
              site: 'mesothelioma',
              icd10: 'C45.1',
              morphology: '9052/3',
              date: diagnosisDate,
              clinical: null,
              whoCategory: 'diffuse-mesothelioma-epithelioid',
            }
          : {
              site: 'peritoneal_metastasis',
              icd10: 'C78.6',
              morphology: '8461/3',
              date: diagnosisDate,
              clinical: null,
              pmOrigin: 'ovarian',
            },
      );
      await w.markers(addDays(diagnosisDate, 1), ['CA125', 'CEA'], true);
      await w.performance(addDays(opDate, -2), frail);
      const op = await w.operation({
        diagnosisId: dx.id,
        date: opDate,
        approach: 'open',
        procedures: ['crs', 'greater_omentectomy_splenectomy', 'pelvic_peritonectomy', 'anterior_parietal_peritonectomy', 'hipec'],
        minutes: [300, 560],
        bloodLoss: [200, 1500],
        complicationRate: 0.4,
        complicationTypes: CRS_COMPLICATIONS,
        los: [10, 24],
      });
      await w.peritoneal(op, dx, {
        regions: w.regions(rng.int(6, 30)),
        timing: 'surgical-pre-crs',
        residualMm: rng.chance(0.7) ? null : rng.pick([2, 8]),
        hipec: {
          drugs: meso
            ? [
                { drug: 'cisplatin', dose: 50, doseBasis: 'mg/m2' },
                { drug: 'doxorubicin', dose: 15, doseBasis: 'mg/m2' },
              ]
            : [{ drug: 'cisplatin', dose: 75, doseBasis: 'mg/m2' }],
          carrier: 'saline',
          carrierVolumeL: 4,
          durationMin: 90,
          technique: 'closed',
        },
      });
      return;
    }
  }
}
