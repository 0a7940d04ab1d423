import { colon } from '../../app/format';
import { useEffect } from 'react';
import { Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Switch, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  BRAF_OPTIONS,
  DEFAULT_LYMPH_NODE_THRESHOLDS,
  GRADE_OPTIONS,
  HER2_IHC_OPTIONS,
  HER2_ISH_OPTIONS,
  MMR_OPTIONS,
  MSI_OPTIONS,
  RAS_OPTIONS,
  R_CLASSIFICATION_OPTIONS,
  lymphNodesAdequate,
  nCategoryFromNodes,
  stageAjcc8,
  tnmCategoryOptions,
  type StagingSite,
} from '@gisurg/clinical';
import { oncologyApi, type Operation } from './api';
import { FormShell } from './FormShell';
import { selectOptions, tryClinical, useIssueText, useLang, useSubmit } from './helpers';

interface Values {
  neoadjuvant?: boolean;
  t?: string;
  nodesExamined?: number | null;
  nodesPositive?: number | null;
  tumorDeposits?: number | null;
  n?: string | null;
  m?: string;
  grade?: string | null;
  margin?: string | null;
  lvi?: boolean | null;
  pni?: boolean | null;
  tumorSizeMm?: number | null;
  mmr?: string | null;
  msi?: string | null;
  her2Ihc?: string | null;
  her2Ish?: string | null;
  kras?: string | null;
  nras?: string | null;
  braf?: string | null;
  reportDate?: Dayjs | null;
  pathologyNo?: string;
}

/** Live pathological N, p/yp stage and node adequacy, computed with the server's functions. */
export function useLivePathology(site: StagingSite | null, v: Partial<Values> | undefined) {
  const classification = v?.neoadjuvant ? 'yp' : 'p';
  const counts =
    v?.nodesExamined != null && v.nodesPositive != null
      ? { examined: v.nodesExamined, positive: v.nodesPositive, tumorDeposits: v.tumorDeposits ?? 0 }
      : null;
  const derived = site && counts ? tryClinical(() => nCategoryFromNodes(site, counts)) : null;
  const n = derived?.value ?? v?.n ?? null;
  const stage =
    site && v?.t && n && v.m
      ? tryClinical(() => stageAjcc8({ site, classification, t: v.t!, n, m: v.m!, ...(v.grade ? { grade: v.grade as 'G1' } : {}) }))
      : null;
  const lnSite = site === 'stomach' || site === 'colorectal' ? site : null;
  const adequate = lnSite && counts ? tryClinical(() => lymphNodesAdequate({ site: lnSite, examined: counts.examined })) : null;
  return {
    classification,
    n,
    derivedN: derived?.value ?? null,
    stage: stage?.value?.stage ?? null,
    adequate: adequate?.value ?? null,
    threshold: lnSite ? DEFAULT_LYMPH_NODE_THRESHOLDS[lnSite] : null,
    issues: [...(derived?.issues ?? []), ...(stage?.issues ?? [])],
  };
}

const YES_NO = (t: (k: string) => string) => [
  { value: true, label: t('oncology.yes') },
  { value: false, label: t('oncology.no') },
];

