import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, Modal, Radio, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../app/forms';
import { mdtApi, NOT_DELIVERED_REASONS, type NotDeliveredReason, type TrackedItem } from './api';

type Item = Pick<TrackedItem, 'id' | 'version' | 'status'>;

function isFormValidationError(e: unknown): boolean {
  return Boolean(e && typeof e === 'object' && 'errorFields' in e);
}

function Footer({ onCancel, onSave }: { onCancel: () => void; onSave: () => void }) {
  const { t } = useTranslation();
  return (
    <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
      <Button onClick={onCancel}>{t('common.cancel')}</Button>
      <Button type="primary" onClick={onSave} data-testid="item-action-ok">
        {t('common.save')}
      </Button>
    </Space>
  );
}

function DeliverForm({ item, onDone, onCancel }: { item: Item; onDone: () => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ evidence: string; deliveredOn: Dayjs }>();
  const save = async () => {
    try {
      const v = await form.validateFields();
      await mdtApi.deliver(item.id, { evidence: v.evidence, deliveredOn: v.deliveredOn.format('YYYY-MM-DD'), version: item.version });
      onDone();
    } catch (e) {
      if (!isFormValidationError(e) && !applyServerErrors(form, e, i18n.language).placed)
        void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Form form={form} layout="vertical" initialValues={{ deliveredOn: dayjs() }}>
      <Form.Item
        name="evidence"
        label={t('mdt.tracking.evidence')}
        rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        extra={t('mdt.tracking.evidenceHint')}
      >
        <Input.TextArea rows={3} maxLength={1000} data-testid="evidence" autoFocus />
      </Form.Item>
      <Form.Item name="deliveredOn" label={t('mdt.tracking.deliveredOn')} rules={[{ required: true }]}>
        <DatePicker format="YYYY-MM-DD" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Footer onCancel={onCancel} onSave={() => void save()} />
    </Form>
  );
}

function NotDeliveredForm({ item, onDone, onCancel }: { item: Item; onDone: () => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: NotDeliveredReason; reasonText?: string }>();
  const reason = Form.useWatch('reason', form);
  const save = async () => {
    try {
      const v = await form.validateFields();
      await mdtApi.notDelivered(item.id, {
        reason: v.reason,
        ...(v.reasonText ? { reasonText: v.reasonText } : {}),
        version: item.version,
      });
      onDone();
    } catch (e) {
      if (!isFormValidationError(e) && !applyServerErrors(form, e, i18n.language).placed)
        void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Form form={form} layout="vertical">
      <Form.Item name="reason" label={t('mdt.tracking.reason')} rules={[{ required: true, message: t('mdt.tracking.reasonRequired') }]}>
        <Radio.Group options={NOT_DELIVERED_REASONS.map((r) => ({ value: r, label: t(`mdt.reason.${r}`) }))} data-testid="reason" />
      </Form.Item>
      <Form.Item
        name="reasonText"
        label={t('mdt.tracking.reasonText')}
        rules={reason === 'other' ? [{ required: true, whitespace: true, message: t('validation.required') }] : []}
      >
        <Input.TextArea rows={2} maxLength={1000} data-testid="reason-text" />
      </Form.Item>
      <Footer onCancel={onCancel} onSave={() => void save()} />
    </Form>
  );
}

/** Close a tracked item: delivered (evidence, date) or not delivered (a reason from the list; "other" in words). */
export function ItemActions({ item, onChanged }: { item: Item; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [mode, setMode] = useState<'deliver' | 'not' | null>(null);
  if (item.status !== 'pending' && item.status !== 'overdue') return null;
  const done = () => {
    void message.success(t('common.saved'));
    setMode(null);
    onChanged();
  };
  return (
    <>
      <Space size={4}>
        <Button size="small" type="primary" ghost onClick={() => setMode('deliver')} data-testid="deliver">
          {t('mdt.tracking.deliver')}
        </Button>
        <Button size="small" onClick={() => setMode('not')} data-testid="not-delivered">
          {t('mdt.tracking.notDelivered')}
        </Button>
      </Space>
      <Modal
        open={mode !== null}
        title={mode === 'deliver' ? t('mdt.tracking.deliverTitle') : t('mdt.tracking.notDeliveredTitle')}
        onCancel={() => setMode(null)}
        footer={null}
        destroyOnHidden
      >
        {mode === 'deliver' && <DeliverForm item={item} onDone={done} onCancel={() => setMode(null)} />}
        {mode === 'not' && <NotDeliveredForm item={item} onDone={done} onCancel={() => setMode(null)} />}
      </Modal>
    </>
  );
}
