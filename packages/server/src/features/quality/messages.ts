/** Server texts of the quality feature (validation messages of its query strings and settings). */
export const qualityMessages: Record<'zh-CN' | 'en', Record<string, string>> = {
  'zh-CN': {
    'quality.validation.period': '结束日期不能早于开始日期',
    'quality.validation.periodTooLong': '趋势的统计期间不能超过 5 年',
    'quality.validation.year': '请填写 1990–2100 之间的年份',
    'quality.validation.baseline': '历史基数应为 0–1000000 的整数',
    'quality.validation.reason': '该指标没有这一缺失数据分组',
  },
  en: {
    'quality.validation.period': 'The end date cannot be before the start date',
    'quality.validation.periodTooLong': 'A trend covers at most 5 years',
    'quality.validation.year': 'Give a year between 1990 and 2100',
    'quality.validation.baseline': 'The historic baseline is a whole number from 0 to 1,000,000',
    'quality.validation.reason': 'This indicator has no such missing-data group',
  },
};
