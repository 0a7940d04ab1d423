import { randomBytes } from 'node:crypto';
import { makeResidentId } from '@gisurg/clinical';
import {
  complications,
  oncologyDiagnoses,
  operationProcedures,
  operations,
  organizations,
  patients,
  performanceStatus,
  tumorMarkers,
  users,
} from '../../../src/db/schema/index.js';
import type { Db } from '../../../src/db/types.js';
import { hashPassword } from '../../../src/auth/passwords.js';
import type { Role } from '../../../src/auth/permissions.js';
import { writeSearchTerms } from '../../../src/features/patients/queries.js';

/** The password every test user gets (synthetic; meets the policy). */
export const TEST_PASSWORD = 'Test-Passw0rd!';
let testHash: Promise<string> | null = null;
const passwordHash = () => (testHash ??= hashPassword(TEST_PASSWORD));

const uniq = () => randomBytes(4).toString('hex');

/** Typed test-data builders with valid defaults and random identifiers (STYLE.md habit 7). */
export function anOrganization(overrides: Partial<typeof organizations.$inferInsert> = {}) {
  const values = { name: `测试医院-${uniq()}`, kind: 'primary' as const, ...overrides };
  return {
    async build(db: Db) {
      const [row] = await db.insert(organizations).values(values).returning();
      return row!;
    },
  };
}

export function aUser(role: Role, organizationId: string, overrides: Partial<typeof users.$inferInsert> = {}) {
  return {
    async build(db: Db) {
      const [row] = await db
        .insert(users)
        .values({
          username: `${role.replace('_', '')}-${uniq()}`,
          displayName: `测试${role}`,
          role,
          organizationId,
          passwordHash: await passwordHash(),
          ...overrides,
        })
        .returning();
      return row!;
    },
  };
}

/**
 * A valid resident ID number that no other test patient shares: a random Zhejiang area code (33xxxx) as well as a random
 * sequence, so that many patients of one birth date (1,000 slots, 500 per sex, in one area) do not collide on the
 * database's unique ID-number index — with a fixed area code two tests of one run met the same number on PostgreSQL.
 */
export function aResidentId(birthDate: string, sex: 'male' | 'female'): string {
  const areaCode = `33${String(100 + Math.floor(Math.random() * 9900)).padStart(4, '0')}`;
  return makeResidentId({ areaCode, birthDate, sequence: Math.floor(Math.random() * 1000), sex });
}

let seq = 0;
export function aPatient(organizationId: string, overrides: Partial<typeof patients.$inferInsert> = {}) {
  seq += 1;
  const sex: 'male' | 'female' = overrides.sex === 'female' ? 'female' : 'male';
  const birthDate =
    overrides.birthDate ??
    `19${40 + Math.floor(Math.random() * 50)}-${String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(Math.random() * 28)).padStart(2, '0')}`;
  const values = {
    organizationId,
    name: '测试患者',
    sex,
    birthDate,
    idType: 'resident_id' as const,
    idNumber: aResidentId(birthDate, sex),
    inpatientNo: `T${uniq()}${seq}`,
    ...overrides,
  };
  return {
    async build(db: Db) {
      const [row] = await db.insert(patients).values(values).returning();
      await writeSearchTerms(db, row!);
      return row!;
    },
  };
}

/** A stomach cancer diagnosis, cT3 cN1 cM0 → clinical stage III (values as stageAjcc8 computes them). */
export function aDiagnosis(patientId: string, overrides: Partial<typeof oncologyDiagnoses.$inferInsert> = {}) {
  return {
    async build(db: Db) {
      const [row] = await db
        .insert(oncologyDiagnoses)
        .values({
          patientId,
          site: 'stomach',
          icd10: 'C16.3',
          diagnosisDate: '2026-01-10',
          stagingSite: 'stomach',
          clinicalT: 'T3',
          clinicalN: 'N1',
          clinicalM: 'M0',
          clinicalStage: 'III',
          stagingEdition: 8,
          ...overrides,
        })
        .returning();
      return row!;
    },
  };
}

/** A laparoscopic distal D2 gastrectomy (ICD-9-CM-3 43.7). */
export function anOperation(patientId: string, overrides: Partial<typeof operations.$inferInsert> = {}) {
  return {
    async build(db: Db) {
      const [row] = await db
        .insert(operations)
        .values({ patientId, operationDate: '2026-02-01', urgency: 'elective', intent: 'curative', approach: 'laparoscopic', ...overrides })
        .returning();
      await db.insert(operationProcedures).values({ operationId: row!.id, position: 0, code: 'gastrectomy_distal_d2', icd9cm3: '43.7' });
      return row!;
    },
  };
}

export function aMarker(patientId: string, overrides: Partial<typeof tumorMarkers.$inferInsert> = {}) {
  return {
    async build(db: Db) {
      const [row] = await db
        .insert(tumorMarkers)
        .values({ patientId, marker: 'CEA', value: 3.2, unit: 'ng/mL', sampledOn: '2026-01-05', ...overrides })
        .returning();
      return row!;
    },
  };
}

export function aPerformanceStatus(patientId: string, overrides: Partial<typeof performanceStatus.$inferInsert> = {}) {
  return {
    async build(db: Db) {
      const [row] = await db
        .insert(performanceStatus)
        .values({ patientId, assessedOn: '2026-01-05', ecog: 1, ...overrides })
        .returning();
      return row!;
    },
  };
}

export function aComplication(operation: { id: string; patientId: string }, overrides: Partial<typeof complications.$inferInsert> = {}) {
  return {
    async build(db: Db) {
      const [row] = await db
        .insert(complications)
        .values({
          operationId: operation.id,
          patientId: operation.patientId,
          occurredOn: '2026-02-05',
          dayAfterOperation: 4,
          type: 'ileus',
          grade: 'I',
          ...overrides,
        })
        .returning();
      return row!;
    },
  };
}
