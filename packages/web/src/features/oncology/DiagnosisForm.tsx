import { useEffect, useMemo } from 'react';
import { AutoComplete, Col, DatePicker, Form, Input, Row, Select, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  BASIS_OF_DIAGNOSIS_OPTIONS,
  DIAGNOSIS_SITE_OPTIONS,
  GRADE_OPTIONS,
  ICD10_CODES,
  ICDO3_MORPHOLOGY_OPTIONS,
  PM_ORIGIN_OPTIONS,
  PSOGI_APPENDICEAL_LESIONS,
  PSOGI_PMP_CATEGORIES,
  WHO_MESOTHELIAL_CATEGORIES,
  diagnosisStagingSite,
  icd10CodesForSite,
  stageAjcc8,
  tnmCategoryOptions,
  type DiagnosisSite,
} from '@gisurg/clinical';
import { oncologyApi, type CreateDiagnosisBody, type Diagnosis } from './api';
import { FormShell } from './FormShell';
import { selectOptions, tryClinical, useIssueText, useLang, useSubmit } from './helpers';

type B = CreateDiagnosisBody;

interface Values {
  site: DiagnosisSite;
  icd10: string;
  icd10Secondary?: string | null;
  icdO3Morphology?: string;
  diagnosisDate: Dayjs;
  basis?: CreateDiagnosisBody['basis'];
  pmOrigin?: B['pmOrigin'];
  psogiCategory?: string | null;
  appendicealLesion?: string | null;
  whoCategory?: string | null;
  clinical?: { t?: string; n?: string; m?: string; grade?: string | null };
  notes?: string;
}

/** Live clinical stage with the same stageAjcc8 the server uses; null when the categories are incomplete. */
export function useLiveClinicalStage(site: DiagnosisSite | undefined, icd10: string | undefined, clinical: Values['clinical']) {
  const stagingSite = site && icd10 ? diagnosisStagingSite(site, icd10) : null;
  const complete = Boolean(stagingSite && clinical?.t && clinical.n && clinical.m);
  const result = complete
    ? tryClinical(() =>
        stageAjcc8({
          site: stagingSite!,
          classification: 'c',
          t: clinical!.t!,
          n: clinical!.n!,
          m: clinical!.m!,
          ...(clinical!.grade ? { grade: clinical!.grade as 'G1' } : {}),
        }),
      )
    : null;
  return { stagingSite, stage: result?.value?.stage ?? null, issues: result?.issues ?? [] };
}

