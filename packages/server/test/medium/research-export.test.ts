import { daysBetween } from '@gisurg/contracts';
import { and, eq, like } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, followUpContacts, pathologyReports } from '../../src/db/schema/index.js';
import { aDiagnosis, anOperation, aPatient } from './support/builders.js';
import { apiCalls, createTestWorld, type TestWorld } from './support/test-app.js';

/**
 * Research exports (issue 14, acceptance 1): the de-identified CSV and XLSX contain no direct identifier of any
 * patient of the cohort, keep every interval between a patient's dates exact, and leave out a patient whose
 * consent was withdrawn. Runs on PGlite and, with TEST_DATABASE_URL, on PostgreSQL.
 */
let w: TestWorld;
let api: ReturnType<typeof apiCalls>;

interface Person {
  id: string;
  name: string;
  idNumber: string;
  inpatientNo: string;
  phone: string;
  address: string;
  dates: { diagnosis: string; operation: string; contact: string; recurrence: string | null };
}
const cohort: Person[] = [];
let projectId: string;

const SURNAMES = ['欧阳', '司马', '诸葛', '上官', '皇甫', '东方', '令狐', '慕容'];
const GIVEN = ['青松', '明月', '春华', '秋实', '晓峰', '雪梅', '建国', '丽华'];

function parseCsv(body: string): string[][] {
  // The export quotes only fields with commas, quotes or line breaks; none of the test values have them.
  return body
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r\n/)
    .map((l) => l.split(','));
}

async function xlsxRows(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => {
    const vals = (row.values as unknown[])
      .slice(1)
      .map((v) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v as string | number)));
    out.push(vals);
  });
  return out;
}

function identifiersOf(p: Person): string[] {
  return [p.name, p.idNumber, p.inpatientNo, p.phone, p.address, p.id];
}

beforeAll(async () => {
  w = await createTestWorld();
  api = apiCalls(w);
  for (let i = 0; i < 8; i++) {
    const diagnosis = `2025-0${1 + (i % 6)}-1${i}`;
    const operation = `2025-0${2 + (i % 6)}-0${1 + i}`;
    const contact = `2026-0${1 + (i % 9)}-2${i % 8}`;
    const recurrence = i % 3 === 0 ? `2025-1${i % 3}-15` : null;
    const sex = i % 2 === 0 ? 'male' : 'female';
    const p = await aPatient(w.homeOrgId, {
      name: SURNAMES[i]! + GIVEN[i]!,
      sex,
      birthDate: `19${50 + i * 3}-0${1 + (i % 9)}-15`,
      phone: `1390571${String(1000 + i * 37).padStart(4, '0')}`,
      address: `浙江省杭州市西湖区文三路${100 + i}号`,
      inpatientNo: `ZY2025${String(7700 + i)}`,
    }).build(w.db);
    const d = await aDiagnosis(p.id, { diagnosisDate: diagnosis }).build(w.db);
    const o = await anOperation(p.id, {
      operationDate: operation,
      diagnosisId: d.id,
      approach: i % 4 === 3 ? 'open' : 'laparoscopic',
    }).build(w.db);
    await w.db
      .insert(pathologyReports)
      .values({ operationId: o.id, classification: 'p', pathologicalStage: 'IIA', nodesExamined: 22, nodesPositive: 1, margin: 'R0' });
    if (recurrence)
      await w.db.insert(followUpContacts).values({
        patientId: p.id,
        contactDate: recurrence,
        method: 'clinic',
        status: 'alive_with_disease',
        recurrenceDate: recurrence,
        recurrenceSite: 'liver',
      });
    await w.db
      .insert(followUpContacts)
      .values({ patientId: p.id, contactDate: contact, method: 'phone', status: recurrence ? 'alive_with_disease' : 'alive_no_disease' });
    cohort.push({
      id: p.id,
      name: p.name,
      idNumber: p.idNumber!,
      inpatientNo: p.inpatientNo!,
      phone: p.phone!,
      address: p.address!,
      dates: { diagnosis, operation, contact, recurrence },
    });
  }
  projectId = api.ok<{ id: string }>(
    await api.call('department_head', 'POST', '/api/research/projects', {
      title: '腹腔镜胃癌根治术队列研究',
      funder: 'nsfc',
      grantNo: '82270001',
      startDate: '2025-01-01',
      endDate: '2028-12-31',
    }),
    201,
  ).id;
  for (const p of cohort)
    api.ok(
      await api.call('department_head', 'POST', `/api/research/projects/${projectId}/patients`, {
        patientId: p.id,
        consent: { obtainedOn: '2026-01-05' },
      }),
      201,
    );
});
afterAll(async () => w.close());

