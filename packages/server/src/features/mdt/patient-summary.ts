import type { CaseSummaryDto, RecommendationDto } from '@gisurg/contracts/mdt';

/**
 * A plain-language summary of the board's recommendation for the patient, in Chinese (issue 7): no
 * abbreviations without explanation, what happens next and by when, and whom to ask. Generated when the
 * recommendation is recorded; the coordinator may edit it.
 */
type Kind = RecommendationDto['items'][number]['kind'];

const GROUP: Record<CaseSummaryDto['meeting']['tumorGroup'], string> = {
  gastric: '胃肿瘤',
  colorectal: '结直肠及肛管肿瘤',
  peritoneal: '腹膜肿瘤',
};

const PLAIN: Record<Kind, string> = {
  surgery: '手术治疗',
  crs_hipec: '肿瘤细胞减灭术加腹腔热灌注化疗（先通过手术尽可能切除腹腔内肿瘤，再在腹腔内灌注加热的化疗药物）',
  chemotherapy: '化学药物治疗（化疗）',
  radiotherapy: '放射治疗（放疗）',
  imaging: '进一步的影像检查（如 CT、磁共振）',
  biopsy: '活检（取少量组织做病理化验，明确诊断）',
  trial: '参加临床研究（是否参加由您自愿决定，需要签署知情同意书）',
  supportive: '最佳支持治疗（以缓解症状、改善生活质量为主）',
  follow_up: '定期复查随访',
};

const APPROACH: Record<string, string> = { open: '开腹', laparoscopic: '腹腔镜微创', robotic: '机器人辅助', endoscopic: '内镜' };
const TIMING: Record<string, string> = {
  neoadjuvant: '手术前',
  adjuvant: '手术后',
  perioperative: '手术前后',
  conversion: '转化',
  palliative: '姑息',
  definitive: '根治性',
};

function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

export interface PatientSummaryInput {
  tumorGroup: CaseSummaryDto['meeting']['tumorGroup'];
  meetingDate: string;
  specialties: string[];
  intent: RecommendationDto['intent'];
  items: { kind: Kind; dueDate: string; approach?: string | null; timing?: string | null; requiresAdmission?: boolean }[];
  responsibleName: string | null;
}

export function patientSummaryZh(input: PatientSummaryInput): string {
  const experts = input.specialties.length >= 2 ? `来自${input.specialties.length}个专业的专家` : '多学科专家';
  const goal =
    input.intent === 'curative'
      ? '专家们认为您的病有争取治愈的机会，治疗以根治为目标。'
      : '专家们建议以控制病情、缓解症状、提高生活质量为治疗目标。';
  const steps = input.items.map((it, i) => {
    const how = [it.timing ? TIMING[it.timing] : null, it.approach ? APPROACH[it.approach] : null].filter(Boolean).join('');
    const what =
      how && (it.kind === 'surgery' || it.kind === 'chemotherapy' || it.kind === 'radiotherapy')
        ? `${how}${PLAIN[it.kind]}`
        : PLAIN[it.kind];
    const stay = it.requiresAdmission ? '，需要住院进行' : '';
    return `${i + 1}. ${what}${stay}，计划在${chineseDate(it.dueDate)}前完成。`;
  });
  const contact = input.responsibleName ? `负责落实以上安排的是${input.responsibleName}医生。` : '请与您的主管医生联系，落实以上安排。';
  return [
    `${chineseDate(input.meetingDate)}，我院${GROUP[input.tumorGroup]}多学科会诊（MDT）团队的${experts}一起讨论了您的病情。`,
    goal,
    '接下来的安排：',
    ...steps,
    contact,
    '如果您有任何疑问，或因身体、家庭等原因不能按时完成，请及时告诉医生，我们会和您一起调整方案。',
  ].join('\n');
}
