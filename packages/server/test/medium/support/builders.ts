import { randomBytes } from 'node:crypto';
import { makeResidentId } from '@gisurg/clinical';
import { organizations, patients, users } from '../../../src/db/schema/index.js';
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
        .values({ username: `${role.replace('_', '')}-${uniq()}`, displayName: `测试${role}`, role, organizationId, passwordHash: await passwordHash(), ...overrides })
        .returning();
      return row!;
    },
  };
}

let seq = 0;
export function aPatient(organizationId: string, overrides: Partial<typeof patients.$inferInsert> = {}) {
  seq += 1;
  const sex: 'male' | 'female' = overrides.sex === 'female' ? 'female' : 'male';
  const birthDate =
    overrides.birthDate ?? `19${40 + Math.floor(Math.random() * 50)}-${String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(Math.random() * 28)).padStart(2, '0')}`;
  const values = {
    organizationId,
    name: '测试患者',
    sex,
    birthDate,
    idType: 'resident_id' as const,
    idNumber: makeResidentId({ areaCode: '330106', birthDate, sequence: Math.floor(Math.random() * 1000), sex }),
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
