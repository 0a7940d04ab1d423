/**
 * Texts for every messageKey the statistics functions throw (ClinicalInputError), in Chinese and
 * English. Parameters use i18next interpolation ({{name}}). A test checks that every key used in
 * ./*.ts has both texts and that both texts use the same parameters.
 */
export const statsMessages: { 'zh-CN': Record<string, string>; en: Record<string, string> } = {
  'zh-CN': {
    'stats.input.notArray': '{{field}} 必须是数值列表',
    'stats.input.empty': '没有观测数据：{{field}} 为空',
    'stats.input.lengthMismatch': '{{field}} 有 {{actual}} 个值，应为 {{expected}} 个（与生存时间一一对应）',
    'stats.input.notFinite': '{{field}} 必须是有限数值',
    'stats.input.negativeTime': '生存时间不能为负数（{{field}}）',
    'stats.input.notBinary': '{{field}} 只能取 0 或 1',
    'stats.input.invalidGroup': '分组值 {{field}} 必须是文本或有限数值',
    'stats.option.outOfRange': '{{field}} 必须在 {{min}} 与 {{max}} 之间',
    'stats.option.unknown': '{{field}} 的取值无效，可选：{{allowed}}',
    'stats.logRank.singleGroup': 'Log-rank 检验至少需要两个组，当前只有一个组',
    'stats.logRank.noEvents': '没有发生任何事件，无法进行 log-rank 检验',
    'stats.logRank.notEstimable': '在发生事件的时间点上有风险人群的组少于两个，无法进行 log-rank 检验',
    'stats.cox.noCovariates': 'Cox 回归至少需要一个协变量',
    'stats.cox.noEvents': '没有发生任何事件，无法拟合 Cox 模型',
    'stats.cox.collinear': '协变量 {{covariates}} 不提供信息：取值恒定或与其他协变量共线（信息矩阵奇异），请删除或合并',
    'stats.cox.notConverged': 'Cox 模型在 {{iterations}} 次迭代后仍未收敛',
    'stats.cox.infiniteCoefficient': 'Cox 模型的协变量 {{covariates}} 系数趋于无穷（完全分离：该变量完全区分了事件的先后），结果不可用',
    'stats.dummy.unknownReference': '参照水平 {{reference}} 不在数据中',
    'stats.dummy.singleLevel': '分类变量只有一个水平，无法生成哑变量',
    'stats.dummy.duplicateName': '哑变量名称 {{name}} 重复（不同水平的文本相同）',
    'stats.cusum.p1NotAboveP0': '不可接受失败率 p1 必须大于可接受失败率 p0',
    'stats.cusum.oddsRatioOne': '要检测的比值比不能等于 1',
  },
  en: {
    'stats.input.notArray': '{{field}} must be a list of numbers',
    'stats.input.empty': 'No observations: {{field}} is empty',
    'stats.input.lengthMismatch': '{{field}} has {{actual}} values; {{expected}} expected (one per survival time)',
    'stats.input.notFinite': '{{field}} must be a finite number',
    'stats.input.negativeTime': 'Survival time must not be negative ({{field}})',
    'stats.input.notBinary': '{{field}} must be 0 or 1',
    'stats.input.invalidGroup': 'Group value {{field}} must be a text or a finite number',
    'stats.option.outOfRange': '{{field}} must be between {{min}} and {{max}}',
    'stats.option.unknown': 'Invalid value for {{field}}; allowed: {{allowed}}',
    'stats.logRank.singleGroup': 'The log-rank test needs at least two groups; only one was given',
    'stats.logRank.noEvents': 'No events occurred, so the log-rank test cannot be computed',
    'stats.logRank.notEstimable': 'Fewer than two groups have patients at risk at the event times, so the log-rank test cannot be computed',
    'stats.cox.noCovariates': 'The Cox model needs at least one covariate',
    'stats.cox.noEvents': 'No events occurred, so the Cox model cannot be fitted',
    'stats.cox.collinear':
      'Covariate(s) {{covariates}} carry no information: constant, or collinear with the others (singular information matrix); remove or merge them',
    'stats.cox.notConverged': 'The Cox model did not converge in {{iterations}} iterations',
    'stats.cox.infiniteCoefficient':
      'The coefficient of {{covariates}} tends to infinity (complete separation: the covariate orders the events perfectly); the model is not usable',
    'stats.dummy.unknownReference': 'The reference level {{reference}} does not occur in the data',
    'stats.dummy.singleLevel': 'The categorical variable has only one level; no dummy variables can be made',
    'stats.dummy.duplicateName': 'Dummy variable name {{name}} occurs twice (two levels print the same)',
    'stats.cusum.p1NotAboveP0': 'The unacceptable failure rate p1 must be greater than the acceptable rate p0',
    'stats.cusum.oddsRatioOne': 'The odds ratio to detect must not be 1',
  },
};
