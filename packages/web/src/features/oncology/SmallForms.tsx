import { colon, paren } from '../../app/format';
import { useEffect, useState } from 'react';
import { Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  CLAVIEN_DINDO_OPTIONS,
  COMPLICATION_TYPE_OPTIONS,
  ECOG_OPTIONS,
  ISREC_LEAK_GRADE_OPTIONS,
  KARNOFSKY_OPTIONS,
  TUMOR_MARKER_OPTIONS,
  complicationIndexWithin,
  ecogFromKarnofsky,
} from '@gisurg/clinical';
import {
  oncologyApi,
  type Complication,
  type CreateComplicationBody,
  type CreateMarkerBody,
  type CreatePerformanceStatusBody,
  type Marker,
  type Operation,
  type PerformanceStatus,
} from './api';
import { FormShell } from './FormShell';
import { selectOptions, tryClinical, useIssueText, useLang, useSubmit } from './helpers';

/** Record or edit a complication; the operation's CCI over 30 and 90 days shows live (complicationIndexWithin). */
export function ComplicationForm({
  operation,
  complication = null,
  open,
  onClose,
  onSaved,
}: {
  operation: Operation;
  complication?: Complication | null;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const issueText = useIssueText();
  const [form] = Form.useForm<{
    date: Dayjs;
    type: CreateComplicationBody['type'];
    typeOther?: string;
    isrecGrade?: CreateComplicationBody['isrecGrade'];
    grade: string;
    atDischarge?: 'd' | null;
    treatment?: string;
  }>();
  const v = Form.useWatch([], form) as { date?: Dayjs; type?: string; grade?: string; atDischarge?: string } | undefined;
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (complication) {
      form.setFieldsValue({
        date: dayjs(complication.date),
        type: complication.type,
        typeOther: complication.typeOther ?? undefined,
        isrecGrade: complication.isrecGrade,
        grade: complication.grade.replace(/d$/, ''),
        atDischarge: complication.disability ? 'd' : null,
        treatment: complication.treatment ?? undefined,
      });
    }
  }, [open, form, complication]);
  const grade = v?.grade ? `${v.grade}${v.atDischarge === 'd' ? 'd' : ''}` : null;
  const others = operation.complications.filter((c) => c.id !== complication?.id);
  const list = [
    ...others.map((c) => ({ date: c.date, grade: c.grade })),
    ...(v?.date && grade ? [{ date: v.date.format('YYYY-MM-DD'), grade }] : []),
  ];
  const w30 = tryClinical(() => complicationIndexWithin({ operationDate: operation.date, complications: list, days: 30 }));
  const w90 = tryClinical(() => complicationIndexWithin({ operationDate: operation.date, complications: list, days: 90 }));
  const submit = useSubmit(
    form,
    async (x) => {
      const body = {
        date: x.date.format('YYYY-MM-DD'),
        type: x.type,
        typeOther: x.type === 'other' ? (x.typeOther ?? null) : null,
        isrecGrade: x.type === 'anastomotic_leak' ? (x.isrecGrade ?? null) : null,
        grade: `${x.grade}${x.atDischarge === 'd' ? 'd' : ''}`,
        treatment: x.treatment ?? null,
      };
      if (complication) await oncologyApi.updateComplication(complication.id, { ...body, version: complication.version });
      else await oncologyApi.createComplication(operation.id, body);
    },
    onSaved,
  );
  return (
    <FormShell
      open={open}
      width={640}
      title={
        complication ? t('oncology.complication.edit', { date: operation.date }) : t('oncology.complication.new', { date: operation.date })
      }
      onClose={onClose}
      onSave={() => void submit.save()}
      testId="complication-form"
      {...submit}
    >
      <Form form={form} layout="vertical">
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="date" label={t('oncology.complication.date')} rules={[{ required: true, message: t('validation.required') }]}>
              <DatePicker
                format="YYYY-MM-DD"
                style={{ width: '100%' }}
                disabledDate={(d) => d.isBefore(dayjs(operation.date)) || d.isAfter(dayjs())}
                data-testid="field-complication-date"
              />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="type" label={t('oncology.complication.type')} rules={[{ required: true, message: t('validation.required') }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={selectOptions(COMPLICATION_TYPE_OPTIONS, lang)}
                data-testid="field-complication-type"
              />
            </Form.Item>
          </Col>
          {v?.type === 'other' && (
            <Col span={24}>
              <Form.Item name="typeOther" label={t('oncology.complication.typeOther')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
          )}
          <Col span={12}>
            <Form.Item
              name="grade"
              label={t('oncology.complication.grade')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <Select
                options={CLAVIEN_DINDO_OPTIONS.filter((o) => o.recordable).map((o) => ({ value: o.value, label: o.label[lang] }))}
                popupMatchSelectWidth={520}
                optionRender={(o) => <span style={{ whiteSpace: 'normal' }}>{o.label}</span>}
                labelRender={(o) => String(o.value)}
                data-testid="field-complication-grade"
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="atDischarge" label={t('oncology.complication.dSuffix')}>
              <Select allowClear options={[{ value: 'd', label: t('oncology.complication.dYes') }]} />
            </Form.Item>
          </Col>
          {v?.type === 'anastomotic_leak' && (
            <Col span={6}>
              <Form.Item name="isrecGrade" label="ISREC">
                <Select allowClear options={selectOptions(ISREC_LEAK_GRADE_OPTIONS, lang)} popupMatchSelectWidth={360} />
              </Form.Item>
            </Col>
          )}
          <Col span={24}>
            <Form.Item name="treatment" label={t('oncology.complication.treatment')}>
              <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 3 }} />
            </Form.Item>
          </Col>
        </Row>
        <div data-testid="complication-live">
          CCI{paren(`30 ${t('oncology.daysUnit')}`)}
          {colon()}
          <Tag color="purple" data-testid="live-cci30">
            {w30.value?.cci ?? '—'}
          </Tag>
          CCI{paren(`90 ${t('oncology.daysUnit')}`)}
          {colon()}
          <Tag>{w90.value?.cci ?? '—'}</Tag>
          {t('oncology.complication.highest')}
          {colon()}
          <Tag>{w30.value?.highest ?? '—'}</Tag>
        </div>
        {w30.issues.map((i) => (
          <Typography.Text key={i.field} type="danger">
            {issueText(i)}
          </Typography.Text>
        ))}
      </Form>
    </FormShell>
  );
}

/** Tumour marker result in its unit, with the lab's upper limit. */
export function MarkerForm({
  patientId,
  marker: record = null,
  open,
  onClose,
  onSaved,
}: {
  patientId: string;
  marker?: Marker | null;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<{ marker: CreateMarkerBody['marker']; value: number; upperLimit?: number | null; date: Dayjs }>();
  const marker = Form.useWatch('marker', form);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (record)
      form.setFieldsValue({ marker: record.marker, value: record.value, upperLimit: record.upperLimit, date: dayjs(record.date) });
  }, [open, form, record]);
  const unit = TUMOR_MARKER_OPTIONS.find((o) => o.value === marker)?.unit;
  const submit = useSubmit(
    form,
    async (x) => {
      const body = { marker: x.marker, value: x.value, upperLimit: x.upperLimit ?? null, date: x.date.format('YYYY-MM-DD') };
      return record ? oncologyApi.updateMarker(record.id, { ...body, version: record.version }) : oncologyApi.createMarker(patientId, body);
    },
    onSaved,
  );
  return (
    <FormShell
      open={open}
      width={520}
      title={t('oncology.marker.new')}
      onClose={onClose}
      onSave={() => void submit.save()}
      testId="marker-form"
      {...submit}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="marker" label={t('oncology.marker.marker')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={selectOptions(TUMOR_MARKER_OPTIONS, lang)} />
        </Form.Item>
        <Form.Item name="value" label={t('oncology.marker.value')} rules={[{ required: true, message: t('validation.required') }]}>
          <InputNumber min={0} style={{ width: '100%' }} addonAfter={unit} />
        </Form.Item>
        <Form.Item name="upperLimit" label={t('oncology.marker.upperLimit')}>
          <InputNumber min={0} style={{ width: '100%' }} addonAfter={unit} />
        </Form.Item>
        <Form.Item name="date" label={t('oncology.marker.date')} rules={[{ required: true, message: t('validation.required') }]}>
          <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} />
        </Form.Item>
      </Form>
    </FormShell>
  );
}

