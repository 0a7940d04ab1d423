import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures.js';
import {
  askAbout,
  asUser,
  assignToSurgeon,
  hospitalToday,
  onConsultation,
  pick,
  pickSearch,
  registerPatient,
  signIn,
  signOut,
  typeDate,
} from './support.js';

test('the whole thread: the primary doctor asks with an attachment, the coordinator assigns, the surgeon asks for more, answers "transfer" with a bed held, the nurse admits from the reservation and discharges back, the doctor reads it and closes with the survey', async ({
  page,
}) => {
  test.setTimeout(420_000); // nine sign-ins on a loaded machine
  const today = hospitalToday();
  await page.goto('/');
  const name = '上官丽华';
  const question = '胃窦癌新辅助化疗后能否手术？（e2e）';
  let id = '';
  let hospital = '';
  // The primary doctor writes the structured question in the form, with the CT report attached.
  await asUser(page, 'external_doctor', async () => {
    await registerPatient(page, { name, sex: 'female', birthDate: '1964-03-08', sequence: 233 });
    await page.getByTestId('main-menu').getByText('基层会诊').click();
    await expect(page.getByRole('heading', { name: '基层医院会诊' })).toBeVisible();
    await page.getByTestId('new-consultation').click();
    await pickSearch(page, 'field-patient', name, new RegExp(name));
    await page.getByTestId('field-question').fill(question);
    await page.getByTestId('field-history').fill('胃镜活检：低分化腺癌；SOX方案新辅助化疗3周期');
    await page.getByTestId('field-urgency').getByText('紧急').click();
    await typeDate(page, 'field-consent-on', hospitalToday());
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: '增强CT报告.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await expect(page.getByText('增强CT报告.pdf')).toBeVisible();
    await page.getByTestId('submit-consultation').click();
    await expect(page).toHaveURL(/\/consultations\/[0-9a-f-]{36}$/);
    id = page.url().split('/').pop()!;
    hospital = ((await (await page.request.get(`/api/consultations/${id}`)).json()) as { organizationName: string }).organizationName;
    await expect(page.getByTestId('consultation-status')).toHaveText('待分配');
    await expect(page.getByTestId('consultation-question')).toHaveText(question);
    await expect(page.getByTestId('deadline-clock').first()).toContainText('剩余');
    // The file went up with the question and is served back as it was sent.
    const file = page.getByRole('link', { name: '增强CT报告.pdf' });
    await expect(file).toBeVisible();
    const served = await page.request.get((await file.getAttribute('href'))!);
    expect(served.status()).toBe(200);
    expect(served.headers()['content-type']).toBe('application/pdf');
  });

  // The coordinator finds it in the queue and assigns the expert.
  await asUser(page, 'mdt_coordinator', async () => {
    await page.getByTestId('main-menu').getByText('基层会诊').click();
    await page.getByText(question).click();
    await expect(page.getByTestId('consultation-status')).toHaveText('待分配');
    await expect(page.getByRole('link', { name: '增强CT报告.pdf' })).toBeVisible();
    await pick(page, 'field-expert', /王立强/);
    await page.getByTestId('assign-expert').click();
    await expect(page.getByTestId('consultation-status')).toHaveText('专家处理中');
  });

  await onConsultation(page, 'surgeon', id, async () => {
    await page.getByTestId('field-info-request').fill('请上传最近一次增强CT报告');
    await page.getByTestId('request-information').click();
    await expect(page.getByTestId('consultation-status')).toHaveText('待补充资料');
  });

  await onConsultation(page, 'external_doctor', id, async () => {
    await page.getByTestId('field-reply').fill('CT：胃窦壁增厚，未见远处转移');
    await page.getByTestId('send-reply').click();
    await expect(page.getByTestId('consultation-status')).toHaveText('专家处理中');
  });

  // The expert answers "transfer" and books the referral for today: a ward bed is held for the patient.
  let bedLabel: string | undefined;
  await onConsultation(page, 'surgeon', id, async () => {
    await expect(page.getByTestId('message-reply')).toContainText('未见远处转移');
    await page.getByTestId('field-advice').fill('建议转我院行腹腔镜远端胃切除（D2）');
    await page.getByTestId('rec-transfer').click();
    await typeDate(page, 'field-referral-date', today);
    await page.getByTestId('submit-answer').click();
    await expect(page.getByTestId('consultation-status')).toHaveText('已答复');
    const referral = page.getByTestId('referral-info');
    await expect(referral).toContainText(today);
    bedLabel = /预留床位\s*(\S+?)（/.exec((await referral.textContent()) ?? '')?.[1];
  });

  // The nurse finds the held bed on the board and admits the patient into it.
  await signIn(page, 'nurse');
  await page.getByTestId('main-menu').getByText('病区床位').click();
  await expect(page.getByRole('heading', { name: '床位看板' })).toBeVisible();
  const held = page.locator('[data-testid^="bed-"][data-state="reserved"]').filter({ hasText: name });
  await expect(held).toHaveCount(1);
  const label = (await held.getAttribute('data-testid'))!.replace('bed-', '');
  if (bedLabel) expect(label).toContain(bedLabel);
  await held.click();
  await page.getByTestId('action-admit').click();
  await expect(page.getByRole('dialog', { name: /收治入院/ })).toContainText(`收治入院 · ${label}`);
  await pickSearch(page, 'field-patient', name, new RegExp(name), new RegExp(name));
  await page.getByTestId('field-diagnosis').fill('胃窦腺癌');
  await page.getByTestId('admit-ok').click();
  const bed = page.getByTestId(`bed-${label}`);
  await expect(bed).toHaveAttribute('data-state', 'occupied');
  await expect(bed).toContainText(name);
  // The stay records 入院途径 "transfer in" from the asking hospital.
  await bed.click();
  await expect(page.getByTestId('bed-drawer')).toContainText(`其他医疗机构转入 · ${hospital}`);

  // Discharged back to the primary hospital (医嘱转院).
  await page.getByTestId('action-discharge').click();
  await pick(page, 'field-disposition', /^医嘱转院$/);
  await page.getByLabel('拟接收医疗机构名称').fill(hospital);
  await page.getByTestId('discharge-ok').click();
  await expect(bed).toHaveAttribute('data-state', 'vacant_dirty');
  await signOut(page);

  // The surgeon writes the discharge summary for the primary doctor on the consultation.
  await onConsultation(page, 'surgeon', id, async () => {
    await expect(page.getByTestId('sent-back-card')).toContainText('医嘱转院');
    await page.getByTestId('field-discharge-note').fill('术后恢复顺利，请于术后1月复查CEA');
    await page.getByTestId('save-discharge-note').click();
    await expect(page.getByTestId('sent-back-note')).toHaveText('术后恢复顺利，请于术后1月复查CEA');
  });

  // The asking doctor sees the discharge back on the consultation.
  await signIn(page, 'external_doctor');
  await page.goto(`/consultations/${id}`);
  const sentBack = page.getByTestId('sent-back-card');
  await expect(sentBack).toContainText(`医嘱转院 · ${hospital}`);
  await expect(sentBack).toContainText('胃窦腺癌');
  await expect(page.getByTestId('sent-back-note')).toHaveText('术后恢复顺利，请于术后1月复查CEA');
  await expect(page.getByTestId('referral-info')).toContainText(today);
  // … and closes the consultation with the survey (a transfer: no referral avoided).
  await expect(page.getByTestId('answer-card')).toContainText('腹腔镜远端胃切除');
  await page.getByTestId('survey-willFollowAdvice').click();
  await page.getByTestId('survey-educational').click();
  await page.getByTestId('close-consultation').click();
  await expect(page.getByTestId('consultation-status')).toHaveText('已结束');
  await expect(page.getByTestId('answer-card')).toContainText('避免转诊 否 · 采纳意见 是 · 有助学习 是');
});

