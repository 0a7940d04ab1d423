import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Col, DatePicker, Form, Input, Radio, Row, Select, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { validateResidentId } from '@gisurg/clinical';
import { ApiError } from '../../app/api';
import { useMe } from '../../app/auth';
import { applyServerErrors, useCtrlS, useUnsavedChangesWarning } from '../../app/forms';
import { todayInHospital } from '../../app/format';
import type { Patient } from '../../app/types';
import { patientsApi, type PatientInput } from './api';

interface FormValues {
  name: string;
  sex: Patient['sex'];
  birthDate: Dayjs | null;
  idType: Patient['idType'];
  idNumber: string;
  inpatientNo: string;
  phone: string;
  ethnicity: string;
  address: string;
  allergies: string;
  sourceOrganizationId: string | null;
}

function toValues(p: Patient | null): Partial<FormValues> {
  if (!p) return { sex: undefined, idType: 'resident_id', sourceOrganizationId: null, ethnicity: '汉族' };
  return {
    name: p.name,
    sex: p.sex,
    birthDate: dayjs(p.birthDate),
    idType: p.idType,
    idNumber: p.idNumberMasked ? '' : (p.idNumber ?? ''),
    inpatientNo: p.inpatientNo ?? '',
    phone: p.idNumberMasked ? '' : (p.phone ?? ''),
    ethnicity: p.ethnicity ?? '',
    address: p.address ?? '',
    allergies: p.allergies ?? '',
    sourceOrganizationId: p.sourceOrganizationId,
  };
}

/**
 * Create or edit a patient. The resident ID is checked as it is typed with the same GB 11643 function the
 * server uses (@gisurg/clinical), and fills in birth date and sex; the server's field messages show inline.
 * Enter moves to the next field, Ctrl+S saves, leaving with unsaved changes asks first.
 */