/** pseudonym → patient, from the head's identified export (the only place the link exists outside the server). */
async function pseudonymMap(): Promise<Map<string, Person>> {
  const res = await api.call('department_head', 'POST', `/api/research/projects/${projectId}/export-identified`, {
    reason: '核对随访数据与病历是否一致（伦理批准范围内）',
    format: 'csv',
  });
  expect(res.statusCode).toBe(200);
  const [header, ...rows] = parseCsv(res.body);
  const iP = header!.indexOf('pseudonym');
  const iId = header!.indexOf('patient_id');
  return new Map(rows.map((r) => [r[iP]!, cohort.find((p) => p.id === r[iId])!]));
}

describe('research export (de-identified)', () => {
  it('gives the contract: create → 201 {id}; the CSV is text/csv with one row per consenting patient', async () => {
    const res = await api.call('researcher', 'GET', `/api/research/projects/${projectId}/export.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const [header, ...rows] = parseCsv(res.body);
    expect(header![0]).toBe('pseudonym');
    expect(rows).toHaveLength(cohort.length);
  });

  it('contains no name, ID number, inpatient number, phone, address or record id of any cohort patient (CSV and XLSX)', async () => {
    const csv = (await api.call('researcher', 'GET', `/api/research/projects/${projectId}/export.csv`)).body;
    const xlsxRes = await w.app.inject({
      method: 'GET',
      url: `/api/research/projects/${projectId}/export.xlsx`,
      headers: { cookie: await w.as('researcher') },
    });
    expect(xlsxRes.statusCode).toBe(200);
    expect(xlsxRes.headers['content-type']).toMatch(/spreadsheetml/);
    const xlsxText = (await xlsxRows(xlsxRes.rawPayload)).flat().join('\n');
    expect(xlsxText.split('\n').length).toBeGreaterThan(cohort.length);
    for (const p of cohort) {
      for (const ident of identifiersOf(p)) {
        expect(csv.includes(ident), `CSV contains ${ident}`).toBe(false);
        expect(xlsxText.includes(ident), `XLSX contains ${ident}`).toBe(false);
      }
      // Surname alone and the last 4 digits of the phone / ID number are not there either.
      expect(csv.includes(p.phone.slice(-8))).toBe(false);
      expect(csv.includes(p.idNumber.slice(0, 14))).toBe(false);
    }
  });

  it('shifts every date of a patient by one offset: the dates change, the intervals are exact', async () => {
    const map = await pseudonymMap();
    const res = await api.call('researcher', 'GET', `/api/research/projects/${projectId}/export.csv`);
    const [header, ...rows] = parseCsv(res.body);
    const col = (r: string[], c: string) => r[header!.indexOf(c)]!;
    let shifted = 0;
    for (const r of rows) {
      const p = map.get(col(r, 'pseudonym'))!;
      expect(p).toBeDefined();
      const dx = col(r, 'diagnosis_date');
      const op = col(r, 'operation_date');
      const lc = col(r, 'last_contact_date');
      expect(daysBetween(dx, op)).toBe(daysBetween(p.dates.diagnosis, p.dates.operation));
      expect(daysBetween(op, lc)).toBe(daysBetween(p.dates.operation, p.dates.contact));
      if (p.dates.recurrence) expect(daysBetween(op, col(r, 'recurrence_date'))).toBe(daysBetween(p.dates.operation, p.dates.recurrence));
      else expect(col(r, 'recurrence_date')).toBe('');
      if (dx !== p.dates.diagnosis) shifted += 1;
      expect(col(r, 'pathological_stage')).toBe('pIIA');
    }
    expect(shifted).toBe(rows.length);
    // The same patient keeps the same pseudonym and the same shifted dates in the next export.
    const again = parseCsv((await api.call('researcher', 'GET', `/api/research/projects/${projectId}/export.csv`)).body);
    expect(again.slice(1).map((r) => r.join(','))).toEqual(rows.map((r) => r.join(',')));
  });

  it('reduces dates to the year on request, and exports only the chosen columns', async () => {
    const res = await api.call(
      'researcher',
      'GET',
      `/api/research/projects/${projectId}/export.csv?columns=icd10,operation_date,os_months&dateMode=year`,
    );
    const [header, ...rows] = parseCsv(res.body);
    expect(header).toEqual(['pseudonym', 'icd10', 'operation_date', 'os_months']);
    for (const r of rows) expect(r[2]).toMatch(/^2025$/);
    expect((await api.call('researcher', 'GET', `/api/research/projects/${projectId}/export.csv?columns=name`)).statusCode).toBe(400);
  });

  it('gives a patient another pseudonym in another project', async () => {
    const other = api.ok<{ id: string }>(
      await api.call('department_head', 'POST', '/api/research/projects', {
        title: '另一项目',
        funder: 'zhejiang_nsf',
        grantNo: 'LY25H160001',
        startDate: '2025-01-01',
        endDate: '2027-12-31',
      }),
      201,
    ).id;
    const p = cohort[0]!;
    const a = api.ok<{ pseudonym: string }>(
      await api.call('department_head', 'POST', `/api/research/projects/${other}/patients`, {
        patientId: p.id,
        consent: { obtainedOn: '2026-01-05' },
      }),
      201,
    ).pseudonym;
    const map = await pseudonymMap();
    const inFirst = [...map.entries()].find(([, v]) => v.id === p.id)![0];
    expect(a).not.toBe(inFirst);
  });

  it('warns when a quasi-identifier combination is rarer than k', async () => {
    const k = api.ok<{ k: number; patients: number; rare: { count: number }[]; quasiIdentifiers: string[] }>(
      await api.call('researcher', 'GET', `/api/research/projects/${projectId}/k-anonymity`),
    );
    expect(k.k).toBe(5);
    expect(k.patients).toBe(cohort.length);
    expect(k.quasiIdentifiers).toEqual(['age_band', 'sex', 'region']);
    expect(k.rare.length).toBeGreaterThan(0);
    expect(k.rare.every((g) => g.count < 5)).toBe(true);
    // Without age band and region, sex alone: 4 and 4 of 8 are still rarer than 5.
    const sexOnly = api.ok<{ rare: { sex: string; count: number }[] }>(
      await api.call('researcher', 'GET', `/api/research/projects/${projectId}/k-anonymity?columns=sex,icd10`),
    );
    expect(sexOnly.rare.map((g) => g.count).sort()).toEqual([4, 4]);
    const none = api.ok<{ rare: unknown[] }>(
      await api.call('researcher', 'GET', `/api/research/projects/${projectId}/k-anonymity?columns=icd10`),
    );
    expect(none.rare).toEqual([]);
  });

  it('audits every export: who, project, how many patients, which columns; the identified one with its reason', async () => {
    await api.call('researcher', 'GET', `/api/research/projects/${projectId}/export.csv?columns=sex,icd10`);
    const rows = await w.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.resourceId, projectId), like(auditLog.action, 'research.export%')));
    const last = rows.filter((r) => r.action === 'research.export' && r.actorId === w.users.researcher.id).at(-1)!;
    expect(last.details).toMatchObject({
      patients: cohort.length,
      columns: ['pseudonym', 'sex', 'icd10'],
      identified: false,
      format: 'csv',
    });
    const identified = rows.find((r) => r.action === 'research.export_identified')!;
    expect(identified.actorId).toBe(w.users.department_head.id);
    expect(identified.details).toMatchObject({
      identified: true,
      reason: '核对随访数据与病历是否一致（伦理批准范围内）',
      patients: cohort.length,
    });
    const log = api.ok<{ items: { action: string }[] }>(await api.call('researcher', 'GET', `/api/research/projects/${projectId}/exports`));
    expect(log.items.some((i) => i.action === 'research.export_identified')).toBe(true);
  });

  it('keeps identities from researchers: no enrolment, no candidate list, no identified export, no patient page (404)', async () => {
    const p = cohort[0]!;
    expect(
      (
        await api.call('researcher', 'POST', `/api/research/projects/${projectId}/patients`, {
          patientId: p.id,
          consent: { obtainedOn: '2026-01-05' },
        })
      ).statusCode,
    ).toBe(404);
    expect((await api.call('researcher', 'GET', `/api/research/projects/${projectId}/candidates`)).statusCode).toBe(404);
    expect(
      (
        await api.call('researcher', 'POST', `/api/research/projects/${projectId}/export-identified`, {
          reason: '想看看是谁谁谁谁谁谁',
          format: 'csv',
        })
      ).statusCode,
    ).toBe(404);
    expect((await api.call('researcher', 'GET', `/api/patients/${p.id}`)).statusCode).toBe(404);
    expect((await api.call('researcher', 'GET', `/api/patients?q=${encodeURIComponent(p.name)}`)).statusCode).toBe(404);
    // The head must state a reason.
    expect(
      (await api.call('department_head', 'POST', `/api/research/projects/${projectId}/export-identified`, { reason: '', format: 'csv' }))
        .statusCode,
    ).toBe(400);
    // The project page shows participants by pseudonym only.
    const project = (await api.call('researcher', 'GET', `/api/research/projects/${projectId}`)).body;
    for (const ident of identifiersOf(p)) expect(project.includes(ident)).toBe(false);
  });

  it('leaves a patient whose consent was withdrawn out of the next export (CSV and XLSX)', async () => {
    const map = await pseudonymMap();
    const p = cohort[3]!;
    const pseudo = [...map.entries()].find(([, v]) => v.id === p.id)![0];
    expect(
      (await api.call('researcher', 'POST', `/api/research/projects/${projectId}/patients/${p.id}/withdraw`, { date: '2026-02-01' }))
        .statusCode,
    ).toBe(200);
    const csv = (await api.call('researcher', 'GET', `/api/research/projects/${projectId}/export.csv`)).body;
    expect(parseCsv(csv)).toHaveLength(cohort.length); // header + 7 rows
    expect(csv.includes(pseudo)).toBe(false);
    const xlsx = await w.app.inject({
      method: 'GET',
      url: `/api/research/projects/${projectId}/export.xlsx`,
      headers: { cookie: await w.as('researcher') },
    });
    const rows = await xlsxRows(xlsx.rawPayload);
    expect(rows).toHaveLength(cohort.length);
    expect(rows.flat().includes(pseudo)).toBe(false);
    // Withdrawn twice, or before consent: refused.
    expect(
      (await api.call('researcher', 'POST', `/api/research/projects/${projectId}/patients/${p.id}/withdraw`, { date: '2026-02-01' }))
        .statusCode,
    ).toBe(409);
    const q = cohort[4]!;
    expect(
      (await api.call('researcher', 'POST', `/api/research/projects/${projectId}/patients/${q.id}/withdraw`, { date: '2025-01-01' }))
        .statusCode,
    ).toBe(400);
    const project = api.ok<{ participants: { pseudonym: string; withdrawnOn: string | null }[] }>(
      await api.call('researcher', 'GET', `/api/research/projects/${projectId}`),
    );
    expect(project.participants.find((x) => x.pseudonym === pseudo)?.withdrawnOn).toBe('2026-02-01');
  });
});

describe('research projects and cohorts', () => {
  it('validates the project body (400 with field messages), and edits with a version', async () => {
    const bad = await api.call('researcher', 'POST', '/api/research/projects', {
      title: '',
      funder: 'nih',
      grantNo: 'x',
      startDate: '2026-02-30',
      endDate: '2025-01-01',
    });
    expect(bad.statusCode).toBe(400);
    const foreignPi = await api.call('researcher', 'POST', '/api/research/projects', {
      title: '外院负责人',
      funder: 'other',
      grantNo: 'X-1',
      startDate: '2025-01-01',
      endDate: '2025-12-31',
      piUserId: w.users.external_doctor.id,
    });
    expect(foreignPi.statusCode).toBe(400);
    expect(foreignPi.body).toContain('piUserId');
    const id = api.ok<{ id: string }>(
      await api.call('researcher', 'POST', '/api/research/projects', {
        title: '结直肠癌腹膜转移 CRS+HIPEC 预后研究',
        funder: 'health_commission',
        grantNo: '2025KY001',
        startDate: '2025-01-01',
        endDate: '2027-12-31',
        piName: '王主任',
        budgetYuan: 200000,
        ethics: { committee: '医院医学伦理委员会', number: '2025-伦审-001', approvedOn: '2024-12-20', expiresOn: '2027-12-31' },
        members: [{ name: '赵文', role: 'co_investigator' }],
      }),
      201,
    ).id;
    const got = api.ok<{ version: number; ethics: { number: string }; members: unknown[] }>(
      await api.call('researcher', 'GET', `/api/research/projects/${id}`),
    );
    expect(got.ethics.number).toBe('2025-伦审-001');
    const upd = await api.call('researcher', 'PATCH', `/api/research/projects/${id}`, { version: got.version, kThreshold: 3 });
    expect(upd.statusCode).toBe(200);
    expect(
      (await api.call('researcher', 'PATCH', `/api/research/projects/${id}`, { version: got.version, kThreshold: 4 })).statusCode,
    ).toBe(409);
    expect(
      (
        await api.call('researcher', 'POST', `/api/research/projects/${id}/outputs`, {
          kind: 'paper',
          title: 'CRS+HIPEC outcomes',
          year: 2026,
          doi: 'not-a-doi',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await api.call('researcher', 'POST', `/api/research/projects/${id}/outputs`, {
          kind: 'paper',
          title: 'CRS+HIPEC outcomes',
          year: 2026,
          doi: '10.1000/xyz123',
        })
      ).statusCode,
    ).toBe(201);
  });

  it('previews a query with aggregates only, freezes it as a list, and the head enrols from the list', async () => {
    const criteria = { sites: ['stomach'], approaches: ['open'], operatedFrom: '2025-01-01', operatedTo: '2025-12-31' };
    const preview = api.ok<{ count: number; bySex: unknown[] }>(
      await api.call('researcher', 'POST', '/api/research/cohort/preview', criteria),
    );
    const opens = cohort.filter((_, i) => i % 4 === 3).length;
    expect(preview.count).toBe(opens);
    expect(JSON.stringify(preview)).not.toMatch(/[\u4e00-\u9fff]{2}/); // no names
    const id = api.ok<{ id: string }>(
      await api.call('researcher', 'POST', '/api/research/projects', {
        title: '开腹组',
        funder: 'hospital',
        grantNo: 'H-1',
        startDate: '2025-01-01',
        endDate: '2026-12-31',
      }),
      201,
    ).id;
    const frozen = api.ok<{ count: number; frozenOn: string }>(
      await api.call('researcher', 'POST', `/api/research/projects/${id}/cohort/freeze`, { criteria }),
    );
    expect(frozen).toEqual({ count: opens, frozenOn: '2026-11-26' });
    const candidates = api.ok<{ items: { patientId: string; name: string; consentedOn: string | null }[] }>(
      await api.call('department_head', 'GET', `/api/research/projects/${id}/candidates`),
    );
    expect(candidates.items).toHaveLength(opens);
    const first = candidates.items[0]!;
    api.ok(
      await api.call('department_head', 'POST', `/api/research/projects/${id}/patients`, {
        patientId: first.patientId,
        consent: { obtainedOn: '2026-11-20' },
      }),
      201,
    );
    expect(
      (
        await api.call('department_head', 'POST', `/api/research/projects/${id}/patients`, {
          patientId: first.patientId,
          consent: { obtainedOn: '2026-11-20' },
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await api.call('department_head', 'POST', `/api/research/projects/${id}/patients`, {
          patientId: candidates.items[1]?.patientId ?? first.patientId,
          consent: { obtainedOn: '2027-01-01' },
        })
      ).statusCode,
    ).toBe(400);
    const after = api.ok<{ items: { patientId: string; consentedOn: string | null }[] }>(
      await api.call('department_head', 'GET', `/api/research/projects/${id}/candidates`),
    );
    expect(after.items.find((c) => c.patientId === first.patientId)?.consentedOn).toBe('2026-11-20');
    // A patient of another hospital cannot be enrolled (404).
    const foreign = await aPatient(w.orgB).build(w.db);
    expect(
      (
        await api.call('department_head', 'POST', `/api/research/projects/${id}/patients`, {
          patientId: foreign.id,
          consent: { obtainedOn: '2026-11-20' },
        })
      ).statusCode,
    ).toBe(404);
  });
});
