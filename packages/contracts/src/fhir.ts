import { z } from 'zod';
import { isRealIsoDate } from './dates.js';
import { text } from './common.js';

/**
 * The FHIR R4 facade's contract (issue 13): the identifier systems, code systems and profiles GISurg uses
 * (documented in docs/fhir.md) and the search parameters each resource accepts. Resources themselves are
 * FHIR R4 JSON (types from @medplum/fhirtypes); they are validated against the R4 base definitions in the
 * tests with a real validator (@medplum/core validateResource), not by a zod shape.
 */

/** Base of every GISurg-defined URI (identifier systems, code systems, local profiles and extensions). */
export const GISURG_FHIR_BASE = 'https://gisurg.org/fhir';

export const FHIR_SYSTEMS = {
  /** 住院号 (inpatient number) of the keeping hospital. */
  inpatientNo: `${GISURG_FHIR_BASE}/sid/inpatient-no`,
  /** 居民身份证号码 (PRC resident identity card number), 18 characters. */
  residentId: `${GISURG_FHIR_BASE}/sid/resident-id`,
  passport: `${GISURG_FHIR_BASE}/sid/passport`,
  otherId: `${GISURG_FHIR_BASE}/sid/other-id`,
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  icdO3: 'http://terminology.hl7.org/CodeSystem/icd-o-3',
  icd9cm: 'http://hl7.org/fhir/sid/icd-9-cm',
  snomed: 'http://snomed.info/sct',
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
  ajcc: 'http://cancerstaging.org',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  interpretation: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  identifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  /** GISurg observation codes (PCI, PCI regions, CC score). */
  gisurgObservation: `${GISURG_FHIR_BASE}/CodeSystem/observation`,
  /** GISurg diagnosis site (packages/clinical DIAGNOSIS_SITES). */
  gisurgDiagnosisSite: `${GISURG_FHIR_BASE}/CodeSystem/diagnosis-site`,
  /** GISurg curated operation list (packages/clinical PROCEDURES). */
  gisurgProcedure: `${GISURG_FHIR_BASE}/CodeSystem/procedure`,
  /** Operation approach: laparoscopic, robotic, open, converted. */
  gisurgApproach: `${GISURG_FHIR_BASE}/CodeSystem/operation-approach`,
  /** CC-0 … CC-3 (Sugarbaker completeness of cytoreduction). */
  gisurgCcScore: `${GISURG_FHIR_BASE}/CodeSystem/cc-score`,
  /** HIPEC drugs as recorded (packages/clinical HIPEC_DRUG_OPTIONS). */
  gisurgHipecDrug: `${GISURG_FHIR_BASE}/CodeSystem/hipec-drug`,
  /** 入院途径 of a stay (ward admissions.source: emergency, outpatient, transfer_in, other). */
  gisurgAdmissionSource: `${GISURG_FHIR_BASE}/CodeSystem/admission-source`,
  /** 离院方式 of a stay (ward admissions.disposition: order, transfer_hospital, transfer_community, against_advice, death, other). */
  gisurgDischargeDisposition: `${GISURG_FHIR_BASE}/CodeSystem/discharge-disposition`,
  /** OperationOutcome detail codes: the API's error codes (NOT_FOUND, VALIDATION …). */
  gisurgError: `${GISURG_FHIR_BASE}/CodeSystem/error`,
  /** US Core CarePlan category (`assess-plan`). */
  usCoreCarePlanCategory: 'http://hl7.org/fhir/us/core/CodeSystem/careplan-category',
  /** GISurg CarePlan kinds: `tumor-board-recommendation`, `follow-up-plan`. */
  gisurgCarePlanCategory: `${GISURG_FHIR_BASE}/CodeSystem/careplan-category`,
  /** Plan item kinds of a tumor-board recommendation (contracts PLAN_ITEM_KINDS: surgery, crs_hipec …). */
  gisurgMdtPlanItem: `${GISURG_FHIR_BASE}/CodeSystem/mdt-plan-item`,
  /** Follow-up item kinds (packages/clinical FOLLOW_UP_KINDS: visit, cea, ct …). */
  gisurgFollowUpItem: `${GISURG_FHIR_BASE}/CodeSystem/follow-up-item`,
  /** A tumor board meeting (its GISurg id), the author of a recommendation. */
  gisurgMdtMeeting: `${GISURG_FHIR_BASE}/sid/mdt-meeting`,
  /** GISurg user accounts (user id) and API clients (client id), agents of AuditEvents. */
  gisurgUser: `${GISURG_FHIR_BASE}/sid/user`,
  gisurgApiClient: `${GISURG_FHIR_BASE}/sid/api-client`,
  /** GISurg roles (department_head, surgeon …, api_client). */
  gisurgRole: `${GISURG_FHIR_BASE}/CodeSystem/role`,
  /** GISurg audit actions (`fhir.read`, `patient.update` …), the AuditEvent subtype. */
  gisurgAuditAction: `${GISURG_FHIR_BASE}/CodeSystem/audit-action`,
  /** A GISurg record that is not a FHIR resource: `<resource type>/<id>` as in the audit log. */
  gisurgRecord: `${GISURG_FHIR_BASE}/sid/record`,
  auditEventType: 'http://terminology.hl7.org/CodeSystem/audit-event-type',
  auditEntityType: 'http://terminology.hl7.org/CodeSystem/audit-entity-type',
  objectRole: 'http://terminology.hl7.org/CodeSystem/object-role',
  securitySourceType: 'http://terminology.hl7.org/CodeSystem/security-source-type',
  dicom: 'http://dicom.nema.org/resources/ontology/DCM',
} as const;

