import { eq } from 'drizzle-orm';
import { appSettings, departments, organizations, users } from '../db/schema/index.js';
import type { Db } from '../db/types.js';
import { generatePassword, hashPassword, meetsPasswordPolicy } from '../auth/passwords.js';

export const HOME_ORGANIZATION = { name: '钱塘市第一人民医院', nameEn: 'Qiantang First People’s Hospital', region: '浙江省杭州市' };
export const HOME_DEPARTMENT = { name: '胃肠肛门外科', nameEn: 'Department of Gastrointestinal and Anal Surgery' };

import { BootstrapError } from './bootstrap-error.js';

export { BootstrapError };

export interface BootstrapResult {
  homeOrganizationId: string;
  departmentId: string;
  adminCreated: boolean;
  /** Set only when the admin password was generated now: print it once. */
  generatedAdminPassword: string | null;
}

/**
 * First start: the home hospital, its department and the administrator account. Idempotent.
 * The admin password comes from GISURG_ADMIN_PASSWORD or is generated (returned to be printed once).
 */
export async function bootstrap(db: Db, opts: { adminPassword: string | undefined; now: Date }): Promise<BootstrapResult> {
  if (opts.adminPassword !== undefined && !meetsPasswordPolicy(opts.adminPassword)) {
    throw new BootstrapError(
      'GISURG_ADMIN_PASSWORD does not meet the password policy (at least 8 characters from 3 of: upper-case, lower-case, digits, symbols).',
    );
  }
  const [existingAdmin] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'admin')).limit(1);
  const generated = existingAdmin || opts.adminPassword ? null : generatePassword();
  const adminHash = existingAdmin ? null : await hashPassword(opts.adminPassword ?? generated!);
  return db.transaction(async (tx) => {
    let [home] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.kind, 'home')).limit(1);
    if (!home) {
      [home] = await tx
        .insert(organizations)
        .values({ ...HOME_ORGANIZATION, kind: 'home', createdAt: opts.now, updatedAt: opts.now })
        .returning({ id: organizations.id });
    }
    let [dept] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.organizationId, home!.id)).limit(1);
    if (!dept) {
      [dept] = await tx
        .insert(departments)
        .values({ ...HOME_DEPARTMENT, organizationId: home!.id, createdAt: opts.now, updatedAt: opts.now })
        .returning({ id: departments.id });
    }
    if (adminHash) {
      await tx.insert(users).values({
        username: 'admin',
        displayName: '系统管理员',
        role: 'admin',
        organizationId: home!.id,
        departmentId: dept!.id,
        title: null,
        passwordHash: adminHash,
        createdAt: opts.now,
        updatedAt: opts.now,
      });
      await tx.insert(appSettings).values({ key: 'installed_at', value: opts.now.toISOString() }).onConflictDoNothing();
    }
    return { homeOrganizationId: home!.id, departmentId: dept!.id, adminCreated: Boolean(adminHash), generatedAdminPassword: generated };
  });
}