test('mdt: the surgeon answers "tumor board", the board decides, the primary doctor downloads the MDT letter', async ({ page }) => {
  test.setTimeout(180_000); // three people, each signing in, on a loaded machine
  await page.goto('/');
  const name = '欧阳秋菊';
  let id = '';
  await asUser(page, 'external_doctor', async () => {
    ({ id } = await askAbout(page, {
      name,
      sex: 'female',
      birthDate: '1962-06-21',
      sequence: 267,
      question: '腹膜假黏液瘤，是否适合减瘤术加腹腔热灌注化疗？（e2e）',
    }));
  });
  await assignToSurgeon(page, id);

  // The expert answers "tumor board": the case goes onto the next inter-hospital board in the same click.
  await onConsultation(page, 'surgeon', id, async () => {
    await page.getByTestId('field-advice').fill('提交院际MDT讨论 CRS+HIPEC 指征');
    await page.getByTestId('rec-mdt').click();
    await page.getByTestId('submit-answer').click();
    await expect(page.getByTestId('consultation-status')).toHaveText('已答复');
    await expect(page.getByTestId('mdt-case-link')).toBeVisible();
  });

  // The coordinator records the board's recommendation on the case.
  await onConsultation(page, 'mdt_coordinator', id, async () => {
    await page.getByTestId('mdt-case-link').click();
    await expect(page.getByRole('heading', { name: new RegExp(name) })).toBeVisible();
    await expect(page.getByText('腹膜假黏液瘤，是否适合减瘤术加腹腔热灌注化疗？（e2e）').first()).toBeVisible();
    await page.getByTestId('record-recommendation').click();
    const form = page.getByTestId('recommendation-form');
    await form.getByPlaceholder('具体内容（方案、术式、检查项目等）').fill('细胞减灭术（CRS）+ 腹腔热灌注化疗（HIPEC）');
    await form.getByTestId('save-recommendation').click();
    await expect(page.getByTestId('letter')).toBeVisible();
  });

  // The asking doctor opens the case from the consultation and downloads the board's letter.
  await signIn(page, 'external_doctor');
  await page.goto(`/consultations/${id}`);
  await page.getByTestId('mdt-case-link').click();
  await expect(page.getByText('细胞减灭术（CRS）+ 腹腔热灌注化疗（HIPEC）').first()).toBeVisible();
  await page.getByTestId('letter').click();
  const downloading = page.waitForEvent('download');
  await page.getByTestId('letter-zh').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${name}-MDT意见-\\d{4}-\\d{2}-\\d{2}\\.pdf$`));
  expect(
    readFileSync(await download.path())
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-');
});