/** Record or edit a diagnosis; the clinical stage is computed as the surgeon picks cT/cN/cM. */
export function DiagnosisForm({
  patientId,
  diagnosis,
  open,
  onClose,
  onSaved,
}: {
  patientId: string;
  diagnosis: Diagnosis | null;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const issueText = useIssueText();
  const [form] = Form.useForm<Values>();
  const site = Form.useWatch('site', form);
  const icd10 = Form.useWatch('icd10', form);
  const clinical = Form.useWatch('clinical', form);
  const live = useLiveClinicalStage(site, icd10, clinical);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (diagnosis) {
      form.setFieldsValue({
        site: diagnosis.site,
        icd10: diagnosis.icd10,
        icd10Secondary: diagnosis.icd10Secondary,
        icdO3Morphology: diagnosis.icdO3Morphology ?? '',
        diagnosisDate: dayjs(diagnosis.diagnosisDate),
        basis: diagnosis.basis,
        pmOrigin: diagnosis.pmOrigin,
        psogiCategory: diagnosis.psogiCategory,
        appendicealLesion: diagnosis.appendicealLesion,
        whoCategory: diagnosis.whoCategory,
        clinical: diagnosis.clinical
          ? {
              t: diagnosis.clinical.t ?? undefined,
              n: diagnosis.clinical.n ?? undefined,
              m: diagnosis.clinical.m ?? undefined,
              grade: diagnosis.clinical.grade,
            }
          : {},
        notes: diagnosis.notes ?? '',
      });
    }
  }, [open, diagnosis, form]);

  const icdOptions = useMemo(
    () =>
      (site ? icd10CodesForSite(site) : ICD10_CODES).map((e) => ({
        value: e.code,
        label: `${e.code} ${e.label[lang]}`,
        search: `${e.code} ${e.label.zh} ${e.label.en}`,
      })),
    [site, lang],
  );
  const tnm = (axis: 'T' | 'N' | 'M') =>
    live.stagingSite
      ? tnmCategoryOptions(live.stagingSite, 'c', axis).map((o) => ({ value: o.value, label: `${o.value} ${o.label[lang]}` }))
      : [];

  const submit = useSubmit(
    form,
    async (v) => {
      const clinicalBody =
        live.stagingSite && v.clinical?.t && v.clinical.n && v.clinical.m
          ? {
              t: v.clinical.t,
              n: v.clinical.n,
              m: v.clinical.m,
              ...(v.clinical.grade ? { grade: v.clinical.grade as NonNullable<B['clinical']>['grade'] } : {}),
            }
          : null;
      const body = {
        site: v.site,
        icd10: v.icd10,
        icd10Secondary: v.icd10Secondary ?? null,
        icdO3Morphology: v.icdO3Morphology ?? null,
        diagnosisDate: v.diagnosisDate.format('YYYY-MM-DD'),
        basis: v.basis ?? null,
        pmOrigin: v.site === 'peritoneal_metastasis' ? (v.pmOrigin ?? null) : null,
        psogiCategory: v.psogiCategory ?? null,
        appendicealLesion: v.appendicealLesion ?? null,
        whoCategory: v.site === 'mesothelioma' ? (v.whoCategory ?? null) : null,
        clinical: clinicalBody,
        // The stage the browser computed: the server recomputes it and refuses a disagreement.
        clinicalStage: clinicalBody ? live.stage : null,
        notes: v.notes ?? null,
      };
      if (diagnosis) await oncologyApi.updateDiagnosis(diagnosis.id, { ...body, version: diagnosis.version });
      else await oncologyApi.createDiagnosis(patientId, body);
    },
    onSaved,
  );

  const psogi = site === 'pseudomyxoma' || site === 'appendix' || site === 'peritoneal_metastasis';
  return (
    <FormShell
      open={open}
      title={diagnosis ? t('oncology.diagnosis.edit') : t('oncology.diagnosis.new')}
      onClose={onClose}
      onSave={() => void submit.save()}
      testId="diagnosis-form"
      {...submit}
    >
      <Form form={form} layout="vertical" size="middle">
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="site" label={t('oncology.diagnosis.site')} rules={[{ required: true, message: t('validation.required') }]}>
              <Select
                options={selectOptions(DIAGNOSIS_SITE_OPTIONS, lang)}
                onChange={() => form.setFieldsValue({ icd10: undefined as never, clinical: {} })}
                data-testid="field-site"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="icd10" label={t('oncology.diagnosis.icd10')} rules={[{ required: true, message: t('validation.required') }]}>
              <Select showSearch={{ optionFilterProp: 'search' }} options={icdOptions} data-testid="field-icd10" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="diagnosisDate"
              label={t('oncology.diagnosis.date')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <DatePicker
                format="YYYY-MM-DD"
                style={{ width: '100%' }}
                disabledDate={(d) => d.isAfter(dayjs())}
                data-testid="field-diagnosisDate"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="icdO3Morphology" label={t('oncology.diagnosis.morphology')}>
              <AutoComplete
                options={ICDO3_MORPHOLOGY_OPTIONS.map((o) => ({ value: o.value, label: `${o.value} ${o.label[lang]}` }))}
                placeholder="8140/3"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="basis" label={t('oncology.diagnosis.basis')}>
              <Select allowClear options={selectOptions(BASIS_OF_DIAGNOSIS_OPTIONS, lang)} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="icd10Secondary" label={t('oncology.diagnosis.icd10Secondary')}>
              <Select
                allowClear
                options={ICD10_CODES.filter((e) => e.kind === 'secondary').map((e) => ({
                  value: e.code,
                  label: `${e.code} ${e.label[lang]}`,
                }))}
              />
            </Form.Item>
          </Col>
          {site === 'peritoneal_metastasis' && (
            <Col span={12}>
              <Form.Item name="pmOrigin" label={t('oncology.diagnosis.pmOrigin')}>
                <Select allowClear options={selectOptions(PM_ORIGIN_OPTIONS, lang)} />
              </Form.Item>
            </Col>
          )}
          {psogi && (
            <>
              <Col span={12}>
                <Form.Item name="psogiCategory" label={t('oncology.diagnosis.psogi')}>
                  <Select allowClear options={selectOptions(PSOGI_PMP_CATEGORIES, lang)} />
                </Form.Item>
              </Col>
              {site !== 'peritoneal_metastasis' && (
                <Col span={12}>
                  <Form.Item name="appendicealLesion" label={t('oncology.diagnosis.appendicealLesion')}>
                    <Select allowClear options={selectOptions(PSOGI_APPENDICEAL_LESIONS, lang)} />
                  </Form.Item>
                </Col>
              )}
            </>
          )}
          {site === 'mesothelioma' && (
            <Col span={12}>
              <Form.Item name="whoCategory" label={t('oncology.diagnosis.who')}>
                <Select allowClear options={selectOptions(WHO_MESOTHELIAL_CATEGORIES, lang)} />
              </Form.Item>
            </Col>
          )}
        </Row>
        {live.stagingSite ? (
          <>
            <Typography.Title level={5}>{t('oncology.diagnosis.clinicalTnm')}</Typography.Title>
            <Row gutter={12}>
              {(['t', 'n', 'm'] as const).map((axis) => (
                <Col span={live.stagingSite === 'appendix' ? 6 : 8} key={axis}>
                  <Form.Item name={['clinical', axis]} label={`c${axis.toUpperCase()}`}>
                    <Select
                      allowClear
                      options={tnm(axis.toUpperCase() as 'T')}
                      popupMatchSelectWidth={false}
                      data-testid={`field-c${axis}`}
                    />
                  </Form.Item>
                </Col>
              ))}
              {live.stagingSite === 'appendix' && (
                <Col span={6}>
                  <Form.Item name={['clinical', 'grade']} label={t('oncology.pathology.grade')}>
                    <Select allowClear options={selectOptions(GRADE_OPTIONS, lang)} popupMatchSelectWidth={false} />
                  </Form.Item>
                </Col>
              )}
            </Row>
            <div style={{ marginBottom: 16 }}>
              {t('oncology.diagnosis.liveStage')}{' '}
              <Tag
                color={live.stage && live.stage !== 'unknown' ? 'blue' : 'default'}
                style={{ fontSize: 14 }}
                data-testid="live-clinical-stage"
              >
                {live.stage === 'unknown' ? t('oncology.stageUnknown') : (live.stage ?? '—')}
              </Tag>
              <Typography.Text type="secondary">{t('oncology.ajcc8')}</Typography.Text>
              {live.issues.map((i) => (
                <div key={i.field}>
                  <Typography.Text type="danger">{issueText(i)}</Typography.Text>
                </div>
              ))}
            </div>
          </>
        ) : (
          site && icd10 && <Typography.Paragraph type="secondary">{t('oncology.diagnosis.noStaging')}</Typography.Paragraph>
        )}
        <Form.Item name="notes" label={t('oncology.notes')}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </FormShell>
  );
}
