import { colon, paren } from '../../app/format';
import { useEffect, useMemo, useRef } from 'react';
import { Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Space, Switch, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  ANASTOMOSIS_OPTIONS,
  ANASTOMOSIS_TECHNIQUE_OPTIONS,
  ANESTHESIA_METHOD_OPTIONS,
  CONVERSION_REASON_OPTIONS,
  INCISION_CLASS_OPTIONS,
  INCISION_HEALING_OPTIONS,
  LYMPHADENECTOMY_OPTIONS,
  OPERATION_APPROACH_OPTIONS,
  OPERATION_INTENT_OPTIONS,
  OPERATION_LEVEL_OPTIONS,
  OPERATION_URGENCY_OPTIONS,
  PROCEDURES,
  STOMA_INTENT_OPTIONS,
  STOMA_OPTIONS,
  conversionOf,
  operationDurationMinutes,
  postoperativeLengthOfStay,
  procedureIcd9cm3,
  type OperationApproachCode,
} from '@gisurg/clinical';
import { useAuth } from '../../app/auth';
import { oncologyApi, type CreateOperationBody, type Diagnosis, type Operation } from './api';
import type { Prefill } from '@gisurg/contracts/theatre';
import { FormShell } from './FormShell';
import { labelOf, selectOptions, tryClinical, useIssueText, useLang, useSubmit } from './helpers';

type B = CreateOperationBody;

interface Values {
  diagnosisId?: string | null;
  date: Dayjs;
  urgency: NonNullable<CreateOperationBody['urgency']>;
  intent: NonNullable<CreateOperationBody['intent']>;
  approach: OperationApproachCode;
  conversionReason?: B['conversionReason'];
  incisionLengthCm?: number | null;
  procedures: string[];
  lymphadenectomy?: B['lymphadenectomy'];
  surgeonId?: string | null;
  assistantIds?: string[];
  anesthetistName?: string;
  anesthesiaMethod?: B['anesthesiaMethod'];
  operationLevel?: number | null;
  incisionClass?: B['incisionClass'];
  healingGrade?: B['healingGrade'];
  startTime?: Dayjs | null;
  endTime?: Dayjs | null;
  bloodLossMl?: number | null;
  transfusion?: boolean;
  rbcUnits?: number | null;
  anastomosis?: B['anastomosis'];
  anastomosisTechnique?: B['anastomosisTechnique'];
  stoma?: B['stoma'];
  stomaIntent?: B['stomaIntent'];
  dischargeDate?: Dayjs | null;
  notes?: string;
}

const SURGEON_ROLES = ['surgeon', 'department_head', 'resident'];
const ASSISTANT_ROLES = [...SURGEON_ROLES, 'student'];
/** Wall-clock times are the hospital's (Asia/Shanghai, UTC+8): the live duration uses that offset. */
const local = (d: Dayjs) => d.format('YYYY-MM-DDTHH:mm');

