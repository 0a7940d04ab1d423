/** Texts for every ClinicalInputError messageKey, in zh-CN and en (i18next `{{param}}` interpolation). */
export const clinicalMessages: { 'zh-CN': Record<string, string>; en: Record<string, string> } = {
  'zh-CN': {
    'clinical.residentId.format': '身份证号格式不正确',
    'clinical.residentId.birthDate': '出生日期格式应为 YYYY-MM-DD',
  },
  en: {
    'clinical.residentId.format': 'Resident ID format is wrong',
    'clinical.residentId.birthDate': 'Birth date must be YYYY-MM-DD',
  },
};
