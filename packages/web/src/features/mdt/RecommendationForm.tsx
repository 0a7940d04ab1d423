import { useState } from 'react';
import { App, AutoComplete, Button, Checkbox, DatePicker, Divider, Form, Input, Radio, Select, Space, Switch, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../app/forms';
import {
  mdtApi,
  PLAN_ITEM_KINDS,
  SPECIALTIES,
  SURGICAL_APPROACHES,
  TREATMENT_TIMINGS,
  type Intent,
  type PlanItemKind,
  type Recommendation,
  type SurgicalApproach,
  type TreatmentTiming,
  type TumorGroup,
} from './api';
import { useSpecialtyName } from './labels';
import { SpecialtyInput } from './ParticipantsCard';
import { useHomeUsers } from '../../app/components/useHomeUsers';

/** Usual time to carry out each kind of plan item, in days (the form's default due date; always editable). */
const DUE_IN_DAYS: Record<PlanItemKind, number> = {
  surgery: 28,
  crs_hipec: 28,
  chemotherapy: 14,
  radiotherapy: 21,
  imaging: 14,
  biopsy: 14,
  trial: 30,
  supportive: 14,
  follow_up: 90,
};

const GUIDELINES: Record<TumorGroup, string[]> = {
  gastric: ['CSCO 胃癌诊疗指南', '国家卫健委《胃癌诊疗指南》', 'NCCN Gastric Cancer', 'JGCA Gastric Cancer Treatment Guidelines'],
  colorectal: ['CSCO 结直肠癌诊疗指南', '《中国结直肠癌诊疗规范》', 'NCCN Colon Cancer', 'NCCN Rectal Cancer', 'NCCN Anal Carcinoma'],
  peritoneal: ['《中国腹腔热灌注化疗技术临床应用专家共识》', '《胃癌腹膜转移诊治中国专家共识》', 'PSOGI consensus', 'NCCN Colon Cancer'],
};

interface ItemValues {
  kind: PlanItemKind;
  dueDate: Dayjs;
  detail?: string;
  approach?: SurgicalApproach;
  timing?: TreatmentTiming;
  requiresAdmission?: boolean;
}
interface Values {
  intent: Intent;
  items: ItemValues[];
  summary?: string;
  guideline?: string;
  guidelineVersion?: string;
  deviationReason?: string;
  consensus: boolean;
  dissent?: { name?: string; specialty?: string; view: string }[];
  executingSpecialty?: string;
  responsibleUserId?: string;
}

/** The board's recommendation in structure; each plan item becomes a tracked item with its due date. */
export function RecommendationForm({
  caseId,
  tumorGroup,
  onSaved,
  large = false,
}: {
  caseId: string;
  tumorGroup: TumorGroup;
  onSaved: (r: Recommendation) => void;
  large?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const specialty = useSpecialtyName();
  const users = useHomeUsers();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const consensus = Form.useWatch('consensus', form);
  const items = Form.useWatch('items', form);

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      const rec = await mdtApi.recommend(caseId, {
        intent: v.intent,
        items: v.items.map((i) => ({
          kind: i.kind,
          dueDate: i.dueDate.format('YYYY-MM-DD'),
          detail: i.detail ?? null,
          approach: i.approach ?? null,
          timing: i.timing ?? null,
          requiresAdmission: Boolean(i.requiresAdmission),
        })),
        summary: v.summary ?? null,
        guideline: v.guideline ?? null,
        guidelineVersion: v.guidelineVersion ?? null,
        deviationReason: v.deviationReason ?? null,
        consensus: v.consensus,
        dissent: v.consensus ? [] : (v.dissent ?? []),
        executingSpecialty: v.executingSpecialty ?? null,
        responsibleUserId: v.responsibleUserId ?? null,
      });
      void message.success(t('mdt.recommendation.saved'));
      onSaved(rec);
    } catch (e) {
      if (!applyServerErrors(form, e, i18n.language).placed) void message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      size={large ? 'large' : 'middle'}
      initialValues={{
        intent: 'curative',
        consensus: true,
        items: [{ kind: 'surgery', dueDate: dayjs().add(DUE_IN_DAYS.surgery, 'day') }],
        executingSpecialty: 'surgery',
      }}
      data-testid="recommendation-form"
    >
      <Form.Item name="intent" label={t('mdt.recommendation.intent')} rules={[{ required: true }]}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={(['curative', 'palliative'] as const).map((i) => ({ value: i, label: t(`mdt.intent.${i}`) }))}
        />
      </Form.Item>
      <Typography.Text strong>{t('mdt.recommendation.plan')}</Typography.Text>
      <Form.List name="items">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => {
              const kind = items?.[i]?.kind;
              return (
                <div
                  key={f.key}
                  style={{ border: '1px solid #f0f0f0', borderRadius: 4, padding: '8px 8px 0', margin: '8px 0' }}
                  data-testid={`plan-item-${i}`}
                >
                  <Space align="start" wrap>
                    <Form.Item name={[f.name, 'kind']} rules={[{ required: true }]} style={{ width: 200 }}>
                      <Select
                        data-testid={`item-kind-${i}`}
                        options={PLAN_ITEM_KINDS.map((k) => ({ value: k, label: t(`mdt.itemKind.${k}`) }))}
                        onChange={(k: PlanItemKind) => form.setFieldValue(['items', f.name, 'dueDate'], dayjs().add(DUE_IN_DAYS[k], 'day'))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'dueDate']}
                      rules={[{ required: true, message: t('validation.required') }]}
                      tooltip={t('mdt.recommendation.dueDate')}
                    >
                      <DatePicker format="YYYY-MM-DD" placeholder={t('mdt.recommendation.dueDate')} />
                    </Form.Item>
                    {(kind === 'surgery' || kind === 'crs_hipec') && (
                      <Form.Item name={[f.name, 'approach']} style={{ width: 130 }}>
                        <Select
                          allowClear
                          placeholder={t('mdt.recommendation.approach')}
                          options={SURGICAL_APPROACHES.map((a) => ({
                            value: a,
                            label: t(`mdt.approach.${a}`),
                          }))}
                        />
                      </Form.Item>
                    )}
                    {(kind === 'chemotherapy' || kind === 'radiotherapy') && (
                      <Form.Item name={[f.name, 'timing']} style={{ width: 130 }}>
                        <Select
                          allowClear
                          placeholder={t('mdt.recommendation.timing')}
                          options={TREATMENT_TIMINGS.map((a) => ({ value: a, label: t(`mdt.timing.${a}`) }))}
                        />
                      </Form.Item>
                    )}
                    {kind !== 'surgery' && kind !== 'crs_hipec' && (
                      <Form.Item name={[f.name, 'requiresAdmission']} valuePropName="checked">
                        <Checkbox>{t('mdt.recommendation.requiresAdmission')}</Checkbox>
                      </Form.Item>
                    )}
                    {fields.length > 1 && (
                      <Button
                        type="text"
                        icon={<MinusCircleOutlined />}
                        onClick={() => remove(f.name)}
                        aria-label={t('mdt.recommendation.removeItem')}
                      />
                    )}
                  </Space>
                  <Form.Item name={[f.name, 'detail']}>
                    <Input maxLength={500} placeholder={t('mdt.recommendation.detail')} />
                  </Form.Item>
                </div>
              );
            })}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ kind: 'chemotherapy', dueDate: dayjs().add(DUE_IN_DAYS.chemotherapy, 'day') })}
              block
              data-testid="add-item"
            >
              {t('mdt.recommendation.addItem')}
            </Button>
          </>
        )}
      </Form.List>
      <Divider style={{ margin: '12px 0' }} />
      <Form.Item name="summary" label={t('mdt.recommendation.summary')}>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
      <Space.Compact style={{ width: '100%' }}>
        <Form.Item name="guideline" label={t('mdt.recommendation.guideline')} style={{ flex: 3 }}>
          <AutoComplete options={GUIDELINES[tumorGroup].map((g) => ({ value: g }))} allowClear />
        </Form.Item>
        <Form.Item name="guidelineVersion" label={t('mdt.recommendation.guidelineVersion')} style={{ flex: 1 }}>
          <Input maxLength={50} placeholder="2024" />
        </Form.Item>
      </Space.Compact>
      <Form.Item name="deviationReason" label={t('mdt.recommendation.deviationReason')} extra={t('mdt.recommendation.deviationHint')}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <Form.Item name="consensus" label={t('mdt.recommendation.consensus')} valuePropName="checked">
        <Switch
          checkedChildren={t('mdt.recommendation.consensusYes')}
          unCheckedChildren={t('mdt.recommendation.consensusNo')}
          data-testid="consensus"
        />
      </Form.Item>
      {consensus === false && (
        <Form.List name="dissent" initialValue={[{ view: '' }]}>
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap>
                  <Form.Item name={[f.name, 'name']}>
                    <Input placeholder={t('mdt.participants.name')} maxLength={50} style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'specialty']}>
                    <SpecialtyInput />
                  </Form.Item>
                  <Form.Item name={[f.name, 'view']} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
                    <Input placeholder={t('mdt.recommendation.dissentView')} maxLength={1000} style={{ width: 260 }} />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => add({ view: '' })}>
                {t('mdt.recommendation.addDissent')}
              </Button>
            </>
          )}
        </Form.List>
      )}
      <Space.Compact style={{ width: '100%', marginTop: 12 }}>
        <Form.Item name="executingSpecialty" label={t('mdt.recommendation.executingSpecialty')} style={{ flex: 1 }}>
          <Select allowClear options={SPECIALTIES.map((s) => ({ value: s, label: specialty(s) }))} />
        </Form.Item>
        <Form.Item name="responsibleUserId" label={t('mdt.recommendation.responsible')} style={{ flex: 1 }}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={users.map((u) => ({ value: u.id, label: `${u.displayName}${u.title ? ` · ${u.title}` : ''}` }))}
          />
        </Form.Item>
      </Space.Compact>
      <Button type="primary" loading={busy} onClick={() => void save()} block data-testid="save-recommendation">
        {t('mdt.recommendation.save')}
      </Button>
    </Form>
  );
}