const MCODE = 'http://hl7.org/fhir/us/mcode/StructureDefinition';
const LOCAL = `${GISURG_FHIR_BASE}/StructureDefinition`;

export const FHIR_PROFILES = {
  cancerPatient: `${MCODE}/mcode-cancer-patient`,
  primaryCancerCondition: `${MCODE}/mcode-primary-cancer-condition`,
  secondaryCancerCondition: `${MCODE}/mcode-secondary-cancer-condition`,
  tnmStageGroup: `${MCODE}/mcode-tnm-stage-group`,
  tnmPrimaryTumor: `${MCODE}/mcode-tnm-primary-tumor-category`,
  tnmRegionalNodes: `${MCODE}/mcode-tnm-regional-nodes-category`,
  tnmDistantMetastases: `${MCODE}/mcode-tnm-distant-metastases-category`,
  tumorMarkerTest: `${MCODE}/mcode-tumor-marker-test`,
  ecog: `${MCODE}/mcode-ecog-performance-status`,
  karnofsky: `${MCODE}/mcode-karnofsky-performance-status`,
  cancerSurgery: `${MCODE}/mcode-cancer-related-surgical-procedure`,
  /** Local profiles (mCODE has none for these; clinical-rules.md §10). */
  pci: `${LOCAL}/gisurg-peritoneal-cancer-index`,
  ccScore: `${LOCAL}/gisurg-completeness-of-cytoreduction`,
  hipec: `${LOCAL}/gisurg-hipec-procedure`,
  stay: `${LOCAL}/gisurg-inpatient-stay`,
  /** Local CarePlan profiles (mCODE has no CarePlan profile; US Core CarePlan guidance: category assess-plan, text). */
  tumorBoardCarePlan: `${LOCAL}/gisurg-tumor-board-careplan`,
  followUpCarePlan: `${LOCAL}/gisurg-follow-up-careplan`,
  /** Local AuditEvent profile: one access to a patient's record, from the audit log. */
  patientRecordAccess: `${LOCAL}/gisurg-patient-record-access`,
} as const;

export const FHIR_EXTENSIONS = {
  histologyMorphologyBehavior: `${MCODE}/mcode-histology-morphology-behavior`,
  relatedPrimaryCancerCondition: `${MCODE}/mcode-related-primary-cancer-condition`,
  procedureIntent: `${MCODE}/mcode-procedure-intent`,
  approach: `${LOCAL}/operation-approach`,
  convertedFrom: `${LOCAL}/converted-from`,
  hipecDrug: `${LOCAL}/hipec-drug`,
  hipecTemperature: `${LOCAL}/hipec-inflow-temperature`,
  hipecDuration: `${LOCAL}/hipec-duration`,
  /** Treatment intent of a tumor-board recommendation (SNOMED CT curative / palliative). */
  treatmentIntent: `${LOCAL}/treatment-intent`,
  /** The date of the board meeting that decided a recommendation. */
  mdtMeetingDate: `${LOCAL}/mdt-meeting-date`,
} as const;

