/** Server texts of the FHIR facade (registered through its Feature descriptor). */
export const fhirMessages: Record<'zh-CN' | 'en', Record<string, string>> = {
  'zh-CN': {
    'fhir.validation.patientRequired': '请用 patient 参数指定患者（如 patient=Patient/<id>）',
    'fhir.errors.notSupported': '不支持该 FHIR 交互或资源类型',
    'validation.fhir.id': 'FHIR 资源 id 格式无效',
    'validation.fhir.date': '日期参数格式应为 [eq|ge|gt|le|lt]YYYY-MM-DD',
    'validation.fhir.count': '_count 应在 0 到 200 之间',
    'validation.fhir.grantType': 'grant_type 应为 client_credentials',
    'fhir.errors.scope': '该 API 客户端的授权范围不包括此操作（需要 {{scope}}）',
  },
  en: {
    'fhir.validation.patientRequired': 'Name the patient with the patient parameter (e.g. patient=Patient/<id>)',
    'fhir.errors.notSupported': 'This FHIR interaction or resource type is not supported',
    'validation.fhir.id': 'Invalid FHIR resource id',
    'validation.fhir.date': 'A date parameter is [eq|ge|gt|le|lt]YYYY-MM-DD',
    'validation.fhir.count': '_count must be between 0 and 200',
    'validation.fhir.grantType': 'grant_type must be client_credentials',
    'fhir.errors.scope': 'The API client’s scopes do not cover this (needs {{scope}})',
  },
};
