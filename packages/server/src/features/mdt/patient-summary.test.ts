import { describe, expect, it } from 'vitest';
import { patientSummaryZh } from './patient-summary.js';

describe('plain-language summary for the patient', () => {
  const base = {
    tumorGroup: 'gastric' as const,
    meetingDate: '2026-12-01',
    specialties: ['surgery', 'medical_oncology', 'radiology'],
    responsibleName: '王立强',
  };

  it('says who discussed it, the goal, each step with its date, and whom to ask', () => {
    const text = patientSummaryZh({
      ...base,
      intent: 'curative',
      items: [
        { kind: 'chemotherapy', dueDate: '2026-12-20', timing: 'neoadjuvant' },
        { kind: 'surgery', dueDate: '2027-03-01', approach: 'laparoscopic' },
      ],
    });
    expect(text).toContain('2026年12月1日，我院胃肿瘤多学科会诊（MDT）团队的来自3个专业的专家');
    expect(text).toContain('治疗以根治为目标');
    expect(text).toContain('1. 手术前化学药物治疗（化疗），计划在2026年12月20日前完成。');
    expect(text).toContain('2. 腹腔镜微创手术治疗，计划在2027年3月1日前完成。');
    expect(text).toContain('负责落实以上安排的是王立强医生。');
  });

  it('explains CRS+HIPEC and trials without jargon, and names no doctor when none is set', () => {
    const text = patientSummaryZh({
      ...base,
      specialties: [],
      responsibleName: null,
      tumorGroup: 'peritoneal',
      intent: 'palliative',
      items: [
        { kind: 'crs_hipec', dueDate: '2026-12-20' },
        { kind: 'trial', dueDate: '2026-12-31' },
      ],
    });
    expect(text).toContain('腹膜肿瘤');
    expect(text).toContain('再在腹腔内灌注加热的化疗药物');
    expect(text).toContain('是否参加由您自愿决定');
    expect(text).toContain('请与您的主管医生联系');
    expect(text).not.toMatch(/HIPEC|CRS/);
  });
});