/** Record or edit an operation: procedures with ICD-9-CM-3 codes by approach, staff, times, conversion. */
export function OperationForm({
  patientId,
  diagnoses,
  operation,
  prefill = null,
  open,
  onClose,
  onSaved,
}: {
  patientId: string;
  diagnoses: Diagnosis[];
  operation: Operation | null;
  /** A completed theatre booking to record (issue 6): fills the form and links the operation to it. */
  prefill?: Prefill | null;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const issueText = useIssueText();
  const { me } = useAuth();
  const [form] = Form.useForm<Values>();
  const w = Form.useWatch([], form) as Partial<Values> | undefined;
  const { data: staffPage } = useQuery({
    queryKey: ['oncology', 'staff'],
    queryFn: ({ signal }) => oncologyApi.staff(signal),
    staleTime: 60_000,
    enabled: open,
  });
  const staff = useMemo(
    () => (staffPage?.items ?? []).filter((u) => u.organizationId === me?.organization.id && !u.disabled),
    [staffPage, me],
  );

  // Fill the form once per opening (and again only if another operation or booking is opened): a refetch of
  // the diagnoses or of the signed-in user while the dialog is open must not wipe what is being typed.
  const filledFor = useRef<string | null>(null);
  useEffect(() => {
    if (!open) {
      filledFor.current = null;
      return;
    }
    const key = operation ? `operation:${operation.id}:${operation.version}` : `new:${prefill?.bookingId ?? ''}`;
    if (filledFor.current === key) return;
    filledFor.current = key;
    form.resetFields();
    if (operation) {
      form.setFieldsValue({
        diagnosisId: operation.diagnosisId,
        date: dayjs(operation.date),
        urgency: operation.urgency,
        intent: operation.intent,
        approach: operation.approach,
        conversionReason: operation.conversionReason as B['conversionReason'],
        incisionLengthCm: operation.incisionLengthCm,
        procedures: operation.procedures.map((p) => p.code),
        lymphadenectomy: operation.lymphadenectomy as B['lymphadenectomy'],
        surgeonId: operation.surgeon?.id ?? null,
        assistantIds: operation.assistants.map((a) => a.id),
        anesthetistName: operation.anesthetistName ?? '',
        anesthesiaMethod: operation.anesthesiaMethod as B['anesthesiaMethod'],
        operationLevel: operation.operationLevel,
        incisionClass: operation.incisionClass as B['incisionClass'],
        healingGrade: operation.healingGrade as B['healingGrade'],
        startTime: operation.startTime ? dayjs(operation.startTime) : null,
        endTime: operation.endTime ? dayjs(operation.endTime) : null,
        bloodLossMl: operation.bloodLossMl,
        transfusion: operation.transfusion ?? false,
        rbcUnits: operation.rbcUnits,
        anastomosis: operation.anastomosis as B['anastomosis'],
        anastomosisTechnique: operation.anastomosisTechnique as B['anastomosisTechnique'],
        stoma: operation.stoma as B['stoma'],
        stomaIntent: operation.stomaIntent as B['stomaIntent'],
        dischargeDate: operation.dischargeDate ? dayjs(operation.dischargeDate) : null,
        notes: operation.notes ?? '',
      });
    } else {
      form.setFieldsValue({
        urgency: 'elective',
        intent: 'curative',
        approach: 'laparoscopic',
        procedures: [],
        diagnosisId: diagnoses[0]?.id ?? null,
        transfusion: false,
        surgeonId: SURGEON_ROLES.includes(me?.role ?? '') ? me?.user.id : null,
      });
      if (prefill) {
        form.setFieldsValue({
          date: dayjs(prefill.date),
          procedures: prefill.procedures,
          surgeonId: prefill.surgeonId,
          assistantIds: prefill.assistantIds,
          anesthetistName: prefill.anesthetistName ?? '',
          anesthesiaMethod: prefill.anesthesiaMethod,
          startTime: prefill.startTime ? dayjs(prefill.startTime) : null,
          endTime: prefill.endTime ? dayjs(prefill.endTime) : null,
        });
      }
    }
  }, [open, operation, diagnoses, form, me, prefill]);

  const approach = w?.approach ?? 'laparoscopic';
  const duration =
    w?.startTime && w.endTime
      ? tryClinical(() => operationDurationMinutes(`${local(w.startTime!)}+08:00`, `${local(w.endTime!)}+08:00`))
      : null;
  const conversion = tryClinical(() =>
    conversionOf({ approach, conversionReason: w?.conversionReason ?? null, incisionLengthCm: w?.incisionLengthCm ?? null }),
  );
  const los =
    w?.date && w.dischargeDate
      ? tryClinical(() => postoperativeLengthOfStay(w.date!.format('YYYY-MM-DD'), w.dischargeDate!.format('YYYY-MM-DD')))
      : null;
  const procedureOptions = useMemo(() => {
    const groups = [...new Set(PROCEDURES.map((p) => p.group))];
    return groups.map((g) => ({
      label: t(`oncology.procedureGroup.${g}`),
      options: PROCEDURES.filter((p) => p.group === g).map((p) => ({
        value: p.code,
        label: `${p.label[lang]} · ${procedureIcd9cm3(p.code, approach)}`,
      })),
    }));
  }, [lang, approach, t]);

  const submit = useSubmit(
    form,
    async (v) => {
      const body = {
        diagnosisId: v.diagnosisId ?? null,
        date: v.date.format('YYYY-MM-DD'),
        urgency: v.urgency,
        intent: v.intent,
        approach: v.approach,
        conversionReason: v.approach === 'converted' ? (v.conversionReason ?? null) : null,
        incisionLengthCm: v.incisionLengthCm ?? null,
        procedures: v.procedures,
        lymphadenectomy: v.lymphadenectomy ?? null,
        surgeonId: v.surgeonId ?? null,
        assistantIds: v.assistantIds ?? [],
        anesthetistName: v.anesthetistName ?? null,
        anesthesiaMethod: v.anesthesiaMethod ?? null,
        operationLevel: v.operationLevel ?? null,
        incisionClass: v.incisionClass ?? null,
        healingGrade: v.healingGrade ?? null,
        startTime: v.startTime ? local(v.startTime) : null,
        endTime: v.endTime ? local(v.endTime) : null,
        bloodLossMl: v.bloodLossMl ?? null,
        transfusion: v.transfusion ?? null,
        rbcUnits: v.transfusion ? (v.rbcUnits ?? null) : null,
        anastomosis: v.anastomosis ?? null,
        anastomosisTechnique: v.anastomosis && v.anastomosis !== 'none' ? (v.anastomosisTechnique ?? null) : null,
        stoma: v.stoma ?? null,
        stomaIntent: v.stoma && v.stoma !== 'none' ? (v.stomaIntent ?? null) : null,
        dischargeDate: v.dischargeDate ? v.dischargeDate.format('YYYY-MM-DD') : null,
        notes: v.notes ?? null,
      };
      if (operation) await oncologyApi.updateOperation(operation.id, { ...body, version: operation.version });
      else await oncologyApi.createOperation(patientId, prefill ? { ...body, bookingId: prefill.bookingId } : body);
    },
    onSaved,
  );

  const person = (roles: string[]) =>
    staff.filter((u) => roles.includes(u.role)).map((u) => ({ value: u.id, label: `${u.displayName}${paren(t(`role.${u.role}`))}` }));
  return (
    <FormShell
      open={open}
      width={880}
      title={operation ? t('oncology.operation.edit') : t('oncology.operation.new')}
      onClose={onClose}
      onSave={() => void submit.save()}
      testId="operation-form"
      {...submit}
    >
      <Form form={form} layout="vertical">
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="diagnosisId" label={t('oncology.operation.diagnosis')}>
              <Select
                allowClear
                options={diagnoses.map((d) => ({
                  value: d.id,
                  label: `${d.icd10} ${d.icd10Label?.[lang] ?? ''}${paren(d.diagnosisDate)}`,
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="date" label={t('oncology.operation.date')} rules={[{ required: true, message: t('validation.required') }]}>
              <DatePicker
                format="YYYY-MM-DD"
                style={{ width: '100%' }}
                disabledDate={(d) => d.isAfter(dayjs())}
                data-testid="field-op-date"
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="urgency" label={t('oncology.operation.urgency')}>
              <Select options={selectOptions(OPERATION_URGENCY_OPTIONS, lang)} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="approach" label={t('oncology.operation.approach')} rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={selectOptions(OPERATION_APPROACH_OPTIONS, lang)} data-testid="field-approach" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="intent" label={t('oncology.operation.intent')}>
              <Select options={selectOptions(OPERATION_INTENT_OPTIONS, lang)} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="lymphadenectomy" label={t('oncology.operation.lymphadenectomy')}>
              <Select allowClear options={selectOptions(LYMPHADENECTOMY_OPTIONS, lang)} data-testid="field-lymphadenectomy" />
            </Form.Item>
          </Col>
          {approach === 'converted' && (
            <>
              <Col span={12}>
                <Form.Item name="conversionReason" label={t('oncology.operation.conversionReason')}>
                  <Select allowClear options={selectOptions(CONVERSION_REASON_OPTIONS, lang)} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="incisionLengthCm" label={t('oncology.operation.incisionLength')}>
                  <InputNumber min={1} max={100} addonAfter="cm" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </>
          )}
          <Col span={24}>
            <Form.Item
              name="procedures"
              label={t('oncology.operation.procedures')}
              rules={[{ required: true, message: t('validation.required') }]}
              extra={t('oncology.operation.proceduresHint')}
            >
              <Select
                mode="multiple"
                showSearch={{ optionFilterProp: 'label' }}
                options={procedureOptions}
                data-testid="field-procedures"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="surgeonId" label={t('oncology.operation.surgeon')}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={person(SURGEON_ROLES)} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="assistantIds" label={t('oncology.operation.assistants')}>
              <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={person(ASSISTANT_ROLES)} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="anesthetistName" label={t('oncology.operation.anesthetist')}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="anesthesiaMethod" label={t('oncology.operation.anesthesia')}>
              <Select
                allowClear
                options={ANESTHESIA_METHOD_OPTIONS.map((o) => ({ value: o.value, label: `${o.value} ${o.label[lang]}` }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="operationLevel" label={t('oncology.operation.level')}>
              <Select allowClear options={selectOptions(OPERATION_LEVEL_OPTIONS, lang)} popupMatchSelectWidth={false} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="incisionClass" label={t('oncology.operation.incisionClass')}>
              <Select allowClear options={selectOptions(INCISION_CLASS_OPTIONS, lang)} popupMatchSelectWidth={false} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="healingGrade" label={t('oncology.operation.healingGrade')}>
              <Select allowClear options={selectOptions(INCISION_HEALING_OPTIONS, lang)} popupMatchSelectWidth={false} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="startTime" label={t('oncology.operation.start')}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="field-start" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="endTime" label={t('oncology.operation.end')}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="field-end" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="dischargeDate" label={t('oncology.operation.discharge')}>
              <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="bloodLossMl" label={t('oncology.operation.bloodLoss')}>
              <InputNumber min={0} max={30000} addonAfter="ml" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="transfusion" label={t('oncology.operation.transfusion')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          {w?.transfusion && (
            <Col span={6}>
              <Form.Item name="rbcUnits" label={t('oncology.operation.rbcUnits')}>
                <InputNumber min={0} max={100} addonAfter="U" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          )}
          <Col span={8}>
            <Form.Item name="anastomosis" label={t('oncology.operation.anastomosis')}>
              <Select allowClear options={selectOptions(ANASTOMOSIS_OPTIONS, lang)} />
            </Form.Item>
          </Col>
          {w?.anastomosis && w.anastomosis !== 'none' && (
            <Col span={6}>
              <Form.Item name="anastomosisTechnique" label={t('oncology.operation.anastomosisTechnique')}>
                <Select allowClear options={selectOptions(ANASTOMOSIS_TECHNIQUE_OPTIONS, lang)} />
              </Form.Item>
            </Col>
          )}
          <Col span={8}>
            <Form.Item name="stoma" label={t('oncology.operation.stoma')}>
              <Select allowClear options={selectOptions(STOMA_OPTIONS, lang)} />
            </Form.Item>
          </Col>
          {w?.stoma && w.stoma !== 'none' && (
            <Col span={6}>
              <Form.Item name="stomaIntent" label={t('oncology.operation.stomaIntent')}>
                <Select options={selectOptions(STOMA_INTENT_OPTIONS, lang)} />
              </Form.Item>
            </Col>
          )}
          <Col span={24}>
            <Form.Item name="notes" label={t('oncology.notes')}>
              <Input.TextArea maxLength={2000} autoSize={{ minRows: 1, maxRows: 4 }} />
            </Form.Item>
          </Col>
        </Row>
        <Space wrap data-testid="operation-live">
          <span>
            {t('oncology.operation.duration')}
            {colon()}
            <Tag>{duration?.value != null ? t('oncology.minutes', { n: duration.value }) : '—'}</Tag>
          </span>
          <span>
            {t('oncology.operation.conversion')}
            {colon()}
            <Tag color={conversion.value ? 'orange' : 'default'}>{conversion.value ? t('oncology.yes') : t('oncology.no')}</Tag>
          </span>
          <span>
            {t('oncology.operation.los')}
            {colon()}
            <Tag>{los?.value != null ? t('oncology.days', { n: los.value }) : '—'}</Tag>
          </span>
          <span>
            ICD-9-CM-3{colon()}
            {(w?.procedures ?? []).map((c) => (
              <Tag key={c}>{procedureIcd9cm3(c, approach)}</Tag>
            ))}
          </span>
          <Typography.Text type="secondary">{labelOf(OPERATION_APPROACH_OPTIONS, approach, lang)}</Typography.Text>
        </Space>
        {[...(duration?.issues ?? []), ...conversion.issues, ...(los?.issues ?? [])].map((i) => (
          <div key={`${i.field}${i.code}`}>
            <Typography.Text type="danger">{issueText(i)}</Typography.Text>
          </div>
        ))}
      </Form>
    </FormShell>
  );
}
