import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Switch, TimePicker } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { PROCEDURES } from '@gisurg/clinical';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { useAuth } from '../../app/auth';
import { formatDateTime, paren } from '../../app/format';
import { applyServerErrors, useCtrlS } from '../../app/forms';
import { useLang } from '../../app/components/useLang';
import { PatientPicker } from '../../app/components/PatientPicker';
import { useHomeUsers } from '../../app/components/useHomeUsers';
import { ANESTHESIA_KINDS, theatreApi, type Anesthesia, type Booking, type BookingInput, type BookingWarning, type Collision } from './api';

interface Values {
  patientId: string;
  roomId: string;
  date: Dayjs;
  startTime: Dayjs;
  durationMin: number;
  procedures: string[];
  surgeonIds: string[];
  assistantIds?: string[];
  anesthetistIds?: string[];
  nurseIds?: string[];
  anesthesia: Anesthesia;
  equipmentIds?: string[];
  diagnosis?: string;
  notes?: string;
  crsHipec: boolean;
  icuDays?: number;
  expectedStayDays?: number | null;
}

const CATALOGUE = new Set(PROCEDURES.map((p) => p.code));
const CRS_HIPEC = new Set(PROCEDURES.filter((p) => p.cytoreductive || p.code === 'hipec').map((p) => p.code));
const SURGEON_ROLES = ['department_head', 'surgeon', 'resident'];

/** Server field paths → form fields (`surgeonIds[0]` → surgeonIds, `start` → startTime). */
/** One collision as a line: what is taken, by name, and when (hospital time). */
export function CollisionList({ collisions }: { collisions: Collision[] }) {
  const { t } = useTranslation();
  const fmt = (iso: string) => formatDateTime(iso).slice(0, 16);
  return (
    <Alert
      type="error"
      showIcon
      data-testid="collisions"
      title={t('theatre.collisionTitle')}
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {collisions.map((c, i) => (
            <li key={`${c.bookingId}-${c.resourceId}-${i}`}>
              {t('theatre.collisionLine', { kind: t(`theatre.collisionKind.${c.kind}`), name: c.name, from: fmt(c.start), to: fmt(c.end) })}
            </li>
          ))}
        </ul>
      }
    />
  );
}

