import { clinicalMessages } from '@gisurg/clinical';

/**
 * Server-side texts for error messages, in both languages. Keys are shared with the web app (which has
 * the same keys in its own catalogs); clinical rule texts come from @gisurg/clinical. Each feature keeps its
 * own catalog (`features/<f>/messages.ts`) and registers it through its `Feature` descriptor
 * (`features/index.ts` → `registerMessages`); this file holds the shell's texts only.
 */
export type Locale = 'zh-CN' | 'en';

/** A feature's texts in both languages. */
export type MessageCatalog = Record<Locale, Record<string, string>>;

const zh: Record<string, string> = {
  'errors.notFound': '未找到该记录',
  'errors.routeNotFound': '接口不存在',
  'errors.forbidden': '您没有执行此操作的权限',
  'errors.unauthenticated': '请先登录',
  'errors.sessionExpired': '登录已过期，请重新登录',
  'errors.validation': '输入有误，请检查标出的字段',
  'errors.badJson': '请求体不是有效的 JSON',
  'errors.unsupportedMediaType': '不支持的请求格式，请使用 application/json',
  'errors.payloadTooLarge': '请求内容过大',
  'errors.stale': '该记录已被他人修改（当前版本 {{currentVersion}}），请刷新后再保存',
  'errors.duplicate': '已存在相同的记录',
  'errors.duplicateField': '已存在相同的记录，请检查标出的字段',
  'validation.duplicate': '已有记录使用此值',
  'errors.invalidCredentials': '用户名或密码错误。连续失败多次的账户将被暂时锁定。',
  'errors.rateLimited': '尝试次数过多，请稍后再试',
  'errors.crossSite': '拒绝跨站请求',
  'errors.internal': '服务器内部错误，请将请求编号告知管理员：{{requestId}}',
  'errors.invalidState': '当前状态不允许此操作',
  'validation.required': '必填',
  'validation.password.policy': '密码至少 8 位，且包含大写字母、小写字母、数字、符号中的至少 3 类',
  'validation.idNumber.required': '请填写证件号码',
  'validation.idNumber.format': '身份证号格式不正确（应为 18 位，最后一位可为 X，或 15 位旧号码）',
  'validation.idNumber.province': '身份证号的地区码不存在',
  'validation.idNumber.birth_date': '身份证号中的出生日期无效',
  'validation.idNumber.future_birth_date': '身份证号中的出生日期晚于今天',
  'validation.idNumber.checksum': '身份证号校验位错误，请核对',
  'validation.idNumber.empty': '请填写身份证号',
  'validation.idNumber.birthDateMismatch': '出生日期与身份证号不一致（身份证号为 {{expected}}）',
  'validation.idNumber.sexMismatch': '性别与身份证号不一致（身份证号为{{expected}}）',
  'validation.date.invalid': '日期无效，格式应为 YYYY-MM-DD',
  'validation.datetime': '时间格式无效，应为 YYYY-MM-DDTHH:mm（本院时间）或带时区的 ISO 8601 时间',
  'validation.text.characters': '含有无法保存的字符（空字符或不完整的 Unicode 字符），请删除后重试',
  'validation.date.future': '日期不能晚于今天',
  'validation.date.tooEarly': '日期早于 {{min}}',
  'validation.username.format': '用户名只能包含小写字母、数字、点、下划线和连字符（3–32 位）',
  'validation.organization.unknown': '机构不存在',
  'validation.organization.notExternal': '来源机构必须是外院',
  'validation.role.homeOnly': '该角色只能属于本院',
  'validation.role.externalOnly': '外院医生必须属于外院机构',
  'validation.phone.format': '电话号码格式不正确',
  'validation.version.required': '请提供正在编辑的版本号 version',
  'sex.male': '男',
  'sex.female': '女',
  'sex.unknown': '未知',
  'validation.nesting': '嵌套层数过多',
  'validation.number.range': '数值超出允许范围',
  'errors.invalidInput': '输入的值无法保存（格式或范围不符），请检查后重试',
  'errors.attachmentDamaged': '附件文件已损坏或被改动（校验值不符），请联系管理员',
  'errors.separationOfDuties': '三员分立：角色、锁定和管理员账户由安全管理员处理',
  'errors.mfaPending': '请先输入动态验证码完成登录',
  'errors.mfaEnrolmentRequired': '您的角色必须启用双因素认证：请先绑定身份验证器',
  'errors.mfaLocked': '验证码错误次数过多，账户已暂时锁定，请稍后重新登录',
  'errors.mfaAlreadyEnrolled': '已启用双因素认证',
  'errors.mfaNoEnrolment': '尚未开始绑定身份验证器',
  'auth.mfa.invalidCode': '验证码不正确或已使用过',
  'auth.mfa.codeFormat': '请输入 6 位动态验证码或恢复码',
  'patients.breakGlass.reasonTooShort': '请说明理由（至少 10 个字）',
  'patients.breakGlass.notNeeded': '您本来就可以查看该患者，无需紧急访问',
};

