/** Server texts of the FHIR bulk export (merged into the FHIR feature's catalog, features/fhir/index.ts). */
export const fhirExportMessages: Record<'zh-CN' | 'en', Record<string, string>> = {
  'zh-CN': {
    'fhir.export.preferAsync': '批量导出需要请求头 Prefer: respond-async',
    'fhir.export.noTypes': '没有可导出的资源类型（权限或授权范围不足）',
    'fhir.export.failed': '批量导出失败，请重新发起',
    'fhir.export.tooMany': '进行中的批量导出过多，请等待完成或取消后再试',
    'fhir.export.accepted': '批量导出已受理；请轮询 Content-Location 中的状态地址',
    'validation.fhir.exportType': '_type 应为逗号分隔的资源类型：Patient、Condition、Observation、Procedure、Encounter',
    'validation.fhir.since': '_since 应为带时区的 FHIR instant，如 2026-11-01T00:00:00+08:00',
    'validation.fhir.outputFormat': '_outputFormat 仅支持 application/fhir+ndjson（或 application/ndjson、ndjson）',
    'validation.fhir.exportUnsupported': '不支持此批量导出参数',
  },
  en: {
    'fhir.export.preferAsync': 'A bulk export needs the header Prefer: respond-async',
    'fhir.export.noTypes': 'No resource type to export (permissions or scopes do not cover any)',
    'fhir.export.failed': 'The bulk export failed; start it again',
    'fhir.export.tooMany': 'Too many bulk exports in progress; wait for one to finish or cancel one',
    'fhir.export.accepted': 'Bulk export accepted; poll the status URL in Content-Location',
    'validation.fhir.exportType': '_type is a comma-separated list of Patient, Condition, Observation, Procedure, Encounter',
    'validation.fhir.since': '_since is a FHIR instant with a time zone, e.g. 2026-11-01T00:00:00+08:00',
    'validation.fhir.outputFormat': '_outputFormat supports application/fhir+ndjson (or application/ndjson, ndjson) only',
    'validation.fhir.exportUnsupported': 'This bulk export parameter is not supported',
  },
};
