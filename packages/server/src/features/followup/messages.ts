/** Server texts of the follow-up feature (registered through its Feature descriptor). */
export const followUpMessages: Record<'zh-CN' | 'en', Record<string, string>> = {
  'zh-CN': {
    'followup.validation.future': '日期不能晚于今天',
    'followup.validation.tooOld': '日期过早',
    'followup.validation.beforeBirth': '日期不能早于出生日期',
    'followup.validation.deathOnlyWhenDead': '仅在状态为“死亡”时填写死亡信息',
    'followup.validation.deathRequired': '状态为“死亡”时请填写死亡日期和原因',
    'followup.validation.deathAfterContact': '死亡日期不能晚于随访日期',
    'followup.validation.recurrenceAfterContact': '复发日期不能晚于随访日期',
    'followup.validation.reason': '请填写调整原因（至少2个字）',
    'followup.validation.guidelineSite': '所选指南不适用于该肿瘤部位',
    'followup.validation.notCovered': '所选指南不覆盖该分期',
    'followup.errors.alertHandled': '该预警已处理',
  },
  en: {
    'followup.validation.future': 'The date cannot be after today',
    'followup.validation.tooOld': 'The date is too early',
    'followup.validation.beforeBirth': 'The date cannot be before the date of birth',
    'followup.validation.deathOnlyWhenDead': 'Give death details only when the status is "dead"',
    'followup.validation.deathRequired': 'Give the date and cause of death when the status is "dead"',
    'followup.validation.deathAfterContact': 'The date of death cannot be after the contact date',
    'followup.validation.recurrenceAfterContact': 'The date of recurrence cannot be after the contact date',
    'followup.validation.reason': 'Give a reason for the change (at least 2 characters)',
    'followup.validation.guidelineSite': 'This guideline does not apply to the tumour site',
    'followup.validation.notCovered': 'This guideline does not cover the stage',
    'followup.errors.alertHandled': 'This alert has already been handled',
  },
};
