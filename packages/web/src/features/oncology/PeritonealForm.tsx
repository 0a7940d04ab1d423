import { colon } from '../../app/format';
import { useEffect, useState } from 'react';
import { Button, Col, Divider, Form, InputNumber, Row, Select, Space, Switch, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  CC_SCORE_OPTIONS,
  HIPEC_CARRIER_OPTIONS,
  HIPEC_DRUG_OPTIONS,
  HIPEC_REGIMENS,
  HIPEC_TECHNIQUE_OPTIONS,
  HIPEC_TIMING_OPTIONS,
  PCI_TIMING_OPTIONS,
  bodySurfaceArea,
  completenessOfCytoreduction,
  hipecDose,
  pciIndicationForDiagnosis,
  peritonealCancerIndex,
  type HipecDoseBasis,
} from '@gisurg/clinical';
import { oncologyApi, type Diagnosis, type Operation, type PutPeritonealBody } from './api';
import { FormShell } from './FormShell';
import { PciDiagram } from './PciDiagram';
import { labelOf, selectOptions, tryClinical, useIssueText, useLang, useSubmit } from './helpers';

type HipecBody = NonNullable<PutPeritonealBody['hipec']>;
type DrugBody = HipecBody['drugs'][number];

interface DrugValues {
  drug?: DrugBody['drug'];
  dose?: number;
  doseBasis?: HipecDoseBasis;
  fractions?: { share: number; atMinute: number }[];
}

interface Values {
  timing: PutPeritonealBody['pci']['timing'];
  assessCc: boolean;
  residualMm?: number | null;
  heightCm?: number | null;
  weightKg?: number | null;
  bsaM2?: number | null;
  hipecGiven: boolean;
  hipec?: {
    timing?: HipecBody['timing'];
    technique?: HipecBody['technique'];
    carrier?: HipecBody['carrier'];
    carrierVolumeL?: number | null;
    carrierLPerM2?: number | null;
    inflowTempC?: number | null;
    outflowTempC?: number | null;
    durationMin?: number | null;
    flowMlMin?: number | null;
    drugs?: DrugValues[];
  };
}

const BSA_ALIAS = { alias: { bsaM2: ['heightCm', 'weightKg', 'bsaM2'] } };

const BLANK = Array.from({ length: 13 }, () => 0);

/**
 * PCI (clickable body diagram), CC from the largest residual nodule, BSA and the HIPEC perfusion of an
 * operation; totals, flags, CC, BSA and doses show live with the server's own functions.
 */
