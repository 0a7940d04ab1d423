import type { CapabilityStatement, CapabilityStatementRestResource } from '@medplum/fhirtypes';
import { FHIR_INCLUDES, FHIR_PROFILES as P, FHIR_REVINCLUDES } from '@gisurg/contracts/fhir';

const common = [
  { name: '_id', type: 'token' as const, documentation: 'Resource id' },
  { name: '_lastUpdated', type: 'date' as const, documentation: 'Day of the last change (eq, ge, gt, le, lt), hospital time zone' },
  { name: '_count', type: 'number' as const, documentation: 'Page size, 0–200 (default 20); pages via _page in the links' },
];
const clinical = [
  { name: 'patient', type: 'reference' as const, documentation: 'Required: Patient/<id> or <id>' },
  { name: 'subject', type: 'reference' as const, documentation: 'Same as patient' },
  { name: 'code', type: 'token' as const, documentation: 'system|code, |code or code' },
  { name: 'date', type: 'date' as const, documentation: 'Clinical date (recorded, effective, performed, period start)' },
  ...common,
];

function clinicalResource(
  type: CapabilityStatementRestResource['type'],
  profiles: string[],
  searchParam: CapabilityStatementRestResource['searchParam'] = clinical,
): CapabilityStatementRestResource {
  return {
    type,
    supportedProfile: profiles,
    interaction: [{ code: 'read' }, { code: 'search-type' }],
    searchParam,
    searchInclude: FHIR_INCLUDES.filter((i) => i.startsWith(`${type}:`)),
  };
}

/** Bulk Data `$export` (export/routes.ts): system, Patient and Group level (a Group is a tumor-board meeting). */
const BULK = 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition';
const systemExport = [{ name: 'export', definition: `${BULK}/export`, documentation: 'Bulk Data export (NDJSON), docs/fhir.md' }];
const patientExport = [{ name: 'export', definition: `${BULK}/patient-export` }];
const groupResource: CapabilityStatementRestResource = {
  type: 'Group',
  documentation: 'A tumor-board (MDT) meeting: its cases’ patients. Only $export (no read or search).',
  operation: [{ name: 'export', definition: `${BULK}/group-export` }],
};

/** The CapabilityStatement: exactly the interactions and parameters the routes serve (routes.ts). */
export function capabilityStatement(base: string, date: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date,
    kind: 'instance',
    software: { name: 'GISurg', version: '0.1.0' },
    implementation: { description: 'GISurg FHIR R4 facade (read-only, mCODE STU4 profiles)', url: base },
    fhirVersion: '4.0.1',
    instantiates: ['http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data'],
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        documentation: 'docs/fhir.md. Authentication: the GISurg session cookie, or a Bearer token of an API client.',
        security: {
          cors: false,
          extension: [
            {
              url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
              extension: [{ url: 'token', valueUri: `${base}/auth/token` }],
            },
          ],
          service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }] }],
          description:
            'Session cookie of a signed-in GISurg user, or `Authorization: Bearer` with a token from the client_credentials ' +
            'token endpoint (client id + secret issued by an administrator; scopes system/<Type>.rs). Every read is audited.',
        },
        interaction: [
          {
            code: 'transaction',
            documentation:
              'Import of Patient, Condition, Observation (TNM, pTNM, markers, ECOG/KPS, PCI, CC), Procedure (with HIPEC), finished Encounter and follow-up CarePlan, all or nothing (docs/fhir.md)',
          },
          { code: 'batch', documentation: 'The same import, each entry in its own transaction; batch-response per entry' },
        ],
        operation: systemExport,
        resource: [
          {
            type: 'Patient',
            profile: 'http://hl7.org/fhir/StructureDefinition/Patient',
            supportedProfile: [P.cancerPatient],
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            searchParam: [
              { name: 'name', type: 'string', documentation: 'Name characters, full pinyin or initials (prefix)' },
              { name: 'identifier', type: 'token', documentation: 'system|value: 住院号, or the ID number for callers who may read it' },
              { name: 'birthdate', type: 'date' },
              ...common,
            ],
            searchRevInclude: FHIR_REVINCLUDES,
            operation: [{ name: 'everything', definition: 'http://hl7.org/fhir/OperationDefinition/Patient-everything' }, ...patientExport],
          },
          clinicalResource('Condition', [P.primaryCancerCondition, P.secondaryCancerCondition]),
          clinicalResource('Observation', [
            P.tnmStageGroup,
            P.tnmPrimaryTumor,
            P.tnmRegionalNodes,
            P.tnmDistantMetastases,
            P.tumorMarkerTest,
            P.ecog,
            P.karnofsky,
            P.pci,
            P.ccScore,
          ]),
          clinicalResource('Procedure', [P.cancerSurgery, P.hipec]),
          clinicalResource('Encounter', [P.stay]),
          clinicalResource(
            'CarePlan',
            [P.tumorBoardCarePlan, P.followUpCarePlan],
            [
              ...clinical.filter((p) => p.name !== 'code'),
              { name: 'category', type: 'token', documentation: 'tumor-board-recommendation or follow-up-plan (system|code or code)' },
            ],
          ),
          {
            type: 'AuditEvent',
            supportedProfile: [P.patientRecordAccess],
            documentation: 'Who accessed which patient record; audit readers and clients with system/AuditEvent.rs only',
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            searchParam: [
              { name: 'patient', type: 'reference', documentation: 'Patient/<id> or <id>' },
              { name: 'agent', type: 'reference', documentation: 'User id or API client id (system|value)' },
              { name: 'entity', type: 'reference', documentation: '<Type>/<id> of what was accessed' },
              { name: 'action', type: 'token', documentation: 'C, R, U, D or E' },
              { name: 'date', type: 'date', documentation: 'Day of the access (eq, ge, gt, le, lt), hospital time zone' },
              { name: '_id', type: 'token' },
              { name: '_count', type: 'number' },
            ],
          },
          groupResource,
        ],
      },
    ],
  };
}
