import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPatient } from './support/builders.js';
import { mdtClient } from './support/mdt.js';
import { inkRatio, pdfPageCount, pdfText, renderFirstPage } from './support/pdf-tools.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

let w: TestWorld;
let m: ReturnType<typeof mdtClient>;
let decidedA: string;
let decidedB: string;
let undecided: string;
beforeAll(async () => {
  w = await createTestWorld();
  m = mdtClient(w);
  const board = (
    await m.meeting({ kind: 'inter', tumorGroup: 'peritoneal', place: '门诊楼 12 楼 MDT 室', chairUserId: w.users.department_head.id })
  ).id;
  const pA = await aPatient(w.homeOrgId, { name: '欧阳晓梅', sex: 'female', sourceOrganizationId: w.orgA }).build(w.db);
  decidedA = (
    await m.submit(board, pA.id, 'external_doctor', {
      question: '腹膜转移，PCI 评估后能否行 CRS+HIPEC？',
      summary: '结肠癌术后 2 年，CEA 升高，CT 示腹膜结节。',
    })
  ).id;
  m.ok(
    await m.call('mdt_coordinator', 'POST', `/api/mdt/meetings/${board}/attendance`, {
      userId: w.users.department_head.id,
      specialty: 'surgery',
    }),
    201,
  );
  m.ok(
    await m.call('mdt_coordinator', 'POST', `/api/mdt/meetings/${board}/attendance`, {
      name: '钱影像',
      specialty: 'radiology',
      title: '副主任医师',
      hospitalName: '东海市肿瘤医院',
    }),
    201,
  );
  await m.recommend(
    decidedA,
    [
      { kind: 'crs_hipec', dueDate: '2026-12-20', detail: '拟行 CRS + HIPEC' },
      { kind: 'chemotherapy', dueDate: '2027-02-28', timing: 'adjuvant' },
    ],
    {
      guideline: { name: 'CSCO 结直肠癌诊疗指南', version: '2024' },
      consensus: false,
      dissent: [{ name: '李内科', specialty: 'medical_oncology', view: '建议先行 3 个周期系统化疗' }],
      executingSpecialty: 'surgery',
      responsibleUserId: w.users.surgeon.id,
    },
  );
  const pB = await aPatient(w.homeOrgId, { name: '司徒明', sourceOrganizationId: w.orgB }).build(w.db);
  decidedB = (await m.submit(board, pB.id, 'extB')).id;
  await m.recommend(decidedB);
  undecided = (await m.submit(board, (await aPatient(w.homeOrgId).build(w.db)).id)).id;
});
afterAll(async () => w.close());

describe('GET /api/mdt/cases/:id/letter.pdf', () => {
  let pdf: Buffer;
  let text: string;
  beforeAll(async () => {
    const res = await m.call('mdt_coordinator', 'GET', `/api/mdt/cases/${decidedA}/letter.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    pdf = res.rawPayload;
    text = pdfText(pdf);
    disposition = String(res.headers['content-disposition']);
  });
  let disposition: string;

  it("is saved under the patient's name, the kind of letter and the board's date", () => {
    const name = decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)?.[1] ?? '');
    expect(name).toMatch(/^欧阳晓梅-MDT意见-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+\.pdf"; /);
  });

  it('is a PDF in Chinese whose text holds the patient, the hospital header and the recommendation', () => {
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(text).toContain('欧阳晓梅');
    expect(text).toContain('钱塘市第一人民医院');
    expect(text).toContain('多学科会诊（MDT）意见书');
    expect(text).toContain('肿瘤细胞减灭术');
    expect(text).toContain('CSCO 结直肠癌诊疗指南 2024');
    expect(text).toContain('建议先行 3 个周期系统化疗');
  });

  it('names the participants and signs by name', () => {
    expect(text).toContain('钱影像');
    expect(text).toContain('东海市肿瘤医院');
    expect(text).toMatch(/主持人：测试department_head/);
    expect(text).toMatch(/负责医生：测试surgeon/);
    expect(text).toMatch(/记录人：测试mdt_coordinator/);
  });

  it('renders to a non-blank PNG with pdftoppm', () => {
    const png = renderFirstPage(pdf);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const ink = inkRatio(png);
    expect(ink).toBeGreaterThan(0.005);
    expect(ink).toBeLessThan(0.5);
    expect(pdfPageCount(pdf)).toBeGreaterThanOrEqual(1);
  });

  it('is in English on request', async () => {
    const res = await m.call('mdt_coordinator', 'GET', `/api/mdt/cases/${decidedA}/letter.pdf?lang=en`);
    const en = pdfText(res.rawPayload);
    expect(en).toContain('Multidisciplinary Tumor Board (MDT) Recommendation');
    expect(en).toContain("Qiantang First People's Hospital");
    expect(en).toContain('欧阳晓梅');
    expect(en).toContain('Cytoreductive surgery + HIPEC');
    // Professional titles in English (副主任医师 → Associate Chief Physician); names stay as written.
    expect(en).toContain('Associate Chief Physician');
    expect(en).not.toMatch(/主任医师|主治医师|住院医师/);
  });

  it("is given to the submitting hospital's doctor, and reads as missing to another hospital (404)", async () => {
    const own = await m.call('external_doctor', 'GET', `/api/mdt/cases/${decidedA}/letter.pdf`);
    expect(own.statusCode).toBe(200);
    expect(pdfText(own.rawPayload)).toContain('欧阳晓梅');
    expect((await m.call('external_doctor', 'GET', `/api/mdt/cases/${decidedB}/letter.pdf`)).statusCode).toBe(404);
    expect((await m.call('researcher', 'GET', `/api/mdt/cases/${decidedA}/letter.pdf`)).statusCode).toBe(404);
  });

  it('does not exist before the board decides (409)', async () => {
    const res = await m.call('mdt_coordinator', 'GET', `/api/mdt/cases/${undecided}/letter.pdf`);
    expect(res.statusCode).toBe(409);
  });
});

describe('GET /api/mdt/cases/:id/patient-summary.pdf', () => {
  it('is a plain-language Chinese summary addressed to the patient', async () => {
    const res = await m.call('surgeon', 'GET', `/api/mdt/cases/${decidedA}/patient-summary.pdf`);
    expect(res.statusCode).toBe(200);
    const text = pdfText(res.rawPayload).replace(/\s+/g, '');
    expect(text).toContain('欧阳晓梅：');
    expect(text).toContain('接下来的安排');
    expect(text).toContain('测试surgeon医生');
    expect(inkRatio(renderFirstPage(res.rawPayload))).toBeGreaterThan(0.002);
  });
});

describe('without the CJK font', () => {
  let broken: TestWorld;
  beforeAll(async () => {
    broken = await createTestWorld({ env: { GISURG_PDF_FONT: '/nonexistent/NotoSansCJK-Regular.ttc' } });
  });
  afterAll(async () => broken.close());

  it('fails with a clear 503 naming the font to install', async () => {
    const b = mdtClient(broken);
    const c = await b.submit((await b.meeting()).id, (await aPatient(broken.homeOrgId).build(broken.db)).id);
    await b.recommend(c.id);
    const res = await b.call('mdt_coordinator', 'GET', `/api/mdt/cases/${c.id}/letter.pdf`);
    expect(res.statusCode).toBe(503);
    expect(res.json<{ error: { code: string; message: string } }>().error).toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('fonts-noto-cjk'),
    });
  });
});
