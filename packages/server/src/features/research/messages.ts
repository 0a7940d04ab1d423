/** Server texts of the research feature (validation and errors). */
export const researchMessages: Record<'zh-CN' | 'en', Record<string, string>> = {
  'zh-CN': {
    'research.validation.period': '结束日期不能早于开始日期',
    'research.validation.piUser': '负责人须为本院用户',
    'research.validation.ethicsExpiry': '伦理批件有效期不能早于批准日期',
    'research.validation.doi': 'DOI 格式应为 10.xxxx/…',
    'research.validation.columns': '请至少选择一列',
    'research.validation.reason': '请说明导出含身份信息数据的理由（至少 10 个字）',
    'research.validation.future': '日期不能晚于今天',
    'research.validation.withdrawBeforeConsent': '撤回日期不能早于知情同意日期',
    'research.errors.alreadyEnrolled': '该患者已纳入本项目',
    'research.errors.alreadyWithdrawn': '该患者已撤回知情同意',
    'research.errors.noCohortQuery': '请先保存队列查询条件',
  },
  en: {
    'research.validation.period': 'The end date cannot be before the start date',
    'research.validation.piUser': 'The principal investigator must be a user of this hospital',
    'research.validation.ethicsExpiry': 'The ethics approval cannot expire before it was given',
    'research.validation.doi': 'A DOI looks like 10.xxxx/…',
    'research.validation.columns': 'Choose at least one column',
    'research.validation.reason': 'State why identified data must be exported (at least 10 characters)',
    'research.validation.future': 'The date cannot be after today',
    'research.validation.withdrawBeforeConsent': 'Consent cannot be withdrawn before it was obtained',
    'research.errors.alreadyEnrolled': 'The patient is already enrolled in this project',
    'research.errors.alreadyWithdrawn': 'The patient has already withdrawn consent',
    'research.errors.noCohortQuery': 'Save the cohort query first',
  },
};