/** Resource types GISurg serves (read, search, $everything). */
export const FHIR_RESOURCE_TYPES = ['Patient', 'Condition', 'Observation', 'Procedure', 'Encounter', 'CarePlan', 'AuditEvent'] as const;
export type FhirResourceType = (typeof FHIR_RESOURCE_TYPES)[number];
/** Types a `system/*.rs` scope covers: every served type except AuditEvent, which needs its own scope. */
export const FHIR_WILDCARD_TYPES = FHIR_RESOURCE_TYPES.filter((t) => t !== 'AuditEvent');

/** A FHIR id: 1–64 of [A-Za-z0-9-.]. */
export const FhirIdParamSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/, 'validation.fhir.id') });

const one = (max: number) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v[v.length - 1]! : v))
    .pipe(z.string().trim().min(1, 'validation.required').max(max));

/** `date` search: `[prefix]YYYY-MM-DD` (eq, ge, gt, le, lt), repeatable for a range. */
const DATE_PARAM = /^(eq|ge|gt|le|lt)?(\d{4}-\d{2}-\d{2})$/;
export const FhirDateParamSchema = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]))
  .pipe(
    z
      .array(
        z
          .string()
          .trim()
          .refine((s) => DATE_PARAM.test(s) && isRealIsoDate(DATE_PARAM.exec(s)![2]!), { message: 'validation.fhir.date' }),
      )
      .max(4),
  )
  .transform((list) =>
    list.map((s) => {
      const m = DATE_PARAM.exec(s)!;
      return { prefix: (m[1] ?? 'eq') as 'eq' | 'ge' | 'gt' | 'le' | 'lt', date: m[2]! };
    }),
  );
export type FhirDateParam = z.output<typeof FhirDateParamSchema>;

const paging = {
  _count: z.coerce.number().int().min(0, 'validation.fhir.count').max(200, 'validation.fhir.count').default(20),
  /** 1-based page number of the searchset (the `next`/`previous` links carry it). */
  _page: z.coerce.number().int().min(1).max(100_000).default(1),
};

/** `_include` on clinical searches: the subject Patient (`Condition:subject`, `Observation:patient` …). */
export const FHIR_INCLUDES = ['Condition', 'Observation', 'Procedure', 'Encounter', 'CarePlan'].flatMap((t) => [
  `${t}:subject`,
  `${t}:patient`,
]);
/** `_revinclude` on Patient searches: the patients' clinical resources (`Condition:subject` …), same values. */
export const FHIR_REVINCLUDES = FHIR_INCLUDES;
const includeList = (allowed: readonly string[]) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.string().refine((s) => allowed.includes(s), { message: 'validation.fhir.include' })).max(10))
    .transform((list) => [...new Set(list)]);

/** Unknown parameters are ignored (FHIR "lenient" handling); the self link lists only those applied. */
export const FhirPatientSearchSchema = z.object({
  _id: one(64).optional(),
  identifier: one(100).optional(),
  name: one(50).optional(),
  birthdate: FhirDateParamSchema.optional(),
  _lastUpdated: FhirDateParamSchema.optional(),
  _revinclude: includeList(FHIR_REVINCLUDES).optional(),
  ...paging,
});
export type FhirPatientSearch = z.output<typeof FhirPatientSearchSchema>;

export const FhirClinicalSearchSchema = z.object({
  patient: one(80).optional(),
  subject: one(80).optional(),
  _id: one(64).optional(),
  /** `system|code`, `code` or `|code`. */
  code: one(120).optional(),
  /** CarePlan only: `system|code` or `code` of its category (`tumor-board-recommendation`, `follow-up-plan`). */
  category: one(120).optional(),
  date: FhirDateParamSchema.optional(),
  _lastUpdated: FhirDateParamSchema.optional(),
  _include: includeList(FHIR_INCLUDES).optional(),
  ...paging,
});
export type FhirClinicalSearch = z.output<typeof FhirClinicalSearchSchema>;

