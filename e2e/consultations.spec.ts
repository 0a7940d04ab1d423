import { makeResidentId } from '@gisurg/clinical';
import { expect, test } from '@playwright/test';
import { pick, signIn, signOut } from './support.js';

test('a primary doctor asks, the coordinator assigns, the surgeon asks for more and answers, the doctor closes with the survey', async ({
  page,
}) => {
  await page.goto('/');
  await signIn(page, 'external_doctor');
  // The primary doctor's own patient and consultation (the form's patient search is covered by other journeys).
  const birthDate = '1964-03-08';
  const patient = await page.request.post('/api/patients', {
    data: {
      name: '上官丽华',
      sex: 'female',
      birthDate,
      idNumber: makeResidentId({ areaCode: '330122', birthDate, sequence: 233, sex: 'female' }),
    },
  });
  expect(patient.status()).toBe(201);
  const patientId = ((await patient.json()) as { id: string }).id;
  const created = await page.request.post('/api/consultations', {
    data: {
      patientId,
      question: '胃窦癌新辅助化疗后能否手术？（e2e）',
      urgency: 'urgent',
      consent: { obtainedOn: '2026-01-05', method: 'written' },
    },
  });
  expect(created.status()).toBe(201);
  const id = ((await created.json()) as { id: string }).id;
  await page.getByTestId('main-menu').getByText('基层会诊').click();
  await expect(page.getByRole('heading', { name: '基层医院会诊' })).toBeVisible();
  await page.getByText('胃窦癌新辅助化疗后能否手术？（e2e）').click();
  await expect(page.getByTestId('consultation-status')).toHaveText('待分配');
  await expect(page.getByTestId('deadline-clock').first()).toContainText('剩余');
  await signOut(page);

  await signIn(page, 'mdt_coordinator');
  await page.goto(`/consultations/${id}`);
  await pick(page, 'field-expert', /王立强/);
  await page.getByTestId('assign-expert').click();
  await expect(page.getByTestId('consultation-status')).toHaveText('专家处理中');
  await signOut(page);

  await signIn(page, 'surgeon');
  await page.goto(`/consultations/${id}`);
  await page.getByTestId('field-info-request').fill('请上传最近一次增强CT报告');
  await page.getByTestId('request-information').click();
  await expect(page.getByTestId('consultation-status')).toHaveText('待补充资料');
  await signOut(page);

  await signIn(page, 'external_doctor');
  await page.goto(`/consultations/${id}`);
  await page.getByTestId('field-reply').fill('CT：胃窦壁增厚，未见远处转移');
  await page.getByTestId('send-reply').click();
  await expect(page.getByTestId('consultation-status')).toHaveText('专家处理中');
  await signOut(page);

  await signIn(page, 'surgeon');
  await page.goto(`/consultations/${id}`);
  await page.getByTestId('field-advice').fill('可在贵院行腹腔镜远端胃切除（D2）');
  await page.getByTestId('rec-manage_locally').click();
  await page.getByTestId('submit-answer').click();
  await expect(page.getByTestId('consultation-status')).toHaveText('已答复');
  await signOut(page);

  await signIn(page, 'external_doctor');
  await page.goto(`/consultations/${id}`);
  await expect(page.getByTestId('answer-card')).toContainText('腹腔镜远端胃切除');
  await page.getByTestId('survey-referralAvoided').click();
  await page.getByTestId('survey-willFollowAdvice').click();
  await page.getByTestId('close-consultation').click();
  await expect(page.getByTestId('consultation-status')).toHaveText('已结束');
  await expect(page.getByTestId('answer-card')).toContainText('避免转诊 是');
});