export function PatientForm({
  patient,
  onSaved,
  onCancel,
}: {
  patient: Patient | null;
  onSaved: (p: Patient) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const idType = Form.useWatch('idType', form);
  const { data: orgs } = useQuery({
    queryKey: ['organizations', 'all'],
    queryFn: ({ signal }) => patientsApi.externalOrganizations(signal),
    staleTime: 60_000,
  });
  // An external doctor's patients are referrals from their own hospital: that is the source, fixed.
  const me = useMe();
  const ownExternal = me && me.organization.kind !== 'home' ? me.organization : null;
  const ownExternalId = ownExternal?.id ?? null;
  const externalOrgs = useMemo(
    () => (ownExternal ? [ownExternal] : (orgs?.items ?? []).filter((o) => o.kind !== 'home' && !('disabled' in o && o.disabled))),
    [orgs, ownExternal],
  );
  const masked = Boolean(patient?.idNumberMasked);

  useEffect(() => {
    form.setFieldsValue({ ...toValues(patient), ...(ownExternalId && !patient ? { sourceOrganizationId: ownExternalId } : {}) });
    setDirty(false);
  }, [patient, form, ownExternalId]);

  const markClean = useUnsavedChangesWarning(dirty, t('common.unsavedChanges'));

  const save = useCallback(async () => {
    setError(null);
    let v: FormValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const input: PatientInput = {
      name: v.name,
      sex: v.sex,
      birthDate: v.birthDate ? v.birthDate.format('YYYY-MM-DD') : '',
      idType: v.idType,
      idNumber: v.idNumber?.trim() || null,
      inpatientNo: v.inpatientNo?.trim() || null,
      phone: v.phone?.trim() || null,
      ethnicity: v.ethnicity?.trim() || null,
      address: v.address?.trim() || null,
      allergies: v.allergies?.trim() || null,
      sourceOrganizationId: v.sourceOrganizationId ?? null,
    };
    if (masked) {
      // Masked fields were never shown: send them only when the user typed a new value.
      if (!input.idNumber) delete (input as Partial<PatientInput>).idNumber;
      if (!input.phone) delete (input as Partial<PatientInput>).phone;
    }
    setSaving(true);
    try {
      const saved = patient ? await patientsApi.update(patient.id, patient.version, input) : await patientsApi.create(input);
      markClean();
      setDirty(false);
      onSaved(saved);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.details.currentVersion) setConflict(e.details.currentVersion);
      else if (!applyServerErrors(form, e, i18n.language).placed) setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  }, [form, i18n.language, markClean, masked, onSaved, patient]);

  useCtrlS(() => void save());

  const checkId = (_r: unknown, value: string | undefined) => {
    if (form.getFieldValue('idType') !== 'resident_id') return Promise.resolve();
    if (!value) return Promise.resolve();
    const r = validateResidentId(value, { today: todayInHospital() });
    return r.valid ? Promise.resolve() : Promise.reject(new Error(t(`validation.idNumber.${r.reason ?? 'format'}`)));
  };

  const onValuesChange = (changed: Partial<FormValues>) => {
    setDirty(true);
    if (typeof changed.idNumber === 'string' && form.getFieldValue('idType') === 'resident_id') {
      const r = validateResidentId(changed.idNumber, { today: todayInHospital() });
      if (r.valid && r.birthDate && r.sex) {
        form.setFieldsValue({ birthDate: dayjs(r.birthDate), sex: r.sex });
        void form.validateFields(['birthDate', 'sex']).catch(() => undefined);
      }
    }
  };

  // Enter moves to the next field instead of submitting (UX.md); Ctrl+S saves.
  const onKeyDown = (e: React.KeyboardEvent<HTMLFormElement>) => {
    const target = e.target as HTMLElement;
    if (e.key !== 'Enter' || target.tagName === 'TEXTAREA' || target.getAttribute('role') === 'combobox') return;
    e.preventDefault();
    const fields = Array.from(
      e.currentTarget.querySelectorAll<HTMLElement>('input:not([type=hidden]):not([disabled]), textarea, .ant-select-selector'),
    );
    const i = fields.indexOf(target);
    fields[i + 1]?.focus();
  };

  return (
    <Form
      form={form}
      layout="vertical"
      onValuesChange={onValuesChange}
      onKeyDown={onKeyDown}
      data-testid="patient-form"
      style={{ maxWidth: 880 }}
    >
      {conflict !== null && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('common.conflict', { version: conflict })}
          action={<Button onClick={() => window.location.reload()}>{t('common.reload')}</Button>}
        />
      )}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item
            name="name"
            label={t('patient.name')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input maxLength={50} autoFocus data-testid="field-name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="idType" label={t('patient.idType')} rules={[{ required: true }]}>
            <Select options={(['resident_id', 'passport', 'other'] as const).map((v) => ({ value: v, label: t(`idType.${v}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="idNumber"
            label={t('patient.idNumber')}
            rules={[{ validator: checkId }]}
            extra={masked ? t('patient.maskedHint', { value: patient?.idNumber }) : undefined}
            validateDebounce={300}
          >
            <Input maxLength={40} data-testid="field-idNumber" placeholder={idType === 'resident_id' ? t('patient.idPlaceholder') : ''} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="sex" label={t('patient.sex')} rules={[{ required: true, message: t('validation.required') }]}>
            <Radio.Group
              optionType="button"
              options={(['male', 'female', 'unknown'] as const).map((v) => ({ value: v, label: t(`sex.${v}`) }))}
              data-testid="field-sex"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="birthDate" label={t('patient.birthDate')} rules={[{ required: true, message: t('validation.required') }]}>
            <DatePicker
              format="YYYY-MM-DD"
              style={{ width: '100%' }}
              disabledDate={(d) => d.isAfter(dayjs())}
              data-testid="field-birthDate"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="inpatientNo" label={t('patient.inpatientNo')}>
            <Input maxLength={30} data-testid="field-inpatientNo" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="phone"
            label={t('patient.phone')}
            extra={masked && patient?.phone ? t('patient.maskedHint', { value: patient.phone }) : undefined}
          >
            <Input maxLength={30} data-testid="field-phone" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="ethnicity" label={t('patient.ethnicity')}>
            <Input maxLength={20} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="sourceOrganizationId" label={t('patient.source')}>
            <Select
              allowClear={!ownExternal}
              disabled={Boolean(ownExternal)}
              data-testid="field-source"
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('patient.sourceNone')}
              options={externalOrgs.map((o) => ({ value: o.id, label: o.name }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="address" label={t('patient.address')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="allergies" label={t('patient.allergies')}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} />
          </Form.Item>
        </Col>
      </Row>
      <Space>
        <Button type="primary" onClick={() => void save()} loading={saving} data-testid="save-patient">
          {t('common.save')} <span style={{ opacity: 0.6, marginLeft: 4 }}>Ctrl+S</span>
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
