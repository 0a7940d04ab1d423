import { eq } from 'drizzle-orm';
import { bedStates, beds, organizations, patients, users, wards } from '../../db/schema/index.js';
import type { Role } from '../../auth/permissions.js';
import { writeSearchTerms } from '../../features/patients/index.js';
import { syntheticPerson } from '../people.js';
import type { DemoStepContext } from './index.js';

/** External hospitals of the demo (fictional names). */
export const DEMO_ORGANIZATIONS = [
  { name: '富春县人民医院', nameEn: 'Fuchun County People’s Hospital', kind: 'primary', region: '浙江省杭州市' },
  { name: '青溪县第一人民医院', nameEn: 'Qingxi County First People’s Hospital', kind: 'primary', region: '浙江省杭州市' },
  { name: '云岭县中医院', nameEn: 'Yunling County Hospital of TCM', kind: 'primary', region: '浙江省丽水市' },
  { name: '桐江镇中心卫生院', nameEn: 'Tongjiang Town Health Centre', kind: 'primary', region: '浙江省杭州市' },
  { name: '之江大学附属第二医院', nameEn: 'Second Affiliated Hospital of Zhijiang University', kind: 'partner', region: '浙江省杭州市' },
  { name: '东海市肿瘤医院', nameEn: 'Donghai Cancer Hospital', kind: 'partner', region: '浙江省宁波市' },
  { name: '瓯江康复医院', nameEn: 'Oujiang Rehabilitation Hospital', kind: 'other', region: '浙江省温州市' },
] as const;

/** One demo account per role; username = role name. */
export const DEMO_USERS: readonly { username: Role; displayName: string; title: string | null; specialty: string | null }[] = [
  { username: 'department_head', displayName: '陈建华', title: '主任医师', specialty: '胃肠外科' },
  { username: 'surgeon', displayName: '王立强', title: '副主任医师', specialty: '胃肠外科' },
  { username: 'resident', displayName: '李晨', title: '住院医师', specialty: '胃肠外科' },
  { username: 'nurse', displayName: '周敏', title: '主管护师', specialty: '护理' },
  { username: 'mdt_coordinator', displayName: '孙倩', title: 'MDT 协调员', specialty: null },
  { username: 'researcher', displayName: '赵文', title: '研究员', specialty: '临床研究' },
  { username: 'student', displayName: '吴宇', title: '硕士研究生', specialty: '胃肠外科' },
  { username: 'external_doctor', displayName: '郑海波', title: '主治医师', specialty: '普外科' },
  // 三员分立 (issue 17): the security and audit administrators beside the system administrator `admin`.
  { username: 'security_admin', displayName: '钱安', title: '安全管理员', specialty: null },
  { username: 'audit_admin', displayName: '冯审', title: '审计管理员', specialty: null },
];

/** Wards of the demo department: three general wards holding 65 beds, plus reserved ICU and HDU beds. */
export const DEMO_WARDS = [
  { code: 'W1', name: '胃肠外科一病区', nameEn: 'GI Surgery Ward 1', kind: 'general', beds: 22 },
  { code: 'W2', name: '胃肠外科二病区', nameEn: 'GI Surgery Ward 2', kind: 'general', beds: 22 },
  { code: 'W3', name: '胃肠外科三病区（腹膜肿瘤中心）', nameEn: 'GI Surgery Ward 3 (Peritoneal Tumor Center)', kind: 'general', beds: 21 },
  { code: 'ICU', name: '外科重症监护室（本科预留）', nameEn: 'Surgical ICU (reserved beds)', kind: 'icu', beds: 4 },
  { code: 'HDU', name: '术后高依赖病房', nameEn: 'Post-operative HDU', kind: 'hdu', beds: 4 },
] as const;

/**
 * The foundation's demo data: external hospitals, one account per role, wards with 65 beds plus ICU/HDU,
 * and synthetic patients (about one in six referred by a primary hospital).
 */
export async function seedFoundationDemo(ctx: DemoStepContext): Promise<void> {
  const { tx, now, today, rng, passwordHash } = ctx;
  const orgIds: Record<string, string> = {};
  for (const o of DEMO_ORGANIZATIONS) {
    const [row] = await tx
      .insert(organizations)
      .values({ ...o, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning({ id: organizations.id });
    orgIds[o.name] =
      row?.id ?? (await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, o.name)))[0]!.id;
  }
  const externalOrgId = orgIds[DEMO_ORGANIZATIONS[0].name]!;
  for (const u of DEMO_USERS) {
    await tx
      .insert(users)
      .values({
        ...u,
        role: u.username,
        organizationId: u.username === 'external_doctor' ? externalOrgId : ctx.homeOrganizationId,
        departmentId: u.username === 'external_doctor' ? null : ctx.departmentId,
        passwordHash: await passwordHash(),
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing();
  }
  let sort = 0;
  for (const w of DEMO_WARDS) {
    const [ward] = await tx
      .insert(wards)
      .values({
        departmentId: ctx.departmentId,
        code: w.code,
        name: w.name,
        nameEn: w.nameEn,
        kind: w.kind,
        sortOrder: (sort += 1),
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: wards.id });
    const bedRows = await tx
      .insert(beds)
      .values(
        Array.from({ length: w.beds }, (_, i) => ({
          wardId: ward!.id,
          label: w.kind === 'general' ? `${w.code.slice(1)}${String(i + 1).padStart(2, '0')}` : `${w.code}-${i + 1}`,
          sortOrder: i + 1,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning({ id: beds.id });
    // Every bed has its state row (vacant and clean); the ward demo step fills the beds.
    await tx.insert(bedStates).values(bedRows.map((b) => ({ bedId: b.id, since: now, createdAt: now, updatedAt: now })));
  }
  const primaryOrgs = DEMO_ORGANIZATIONS.filter((o) => o.kind === 'primary').map((o) => orgIds[o.name]!);
  const year = today.slice(0, 4);
  for (let i = 0; i < ctx.patients; i += 1) {
    const p = syntheticPerson(rng, today);
    const referred = rng.chance(0.17);
    const source = referred ? (rng.chance(0.5) ? externalOrgId : rng.pick(primaryOrgs)) : null;
    const [row] = await tx
      .insert(patients)
      .values({
        organizationId: ctx.homeOrganizationId,
        sourceOrganizationId: source,
        name: p.name,
        sex: p.sex,
        birthDate: p.birthDate,
        idType: 'resident_id',
        idNumber: p.idNumber,
        inpatientNo: `${year}${String(100_001 + i * 7).padStart(6, '0')}`,
        phone: p.phone,
        address: p.address,
        ethnicity: rng.chance(0.97) ? '汉族' : rng.pick(['畲族', '回族', '土家族', '苗族']),
        allergies: rng.chance(0.08) ? rng.pick(['青霉素', '头孢类', '碘造影剂', '磺胺类']) : null,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (row) await writeSearchTerms(tx, row);
  }
}