/** ECOG and/or KPS; an approximate ECOG from the KPS shows beside it (never replacing a recorded ECOG). */
export function PerformanceStatusForm({
  patientId,
  record = null,
  open,
  onClose,
  onSaved,
}: {
  patientId: string;
  record?: PerformanceStatus | null;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<{
    date: Dayjs;
    ecog?: number | null;
    kps?: number | null;
    setting?: CreatePerformanceStatusBody['setting'];
  }>();
  const kps = Form.useWatch('kps', form);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (record) form.setFieldsValue({ date: dayjs(record.date), ecog: record.ecog, kps: record.kps, setting: record.setting });
  }, [open, form, record]);
  const approx = typeof kps === 'number' ? tryClinical(() => ecogFromKarnofsky(kps)).value : null;
  const submit = useSubmit(
    form,
    async (x) => {
      const body = { date: x.date.format('YYYY-MM-DD'), ecog: x.ecog ?? null, kps: x.kps ?? null, setting: x.setting ?? null };
      return record
        ? oncologyApi.updatePerformanceStatus(record.id, { ...body, version: record.version })
        : oncologyApi.createPerformanceStatus(patientId, body);
    },
    onSaved,
  );
  return (
    <FormShell
      open={open}
      width={560}
      title={t('oncology.ps.new')}
      onClose={onClose}
      onSave={() => void submit.save()}
      testId="ps-form"
      {...submit}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="date" label={t('oncology.ps.date')} rules={[{ required: true, message: t('validation.required') }]}>
          <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} />
        </Form.Item>
        <Form.Item name="setting" label={t('oncology.ps.setting')}>
          <Select
            allowClear
            options={['preoperative', 'postoperative', 'before_chemotherapy', 'follow_up', 'other'].map((s) => ({
              value: s,
              label: t(`oncology.ps.settings.${s}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="ecog" label="ECOG">
          <Select allowClear options={selectOptions(ECOG_OPTIONS, lang)} popupMatchSelectWidth={520} />
        </Form.Item>
        <Form.Item name="kps" label="KPS" extra={approx ? t('oncology.ps.approx', { ecog: approx.ecog }) : undefined}>
          <Select allowClear options={selectOptions(KARNOFSKY_OPTIONS, lang)} popupMatchSelectWidth={520} />
        </Form.Item>
      </Form>
    </FormShell>
  );
}

/** Soft delete with a reason (kept with the record and in the audit log). */
export function DeleteDialog({
  open,
  title,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  title: string;
  onCancel: () => void;
  onConfirm: (reason: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) {
      setReason('');
      setError(null);
    }
  }, [open]);
  return (
    <Modal
      open={open}
      title={title}
      okText={t('oncology.delete')}
      okButtonProps={{ danger: true, disabled: reason.trim().length < 2, loading: busy }}
      onCancel={onCancel}
      onOk={() => {
        setBusy(true);
        onConfirm(reason.trim())
          .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
          .finally(() => setBusy(false));
      }}
    >
      <Typography.Paragraph>{t('oncology.deleteHint')}</Typography.Paragraph>
      <Input.TextArea
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        maxLength={500}
        placeholder={t('oncology.deleteReason')}
        data-testid="delete-reason"
      />
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Modal>
  );
}