const en: Record<string, string> = {
  'errors.notFound': 'Not found',
  'errors.routeNotFound': 'No such API route',
  'errors.forbidden': 'You do not have permission to do this',
  'errors.unauthenticated': 'Please sign in',
  'errors.sessionExpired': 'Your session has expired; please sign in again',
  'errors.validation': 'Some fields are invalid',
  'errors.badJson': 'The request body is not valid JSON',
  'errors.unsupportedMediaType': 'Unsupported request format; use application/json',
  'errors.payloadTooLarge': 'The request is too large',
  'errors.stale': 'This record was changed by someone else (current version {{currentVersion}}); reload and save again',
  'errors.duplicate': 'The same record already exists',
  'errors.duplicateField': 'The same record already exists; check the marked field',
  'validation.duplicate': 'Already used by another record',
  'errors.invalidCredentials': 'Wrong username or password. Accounts are locked for a while after repeated failures.',
  'errors.rateLimited': 'Too many attempts; please try again later',
  'errors.crossSite': 'Cross-site request refused',
  'errors.internal': 'Internal server error; give this request id to the administrator: {{requestId}}',
  'errors.invalidState': 'This action is not allowed in the current state',
  'validation.required': 'Required',
  'validation.password.policy': 'Passwords need at least 8 characters from at least 3 of: upper-case, lower-case, digits, symbols',
  'validation.idNumber.required': 'Enter the ID number',
  'validation.idNumber.format': 'Resident ID format is wrong (18 characters, the last may be X; or a 15-digit legacy number)',
  'validation.idNumber.province': 'The region code of the resident ID does not exist',
  'validation.idNumber.birth_date': 'The birth date inside the resident ID is not a real date',
  'validation.idNumber.future_birth_date': 'The birth date inside the resident ID is in the future',
  'validation.idNumber.checksum': 'The resident ID check digit is wrong; please check the number',
  'validation.idNumber.empty': 'Enter the resident ID number',
  'validation.idNumber.birthDateMismatch': 'Birth date does not match the resident ID (which says {{expected}})',
  'validation.idNumber.sexMismatch': 'Sex does not match the resident ID (which says {{expected}})',
  'validation.date.invalid': 'Invalid date; use YYYY-MM-DD',
  'validation.datetime': 'Invalid time: use YYYY-MM-DDTHH:mm (hospital time) or an ISO 8601 time with a zone',
  'validation.text.characters':
    'Contains characters that cannot be stored (a NUL or an incomplete Unicode character); remove them and retry',
  'validation.date.future': 'The date cannot be in the future',
  'validation.date.tooEarly': 'The date is before {{min}}',
  'validation.username.format': 'Usernames use lower-case letters, digits, dot, underscore and hyphen (3–32 characters)',
  'validation.organization.unknown': 'No such organization',
  'validation.organization.notExternal': 'The source organization must be an external hospital',
  'validation.role.homeOnly': 'This role belongs to the home hospital only',
  'validation.role.externalOnly': 'External doctors must belong to an external hospital',
  'validation.phone.format': 'Phone number format is wrong',
  'validation.version.required': 'Send the version you are editing',
  'sex.male': 'male',
  'sex.female': 'female',
  'sex.unknown': 'unknown',
  'validation.nesting': 'Nested too deeply',
  'validation.number.range': 'The number is out of range',
  'errors.invalidInput': 'A value cannot be stored (wrong format or out of range); check the input and retry',
  'errors.attachmentDamaged': 'The stored file is damaged or was altered (checksum mismatch); tell the administrator',
  'errors.separationOfDuties': "Separated duties: roles, lockouts and administrator accounts are the security administrator's",
  'errors.mfaPending': 'Enter the code from your authenticator to finish signing in',
  'errors.mfaEnrolmentRequired': 'Your role must use two-factor authentication: set up an authenticator first',
  'errors.mfaLocked': 'Too many wrong codes; the account is locked for a while. Sign in again later',
  'errors.mfaAlreadyEnrolled': 'Two-factor authentication is already on',
  'errors.mfaNoEnrolment': 'Authenticator set-up has not been started',
  'auth.mfa.invalidCode': 'The code is wrong or has already been used',
  'auth.mfa.codeFormat': 'Enter the 6-digit code or a recovery code',
  'patients.breakGlass.reasonTooShort': 'State the reason (at least 10 characters)',
  'patients.breakGlass.notNeeded': 'You can already see this patient; no emergency access is needed',
};

const catalogs: Record<Locale, Record<string, string>> = {
  'zh-CN': { ...clinicalMessages['zh-CN'], ...zh },
  en: { ...clinicalMessages.en, ...en },
};

/** Add a feature's catalog (called once per feature by `registerFeatures`); a key defined twice is a bug. */
export function registerMessages(catalog: MessageCatalog): void {
  for (const locale of ['zh-CN', 'en'] as const) {
    for (const [key, text] of Object.entries(catalog[locale])) {
      const existing = catalogs[locale][key];
      if (existing !== undefined && existing !== text) throw new Error(`message key defined twice with different texts: ${key}`);
      catalogs[locale][key] = text;
    }
  }
}

export function hasMessage(key: string): boolean {
  return key in catalogs['zh-CN'];
}

export function translate(locale: Locale, key: string, params?: Record<string, unknown>): string {
  const template = catalogs[locale][key] ?? catalogs.en[key] ?? key;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, name: string) => {
    const v = params?.[name];
    if (v === undefined || v === null) return '';
    if (typeof v === 'string' && locale === 'zh-CN' && (v === 'male' || v === 'female')) return zh[`sex.${v}`] ?? v;
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
  });
}

export const serverCatalogs = { 'zh-CN': zh, en };