export function PeritonealForm({
  operation,
  diagnoses,
  open,
  onClose,
  onSaved,
}: {
  operation: Operation;
  diagnoses: Diagnosis[];
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const issueText = useIssueText();
  const [form] = Form.useForm<Values>();
  const v = Form.useWatch([], form) as Partial<Values> | undefined;
  const [regions, setRegions] = useState<number[]>(BLANK);
  const existing = operation.peritoneal;
  const dx = diagnoses.find((d) => d.id === operation.diagnosisId);
  const indication = dx
    ? pciIndicationForDiagnosis({
        site: dx.site,
        pmOrigin: dx.pmOrigin,
        psogiCategory: dx.psogiCategory,
      })
    : 'other';

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    const crs = operation.procedures.some((p) => p.code === 'crs');
    if (existing) {
      setRegions(existing.pci.regions);
      const h = existing.hipec;
      form.setFieldsValue({
        timing: existing.pci.timing as Values['timing'],
        assessCc: existing.cc !== null,
        residualMm: existing.residualMm,
        heightCm: existing.heightCm,
        weightKg: existing.weightKg,
        bsaM2: existing.heightCm ? null : existing.bsaM2,
        hipecGiven: h !== null,
        hipec: h
          ? {
              ...h,
              timing: h.timing as HipecBody['timing'],
              technique: h.technique as HipecBody['technique'],
              carrier: h.carrier as HipecBody['carrier'],
              drugs: h.drugs.map((d) => ({
                drug: d.drug,
                dose: d.dose,
                doseBasis: d.doseBasis,
                fractions: d.fractions.map((f) => ({ share: f.share, atMinute: f.atMinute ?? 0 })),
              })),
            }
          : undefined,
      });
    } else {
      setRegions(BLANK);
      form.setFieldsValue({
        timing: crs ? 'surgical-pre-crs' : 'laparoscopic',
        assessCc: crs,
        // A new record starts without HIPEC and without an empty drug row, so it can be saved as opened
        // (issue 16): turning HIPEC on adds the first drug row, a regimen fills it.
        hipecGiven: false,
        hipec: { timing: 'intraoperative-after-crs', technique: 'open', drugs: [] },
      });
    }
  }, [open, existing, form, operation]);

  const pci = tryClinical(() => peritonealCancerIndex(regions));
  const cc = v?.assessCc ? tryClinical(() => completenessOfCytoreduction(v.residualMm ?? null, { boundary: 'le' })) : null;
  const bsa = v?.heightCm && v.weightKg ? tryClinical(() => bodySurfaceArea({ heightCm: v.heightCm!, weightKg: v.weightKg! })) : null;
  const bsaM2 = bsa?.value ?? v?.bsaM2 ?? undefined;
  const doses = (v?.hipecGiven ? (v.hipec?.drugs ?? []) : []).map((d) =>
    d?.drug && d.dose && d.doseBasis
      ? tryClinical(() =>
          hipecDose({
            drug: d.drug!,
            dose: d.dose!,
            doseBasis: d.doseBasis!,
            ...(bsaM2 !== undefined ? { bsaM2 } : {}),
            ...(v?.hipec?.carrierVolumeL ? { carrierVolumeL: v.hipec.carrierVolumeL } : {}),
            ...(v?.hipec?.carrierLPerM2 ? { carrierLPerM2: v.hipec.carrierLPerM2 } : {}),
            ...(d.fractions?.length ? { fractions: d.fractions } : {}),
          }),
        )
      : null,
  );

  const applyRegimen = (id: string) => {
    const r = HIPEC_REGIMENS.find((x) => x.id === id);
    if (!r) return;
    const current = (form.getFieldValue('hipec') ?? {}) as NonNullable<Values['hipec']>;
    form.setFieldsValue({
      hipec: {
        ...current,
        technique: r.technique,
        durationMin: r.durationMin,
        carrierLPerM2: r.carrierLPerM2,
        carrierVolumeL: r.carrierLPerM2 ? null : (current.carrierVolumeL ?? null),
        drugs: [{ drug: r.drug, dose: r.dose, doseBasis: r.doseBasis, fractions: r.fractions.map((f) => ({ ...f })) }],
      },
    });
  };

  /** Turning HIPEC on gives one drug row to fill (never a hidden empty row while HIPEC is off). */
  const ensureDrugRow = () => {
    const drugs = form.getFieldValue(['hipec', 'drugs']) as DrugValues[] | undefined;
    if (!drugs?.length) form.setFieldValue(['hipec', 'drugs'], [{ doseBasis: 'mg/m2' }]);
  };
  const required = [{ required: true, message: t('validation.required') }];

  const submit = useSubmit(
    form,
    async (x) => {
      const h = x.hipec;
      const body: PutPeritonealBody = {
        ...(existing ? { version: existing.version } : {}),
        pci: { regions, timing: x.timing },
        pciTotal: pci.value?.total,
        ...(x.assessCc ? { residualMm: x.residualMm ?? null, cc: cc?.value ?? null } : {}),
        heightCm: x.heightCm ?? null,
        weightKg: x.weightKg ?? null,
        bsaM2: x.heightCm && x.weightKg ? null : (x.bsaM2 ?? null),
        hipec:
          x.hipecGiven && h
            ? {
                // Required by the form's rules (validated before sending; the server checks again).
                timing: h.timing!,
                technique: h.technique!,
                carrier: h.carrier ?? null,
                carrierVolumeL: h.carrierVolumeL ?? null,
                carrierLPerM2: h.carrierLPerM2 ?? null,
                inflowTempC: h.inflowTempC ?? null,
                outflowTempC: h.outflowTempC ?? null,
                durationMin: h.durationMin ?? null,
                flowMlMin: h.flowMlMin ?? null,
                drugs: (h.drugs ?? []).map((d) => ({
                  drug: d.drug!,
                  dose: d.dose!,
                  doseBasis: d.doseBasis!,
                  ...(d.fractions?.length ? { fractions: d.fractions } : {}),
                })),
              }
            : null,
      };
      await oncologyApi.putPeritoneal(operation.id, body);
    },
    onSaved,
    // The server reports a missing or wrong BSA at bsaM2: mark height and weight too (BSA comes from them).
    BSA_ALIAS,
  );

  return (
    <FormShell
      open={open}
      width={900}
      title={t('oncology.peritoneal.title', { date: operation.date })}
      onClose={onClose}
      onSave={() => void submit.save()}
      testId="peritoneal-form"
      {...submit}
    >
      <Form form={form} layout="vertical">
        <Row gutter={16}>
          <Col span={13}>
            <PciDiagram value={regions} onChange={setRegions} indication={indication} />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
              {t('oncology.pci.howTo')}
            </Typography.Paragraph>
          </Col>
          <Col span={11}>
            <Form.Item name="timing" label={t('oncology.peritoneal.timing')} rules={[{ required: true }]}>
              <Select options={selectOptions(PCI_TIMING_OPTIONS, lang)} data-testid="field-pci-timing" />
            </Form.Item>
            <Form.Item name="assessCc" label={t('oncology.peritoneal.assessCc')} valuePropName="checked">
              <Switch />
            </Form.Item>
            {v?.assessCc && (
              <Form.Item name="residualMm" label={t('oncology.peritoneal.residual')} extra={t('oncology.peritoneal.residualHint')}>
                <InputNumber min={0} max={1000} step={0.5} addonAfter="mm" style={{ width: '100%' }} data-testid="field-residual" />
              </Form.Item>
            )}
            {cc?.value && (
              <div style={{ marginBottom: 12 }}>
                CC{colon()}
                <Tag color={cc.value === 'CC-0' || cc.value === 'CC-1' ? 'green' : 'orange'} data-testid="live-cc">
                  {cc.value}
                </Tag>
                <Typography.Text type="secondary">{labelOf(CC_SCORE_OPTIONS, cc.value, lang)}</Typography.Text>
              </div>
            )}
            <Row gutter={8}>
              <Col span={8}>
                <Form.Item name="heightCm" label={t('oncology.peritoneal.height')}>
                  <InputNumber min={50} max={250} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="weightKg" label={t('oncology.peritoneal.weight')}>
                  <InputNumber min={3} max={350} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="bsaM2" label="BSA m²" extra={bsa?.value ? `Mosteller ${bsa.value}` : undefined}>
                  <InputNumber min={0.3} max={3.5} step={0.01} style={{ width: '100%' }} disabled={Boolean(bsa?.value)} />
                </Form.Item>
              </Col>
            </Row>
          </Col>
        </Row>
        <Divider style={{ margin: '8px 0' }} />
        <Space align="center" style={{ marginBottom: 8 }}>
          <Form.Item name="hipecGiven" valuePropName="checked" noStyle>
            <Switch data-testid="field-hipec" onChange={(on) => on && ensureDrugRow()} />
          </Form.Item>
          <Typography.Text strong>HIPEC</Typography.Text>
          {v?.hipecGiven && (
            <Select
              data-testid="field-regimen"
              placeholder={t('oncology.peritoneal.regimen')}
              style={{ width: 360 }}
              options={HIPEC_REGIMENS.map((r) => ({ value: r.id, label: r.label[lang] }))}
              onChange={applyRegimen}
            />
          )}
        </Space>
        {v?.hipecGiven && (
          <>
            <Row gutter={8}>
              <Col span={6}>
                <Form.Item name={['hipec', 'timing']} label={t('oncology.peritoneal.hipecTiming')} rules={required}>
                  <Select options={selectOptions(HIPEC_TIMING_OPTIONS, lang)} popupMatchSelectWidth={false} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name={['hipec', 'technique']} label={t('oncology.peritoneal.technique')} rules={required}>
                  <Select options={selectOptions(HIPEC_TECHNIQUE_OPTIONS, lang)} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name={['hipec', 'carrier']} label={t('oncology.peritoneal.carrier')}>
                  <Select allowClear options={selectOptions(HIPEC_CARRIER_OPTIONS, lang)} popupMatchSelectWidth={false} />
                </Form.Item>
              </Col>
              <Col span={3}>
                <Form.Item name={['hipec', 'carrierVolumeL']} label="L">
                  <InputNumber min={0.1} max={30} step={0.5} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={3}>
                <Form.Item name={['hipec', 'carrierLPerM2']} label="L/m²">
                  <InputNumber min={0.1} max={10} step={0.5} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              {(
                [
                  ['inflowTempC', t('oncology.peritoneal.inflow'), '℃'],
                  ['outflowTempC', t('oncology.peritoneal.outflow'), '℃'],
                  ['durationMin', t('oncology.peritoneal.duration'), 'min'],
                  ['flowMlMin', t('oncology.peritoneal.flow'), 'ml/min'],
                ] as const
              ).map(([name, label, unit]) => (
                <Col span={6} key={name}>
                  <Form.Item name={['hipec', name]} label={label}>
                    <InputNumber step={name.endsWith('C') ? 0.1 : 1} addonAfter={unit} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              ))}
            </Row>
            <Form.List name={['hipec', 'drugs']}>
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f, i) => {
                    const r = doses[i];
                    return (
                      <Row gutter={8} key={f.key} align="middle">
                        <Col span={6}>
                          <Form.Item name={[f.name, 'drug']} label={i === 0 ? t('oncology.peritoneal.drug') : undefined} rules={required}>
                            <Select options={selectOptions(HIPEC_DRUG_OPTIONS, lang)} data-testid={`field-drug-${i}`} />
                          </Form.Item>
                        </Col>
                        <Col span={4}>
                          <Form.Item name={[f.name, 'dose']} label={i === 0 ? t('oncology.peritoneal.dose') : undefined} rules={required}>
                            <InputNumber min={0} max={5000} style={{ width: '100%' }} data-testid={`field-dose-${i}`} />
                          </Form.Item>
                        </Col>
                        <Col span={4}>
                          <Form.Item
                            name={[f.name, 'doseBasis']}
                            label={i === 0 ? t('oncology.peritoneal.basis') : undefined}
                            rules={required}
                          >
                            <Select options={['mg/m2', 'mg/L', 'mg'].map((b) => ({ value: b, label: b.replace('m2', 'm²') }))} />
                          </Form.Item>
                        </Col>
                        <Form.Item name={[f.name, 'fractions']} hidden>
                          <span />
                        </Form.Item>
                        <Col span={9}>
                          {r?.value && (
                            <Typography.Text data-testid={`live-dose-${i}`}>
                              {t('oncology.peritoneal.doseResult', {
                                total: r.value.totalDoseMg,
                                volume: r.value.volumeL ?? '—',
                                concentration: r.value.concentrationMgPerL ?? '—',
                              })}
                              {r.value.fractions.length > 1 &&
                                ` · ${r.value.fractions.map((x) => `${x.doseMg} mg@${x.atMinute ?? 0}′`).join(' / ')}`}
                            </Typography.Text>
                          )}
                          {r?.issues.map((iss) => (
                            <div key={iss.field}>
                              <Typography.Text type="danger">{issueText(iss)}</Typography.Text>
                            </div>
                          ))}
                        </Col>
                        <Col span={1}>
                          <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('oncology.remove')} />
                        </Col>
                      </Row>
                    );
                  })}
                  <Button icon={<PlusOutlined />} onClick={() => add({ doseBasis: 'mg/m2' })} size="small">
                    {t('oncology.peritoneal.addDrug')}
                  </Button>
                </>
              )}
            </Form.List>
          </>
        )}
        {[...(cc?.issues ?? []), ...(bsa?.issues ?? [])].map((i) => (
          <div key={i.field}>
            <Typography.Text type="danger">{issueText(i)}</Typography.Text>
          </div>
        ))}
      </Form>
    </FormShell>
  );
}