/** AuditEvent search: the patient whose record was accessed, the agent (user or client id), the entity, the day. */
export const FhirAuditEventSearchSchema = z.object({
  patient: one(80).optional(),
  /** `agent=<user id>`, `agent=<client id>` (gisurg-…), or with the identifier system `system|value`. */
  agent: one(120).optional(),
  /** `entity=<Type>/<id>` (e.g. Condition/…, Patient/…) or a GISurg record `patient/<id>`. */
  entity: one(120).optional(),
  /** R, C, U, D or E. */
  action: z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v[v.length - 1]! : v))
    .pipe(z.enum(['C', 'R', 'U', 'D', 'E'], { error: 'validation.fhir.auditAction' }))
    .optional(),
  _id: one(64).optional(),
  date: FhirDateParamSchema.optional(),
  ...paging,
});
export type FhirAuditEventSearch = z.output<typeof FhirAuditEventSearchSchema>;

export const FhirEverythingQuerySchema = z.object({ ...paging, _count: z.coerce.number().int().min(1).max(5000).default(1000) });

// API clients (system-to-system access) --------------------------------------------------------------------------

/** SMART v2 system scopes a client may hold (read + search of one type, or of every served type). */
export const FHIR_SCOPES = ['system/*.rs', ...FHIR_RESOURCE_TYPES.map((t) => `system/${t}.rs` as const)] as const;
export type FhirScope = (typeof FHIR_SCOPES)[number];

/** Token endpoint authentication of a client: a shared secret, or JWT assertions signed with its private key. */
export const FHIR_CLIENT_AUTH_METHODS = ['client_secret', 'private_key_jwt'] as const;
export const FHIR_JWT_ALGS = ['RS384', 'ES384'] as const;
export const FHIR_JWT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/**
 * A client's public key as a JWK (RFC 7517): RSA (`n`, `e`) for RS384 or EC P-384 (`crv`, `x`, `y`) for ES384. The
 * server checks that it is a usable public key (node:crypto) and refuses private members (`d` …).
 */
export const FhirPublicJwkSchema = z.looseObject({
  kty: z.enum(['RSA', 'EC'], { error: 'validation.fhir.jwk' }),
  alg: z.enum(FHIR_JWT_ALGS, { error: 'validation.fhir.jwkAlg' }),
  kid: z.string().max(200).optional(),
});

export const CreateFhirClientSchema = z.strictObject({
  name: text(100)
    .transform((s) => s.trim())
    .pipe(z.string().min(1, 'validation.required')),
  organizationId: z.uuid(),
  scopes: z.array(z.enum(FHIR_SCOPES)).min(1, 'validation.required').max(FHIR_SCOPES.length),
  /** Whether the client sees full ID numbers (身份证) in Patient identifiers. */
  idNumbers: z.boolean().default(false),
  /** A private-key JWT client (SMART Backend Services): its public key; no secret is issued then. */
  publicJwk: FhirPublicJwkSchema.optional(),
});
export type CreateFhirClient = z.output<typeof CreateFhirClientSchema>;

export const FhirClientSchema = z.object({
  id: z.uuid(),
  clientId: z.string(),
  name: z.string(),
  organizationId: z.uuid(),
  organizationName: z.string(),
  scopes: z.array(z.string()),
  idNumbers: z.boolean(),
  authMethod: z.enum(FHIR_CLIENT_AUTH_METHODS),
  /** RS384 or ES384 for a private-key JWT client. */
  keyAlg: z.enum(FHIR_JWT_ALGS).nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastTokenAt: z.string().nullable(),
});
export type FhirClientDto = z.infer<typeof FhirClientSchema>;

/** The answer to creating a client: the secret (none for a key client) is shown this once and never stored in clear. */
export const FhirClientCreatedSchema = FhirClientSchema.extend({ clientSecret: z.string().nullable() });

export const FhirClientListSchema = z.object({ items: z.array(FhirClientSchema) });

/** OAuth 2.0 client_credentials token request (form or JSON); the client may authenticate with HTTP Basic instead. */
export const FhirTokenRequestSchema = z.object({
  grant_type: z.literal('client_credentials', { error: 'validation.fhir.grantType' }),
  scope: z.string().max(500).optional(),
  client_id: z.string().max(100).optional(),
  client_secret: z.string().max(200).optional(),
  /** Private-key JWT authentication (RFC 7523): the assertion type and the signed assertion. */
  client_assertion_type: z.string().max(100).optional(),
  client_assertion: z.string().max(8192).optional(),
});
