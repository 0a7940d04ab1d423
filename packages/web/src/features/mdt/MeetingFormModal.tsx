import { App, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../app/forms';
import { mdtApi, TUMOR_GROUPS, type Meeting, type MeetingKind, type TumorGroup } from './api';
import { useHomeUsers } from '../../app/components/useHomeUsers';

interface Values {
  tumorGroup: TumorGroup;
  kind: MeetingKind;
  date: Dayjs;
  time: Dayjs;
  durationMinutes: number;
  title?: string;
  place?: string;
  videoLink?: string;
  chairUserId?: string;
  repeat?: boolean;
  frequency?: 'weekly' | 'biweekly' | 'monthly';
  occurrences?: number;
}

/** Create a board (or a weekly / fortnightly / monthly series), or edit one. */
export function MeetingFormModal({
  open,
  meeting,
  onClose,
  onSaved,
}: {
  open: boolean;
  meeting: Meeting | null;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const repeat = Form.useWatch('repeat', form);
  const users = useHomeUsers();

  const initial = (): Partial<Values> =>
    meeting
      ? {
          tumorGroup: meeting.tumorGroup,
          kind: meeting.kind,
          date: dayjs(meeting.startsAt),
          time: dayjs(meeting.startsAt),
          durationMinutes: meeting.durationMinutes,
          title: meeting.title ?? '',
          place: meeting.place ?? '',
          videoLink: meeting.videoLink ?? '',
          ...(meeting.chair ? { chairUserId: meeting.chair.id } : {}),
        }
      : {
          tumorGroup: 'gastric',
          kind: 'intra',
          date: dayjs().add(7, 'day'),
          time: dayjs('2000-01-01T16:00'),
          durationMinutes: 90,
          frequency: 'weekly',
          occurrences: 4,
        };

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const startsAt = `${v.date.format('YYYY-MM-DD')}T${v.time.format('HH:mm')}`;
    const body = {
      tumorGroup: v.tumorGroup,
      kind: v.kind,
      startsAt,
      durationMinutes: v.durationMinutes,
      title: v.title ?? null,
      place: v.place ?? null,
      videoLink: v.videoLink ?? null,
      chairUserId: v.chairUserId ?? null,
    };
    try {
      const saved = meeting
        ? await mdtApi.updateMeeting(meeting.id, { ...body, version: meeting.version })
        : await mdtApi.createMeeting({
            ...body,
            ...(v.repeat && v.frequency && v.occurrences ? { repeat: { frequency: v.frequency, occurrences: v.occurrences } } : {}),
          });
      void message.success(t('common.saved'));
      onSaved(saved.id);
    } catch (e) {
      if (!applyServerErrors(form, e, i18n.language).placed) void message.error(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Modal
      open={open}
      title={meeting ? t('mdt.meeting.edit') : t('mdt.meeting.new')}
      onOk={() => void save()}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
      afterOpenChange={(o) => o && form.setFieldsValue(initial())}
      width={720}
      okButtonProps={{ 'data-testid': 'save-meeting' }}
    >
      <Form form={form} layout="vertical" className="gisurg-two-columns" initialValues={initial()}>
        <Form.Item name="tumorGroup" label={t('mdt.meeting.tumorGroup')} rules={[{ required: true }]}>
          <Select options={TUMOR_GROUPS.map((g) => ({ value: g, label: t(`mdt.tumorGroup.${g}`) }))} data-testid="field-tumorGroup" />
        </Form.Item>
        <Form.Item name="kind" label={t('mdt.meeting.kind')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={(['intra', 'inter'] as const).map((k) => ({ value: k, label: t(`mdt.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="date" label={t('mdt.meeting.date')} rules={[{ required: true, message: t('validation.required') }]}>
          <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} data-testid="field-date" />
        </Form.Item>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item
            name="time"
            label={t('mdt.meeting.time')}
            rules={[{ required: true, message: t('validation.required') }]}
            style={{ flex: 1 }}
          >
            <TimePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} data-testid="field-time" />
          </Form.Item>
          <Form.Item name="durationMinutes" label={t('mdt.meeting.duration')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <InputNumber min={10} max={720} step={15} addonAfter={t('mdt.meeting.minutes')} style={{ width: '100%' }} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="title" label={t('mdt.meeting.title')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="chairUserId" label={t('mdt.meeting.chair')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={users.map((u) => ({ value: u.id, label: `${u.displayName}${u.title ? ` · ${u.title}` : ''}` }))}
          />
        </Form.Item>
        <Form.Item name="place" label={t('mdt.meeting.place')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="videoLink" label={t('mdt.meeting.videoLink')}>
          <Input maxLength={500} placeholder="https://" />
        </Form.Item>
        {!meeting && (
          <>
            <Form.Item name="repeat" valuePropName="checked" label={t('mdt.meeting.series')}>
              <Checkbox>{t('mdt.meeting.repeat')}</Checkbox>
            </Form.Item>
            {repeat && (
              <Space.Compact style={{ width: '100%' }}>
                <Form.Item name="frequency" label={t('mdt.meeting.frequency')} style={{ flex: 1 }}>
                  <Select
                    options={(['weekly', 'biweekly', 'monthly'] as const).map((f) => ({ value: f, label: t(`mdt.frequency.${f}`) }))}
                  />
                </Form.Item>
                <Form.Item name="occurrences" label={t('mdt.meeting.occurrences')} style={{ flex: 1 }}>
                  <InputNumber min={2} max={52} style={{ width: '100%' }} />
                </Form.Item>
              </Space.Compact>
            )}
          </>
        )}
      </Form>
    </Modal>
  );
}