/** Record the pathology of an operation; N, the p/yp stage and the lymph-node adequacy show live. */
export function PathologyForm({
  operation,
  open,
  onClose,
  onSaved,
}: {
  operation: Operation;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const issueText = useIssueText();
  const [form] = Form.useForm<Values>();
  const v = Form.useWatch([], form) as Partial<Values> | undefined;
  const site = (operation.diagnosis?.stagingSite ?? null) as StagingSite | null;
  const live = useLivePathology(site, v);
  const existing = operation.pathology;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (existing) {
      form.setFieldsValue({
        neoadjuvant: existing.neoadjuvant,
        t: existing.t ?? undefined,
        nodesExamined: existing.nodesExamined,
        nodesPositive: existing.nodesPositive,
        tumorDeposits: existing.tumorDeposits,
        n: existing.nDerived ? null : existing.n,
        m: existing.m ?? undefined,
        grade: existing.grade,
        margin: existing.margin,
        lvi: existing.lvi,
        pni: existing.pni,
        tumorSizeMm: existing.tumorSizeMm,
        mmr: existing.mmr,
        msi: existing.msi,
        her2Ihc: existing.her2Ihc,
        her2Ish: existing.her2Ish,
        kras: existing.kras,
        nras: existing.nras,
        braf: existing.braf,
        reportDate: existing.reportDate ? dayjs(existing.reportDate) : null,
        pathologyNo: existing.pathologyNo ?? '',
      });
    } else form.setFieldsValue({ neoadjuvant: false, m: site ? 'M0' : undefined });
  }, [open, existing, form, site]);

  const cls = live.classification as 'p' | 'yp';
  const tnm = (axis: 'T' | 'N' | 'M') =>
    site ? tnmCategoryOptions(site, cls, axis).map((o) => ({ value: o.value, label: `${o.value} ${o.label[lang]}` })) : [];
  const submit = useSubmit(
    form,
    async (x) => {
      const body: Record<string, unknown> = {
        ...(existing ? { version: existing.version } : {}),
        neoadjuvant: Boolean(x.neoadjuvant),
        t: site ? (x.t ?? null) : null,
        nodesExamined: x.nodesExamined ?? null,
        nodesPositive: x.nodesPositive ?? null,
        tumorDeposits: x.tumorDeposits ?? null,
        n: site && live.derivedN === null ? (x.n ?? null) : null,
        m: site ? (x.m ?? null) : null,
        grade: x.grade ?? null,
        margin: x.margin ?? null,
        lvi: x.lvi ?? null,
        pni: x.pni ?? null,
        tumorSizeMm: x.tumorSizeMm ?? null,
        mmr: x.mmr ?? null,
        msi: x.msi ?? null,
        her2Ihc: site === 'stomach' ? (x.her2Ihc ?? null) : null,
        her2Ish: site === 'stomach' ? (x.her2Ish ?? null) : null,
        kras: site === 'colorectal' || site === 'appendix' ? (x.kras ?? null) : null,
        nras: site === 'colorectal' || site === 'appendix' ? (x.nras ?? null) : null,
        braf: site === 'colorectal' || site === 'appendix' ? (x.braf ?? null) : null,
        reportDate: x.reportDate ? x.reportDate.format('YYYY-MM-DD') : null,
        pathologyNo: x.pathologyNo ?? null,
        pathologicalStage: live.stage,
      };
      await oncologyApi.putPathology(operation.id, body);
    },
    onSaved,
  );

  return (
    <FormShell
      open={open}
      width={820}
      title={t('oncology.pathology.title', { date: operation.date })}
      onClose={onClose}
      onSave={() => void submit.save()}
      testId="pathology-form"
      {...submit}
    >
      <Form form={form} layout="vertical">
        {!site && <Typography.Paragraph type="secondary">{t('oncology.pathology.noStaging')}</Typography.Paragraph>}
        <Row gutter={12}>
          <Col span={6}>
            <Form.Item name="neoadjuvant" label={t('oncology.pathology.neoadjuvant')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={9}>
            <Form.Item name="reportDate" label={t('oncology.pathology.reportDate')}>
              <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={9}>
            <Form.Item name="pathologyNo" label={t('oncology.pathology.number')}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          {site && (
            <>
              <Col span={8}>
                <Form.Item name="t" label={`${cls}T`}>
                  <Select options={tnm('T')} popupMatchSelectWidth={false} data-testid="field-pt" />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="nodesExamined" label={t('oncology.pathology.nodesExamined')}>
                  <InputNumber min={0} max={500} style={{ width: '100%' }} data-testid="field-nodes-examined" />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="nodesPositive" label={t('oncology.pathology.nodesPositive')}>
                  <InputNumber min={0} max={500} style={{ width: '100%' }} data-testid="field-nodes-positive" />
                </Form.Item>
              </Col>
              {(site === 'colorectal' || site === 'appendix') && (
                <Col span={8}>
                  <Form.Item name="tumorDeposits" label={t('oncology.pathology.deposits')}>
                    <InputNumber min={0} max={200} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              )}
              {live.derivedN === null && (
                <Col span={8}>
                  <Form.Item name="n" label={`${cls}N`} extra={site === 'anus' ? t('oncology.pathology.anusN') : undefined}>
                    <Select allowClear options={tnm('N')} popupMatchSelectWidth={false} />
                  </Form.Item>
                </Col>
              )}
              <Col span={8}>
                <Form.Item name="m" label="pM">
                  <Select options={tnm('M')} popupMatchSelectWidth={false} data-testid="field-pm" />
                </Form.Item>
              </Col>
            </>
          )}
          <Col span={8}>
            <Form.Item name="grade" label={t('oncology.pathology.grade')}>
              <Select allowClear options={selectOptions(GRADE_OPTIONS, lang)} popupMatchSelectWidth={false} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="margin" label={t('oncology.pathology.margin')}>
              <Select allowClear options={selectOptions(R_CLASSIFICATION_OPTIONS, lang)} data-testid="field-margin" />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="lvi" label={t('oncology.pathology.lvi')}>
              <Select allowClear options={YES_NO(t)} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="pni" label={t('oncology.pathology.pni')}>
              <Select allowClear options={YES_NO(t)} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="tumorSizeMm" label={t('oncology.pathology.size')}>
              <InputNumber min={1} max={1000} addonAfter="mm" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="mmr" label="MMR">
              <Select allowClear options={selectOptions(MMR_OPTIONS, lang)} popupMatchSelectWidth={false} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="msi" label="MSI">
              <Select allowClear options={selectOptions(MSI_OPTIONS, lang)} popupMatchSelectWidth={false} />
            </Form.Item>
          </Col>
          {site === 'stomach' && (
            <>
              <Col span={6}>
                <Form.Item name="her2Ihc" label="HER2 IHC">
                  <Select allowClear options={selectOptions(HER2_IHC_OPTIONS, lang)} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name="her2Ish" label="HER2 ISH">
                  <Select allowClear options={selectOptions(HER2_ISH_OPTIONS, lang)} />
                </Form.Item>
              </Col>
            </>
          )}
          {(site === 'colorectal' || site === 'appendix') &&
            (['kras', 'nras', 'braf'] as const).map((g) => (
              <Col span={6} key={g}>
                <Form.Item name={g} label={g.toUpperCase()}>
                  <Select allowClear options={selectOptions(g === 'braf' ? BRAF_OPTIONS : RAS_OPTIONS, lang)} />
                </Form.Item>
              </Col>
            ))}
        </Row>
        {site && (
          <Space wrap data-testid="pathology-live">
            <span>
              {cls}N：<Tag data-testid="live-pn">{live.n ?? '—'}</Tag>
            </span>
            <span>
              {t('oncology.pathology.stage', { cls })}
              {colon()}
              <Tag color="blue" style={{ fontSize: 14 }} data-testid="live-path-stage">
                {live.stage === 'unknown' ? t('oncology.stageUnknown') : (live.stage ?? '—')}
              </Tag>
            </span>
            {live.adequate !== null && (
              <Tag color={live.adequate ? 'green' : 'orange'} data-testid="live-ln-adequate">
                {live.adequate
                  ? t('oncology.pathology.adequate', { n: live.threshold })
                  : t('oncology.pathology.inadequate', { n: live.threshold })}
              </Tag>
            )}
            <Typography.Text type="secondary">{t('oncology.ajcc8')}</Typography.Text>
          </Space>
        )}
        {live.issues.map((i) => (
          <div key={`${i.field}${i.code}`}>
            <Typography.Text type="danger">{issueText(i)}</Typography.Text>
          </div>
        ))}
      </Form>
    </FormShell>
  );
}