/** Book an operation, or edit / rebook one. A 409 lists the collisions by name; bed warnings follow saving. */
export function BookingFormModal({
  open,
  booking,
  defaults,
  onClose,
  onSaved,
}: {
  open: boolean;
  booking: Booking | null;
  defaults?: { date?: string; roomId?: string; start?: string };
  onClose: () => void;
  onSaved: (b: Booking & { warnings: BookingWarning[] }) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = useLang();
  const { me } = useAuth();
  const { modal, message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const crsHipec = Form.useWatch('crsHipec', form) as boolean | undefined;
  const procedures = Form.useWatch('procedures', form) as string[] | undefined;
  const [collisions, setCollisions] = useState<Collision[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const users = useHomeUsers();
  const { data: rooms } = useQuery({
    queryKey: ['theatre', 'rooms'],
    queryFn: ({ signal }) => theatreApi.rooms(signal),
    staleTime: 300_000,
    enabled: open,
  });
  const { data: equipment } = useQuery({
    queryKey: ['theatre', 'equipment'],
    queryFn: ({ signal }) => theatreApi.equipment(signal),
    staleTime: 300_000,
    enabled: open,
  });
  const isCrs = Boolean(crsHipec) || (procedures ?? []).some((p) => CRS_HIPEC.has(p));

  useEffect(() => {
    if (!open) return;
    setCollisions([]);
    setError(null);
    form.resetFields();
    if (booking) {
      const role = (r: string) => booking.team.filter((m) => m.role === r).map((m) => m.id);
      form.setFieldsValue({
        roomId: booking.room.id,
        date: dayjs(booking.startLocal.slice(0, 10)),
        startTime: dayjs(booking.startLocal),
        durationMin: booking.durationMin,
        procedures: booking.procedures.map((p) => p.code ?? p.name ?? ''),
        surgeonIds: role('surgeon'),
        assistantIds: role('assistant'),
        anesthetistIds: role('anesthetist'),
        nurseIds: [...role('scrub_nurse'), ...role('circulating_nurse')],
        anesthesia: booking.anesthesia,
        equipmentIds: booking.equipment.map((e) => e.id),
        diagnosis: booking.diagnosis ?? '',
        notes: booking.notes ?? '',
        crsHipec: booking.crsHipec,
        icuDays: booking.icuDays,
        expectedStayDays: booking.expectedStayDays,
      });
    } else {
      form.setFieldsValue({
        date: dayjs(defaults?.date ?? dayjs().format('YYYY-MM-DD')),
        startTime: dayjs(`2000-01-01T${defaults?.start ?? '08:00'}`),
        durationMin: 180,
        anesthesia: 'general',
        procedures: [],
        crsHipec: false,
        icuDays: 1,
        expectedStayDays: null,
        surgeonIds: me && SURGEON_ROLES.includes(me.role) ? [me.user.id] : [],
        ...(defaults?.roomId ? { roomId: defaults.roomId } : {}),
      });
    }
  }, [open, booking, defaults, form, me]);

  const procedureOptions = useMemo(() => {
    const groups = [...new Set(PROCEDURES.map((p) => p.group))];
    return groups.map((g) => ({
      label: t(`oncology.procedureGroup.${g}`),
      options: PROCEDURES.filter((p) => p.group === g).map((p) => ({ value: p.code, label: p.label[lang] })),
    }));
  }, [lang, t]);
  const people = (roles: string[] | null) =>
    users
      .filter((u) => roles === null || roles.includes(u.role))
      .map((u) => ({ value: u.id, label: `${u.displayName}${u.title ? paren(u.title) : ''}` }));

  const save = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setCollisions([]);
    setError(null);
    const body: Omit<BookingInput, 'patientId'> = {
      roomId: v.roomId,
      start: `${v.date.format('YYYY-MM-DD')}T${v.startTime.format('HH:mm')}`,
      durationMin: v.durationMin,
      surgeonIds: v.surgeonIds,
      assistantIds: v.assistantIds ?? [],
      anesthetistIds: v.anesthetistIds ?? [],
      nurseIds: v.nurseIds ?? [],
      procedures: v.procedures.map((p) => (CATALOGUE.has(p) ? { code: p } : { name: p })),
      anesthesia: v.anesthesia,
      equipmentIds: v.equipmentIds ?? [],
      diagnosis: v.diagnosis ?? null,
      notes: v.notes ?? null,
      crsHipec: v.crsHipec,
      ...(isCrs ? { icuDays: v.icuDays ?? 1, expectedStayDays: v.expectedStayDays ?? null } : {}),
    };
    try {
      const saved = booking
        ? await theatreApi.update(booking.id, {
            ...body,
            version: booking.version,
            ...(booking.status === 'postponed' ? { status: 'scheduled' as const } : {}),
          })
        : await theatreApi.create({ ...body, patientId: v.patientId });
      void message.success(booking ? t('theatre.updated') : t('theatre.saved'));
      if (saved.warnings.length > 0) {
        modal.warning({
          title: t('theatre.field.crsHipec'),
          content: (
            <ul style={{ paddingLeft: 18 }} data-testid="booking-warnings">
              {saved.warnings.map((w) => (
                <li key={w.code}>{t(`theatre.warning.${w.code}`, w.dates)}</li>
              ))}
            </ul>
          ),
        });
      }
      onSaved(saved);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && Array.isArray(e.details.collisions)) {
        setCollisions(e.details.collisions as Collision[]);
      } else if (e instanceof ApiError && e.fields.length > 0) {
        const { rest } = applyServerErrors(form, e, i18n.language, { alias: { start: ['startTime'] } });
        if (rest.length > 0) setError(rest.join(' · '));
      } else {
        setError(e instanceof Error ? e.message : String(e));
      }
    } finally {
      setBusy(false);
    }
  };

  useCtrlS(() => {
    if (open && !busy) void save();
  });

  return (
    <Modal
      open={open}
      width={860}
      title={booking ? (booking.status === 'postponed' ? t('theatre.rebookTitle') : t('theatre.editBooking')) : t('theatre.newBooking')}
      onCancel={onClose}
      // Data entry: closed by Cancel or × only, never by Esc or a stray click beside it.
      keyboard={false}
      maskClosable={false}
      onOk={() => void save()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'booking-save' }}
      destroyOnHidden
    >
      {collisions.length > 0 && <CollisionList collisions={collisions} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
      <Form form={form} layout="vertical" style={{ marginTop: 12 }} requiredMark data-testid="booking-form">
        <Row gutter={12}>
          <Col span={12}>
            {booking ? (
              <Form.Item label={t('theatre.field.patient')}>
                <Input
                  disabled
                  value={`${booking.patient.name}${booking.patient.inpatientNo ? ` · ${booking.patient.inpatientNo}` : ''}`}
                  data-testid="field-patient-fixed"
                />
              </Form.Item>
            ) : (
              <Form.Item
                name="patientId"
                label={t('theatre.field.patient')}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <PatientPicker />
              </Form.Item>
            )}
          </Col>
          <Col span={12}>
            <Form.Item name="roomId" label={t('theatre.field.room')} rules={[{ required: true, message: t('validation.required') }]}>
              <Select
                options={(rooms ?? []).map((r) => ({ value: r.id, label: lang === 'en' && r.nameEn ? r.nameEn : r.name }))}
                data-testid="field-room"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="date" label={t('theatre.field.date')} rules={[{ required: true, message: t('validation.required') }]}>
              <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} allowClear={false} data-testid="field-date" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="startTime"
              label={t('theatre.field.startTime')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <TimePicker
                format="HH:mm"
                minuteStep={5}
                style={{ width: '100%' }}
                allowClear={false}
                needConfirm={false}
                data-testid="field-start"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="durationMin"
              label={t('theatre.field.duration')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <InputNumber min={10} max={2880} step={15} style={{ width: '100%' }} data-testid="field-duration" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="procedures"
              label={t('theatre.field.procedures')}
              extra={t('theatre.field.proceduresHelp')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <Select
                mode="tags"
                options={procedureOptions}
                optionFilterProp="label"
                tokenSeparators={['；', ';']}
                data-testid="field-procedures"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="surgeonIds"
              label={t('theatre.field.surgeons')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <Select mode="multiple" options={people(SURGEON_ROLES)} optionFilterProp="label" data-testid="field-surgeons" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="assistantIds" label={t('theatre.field.assistants')}>
              <Select mode="multiple" options={people(SURGEON_ROLES)} optionFilterProp="label" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="anesthetistIds" label={t('theatre.field.anesthetists')}>
              <Select mode="multiple" options={people(null)} optionFilterProp="label" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="nurseIds" label={t('theatre.field.nurses')}>
              <Select mode="multiple" options={people(['nurse'])} optionFilterProp="label" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="anesthesia" label={t('theatre.field.anesthesia')}>
              <Select options={ANESTHESIA_KINDS.map((a) => ({ value: a, label: t(`theatre.anesthesia.${a}`) }))} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="equipmentIds" label={t('theatre.field.equipment')}>
              <Select
                mode="multiple"
                options={(equipment ?? []).map((e) => ({ value: e.id, label: lang === 'en' && e.nameEn ? e.nameEn : e.name }))}
                optionFilterProp="label"
                data-testid="field-equipment"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="diagnosis" label={t('theatre.field.diagnosis')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="notes" label={t('theatre.field.notes')}>
              <Input maxLength={2000} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="crsHipec" label={t('theatre.field.crsHipec')} valuePropName="checked">
              <Switch data-testid="field-crs-hipec" />
            </Form.Item>
          </Col>
          {isCrs && (
            <>
              <Col span={7}>
                <Form.Item name="icuDays" label={t('theatre.field.icuDays')}>
                  <InputNumber min={0} max={30} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={7}>
                <Form.Item name="expectedStayDays" label={t('theatre.field.expectedStay')}>
                  <InputNumber min={1} max={90} style={{ width: '100%' }} placeholder="14" />
                </Form.Item>
              </Col>
            </>
          )}
        </Row>
      </Form>
    </Modal>
  );
}
