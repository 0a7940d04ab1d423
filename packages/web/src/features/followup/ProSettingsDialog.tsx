import { App, Checkbox, Form, InputNumber, Modal, Select, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProThresholds } from '@gisurg/contracts/followup';
import { ErrorAlert } from '../../app/ErrorAlert';
import { applyServerErrors } from '../../app/forms';
import { useFollowUpSettings, useSaveFollowUpSettings } from './api';

interface SettingsForm {
  painOn: boolean;
  pain: number;
  fever: boolean;
  vomiting: boolean;
  wound: boolean;
  breathless: boolean;
  eating: ProThresholds['eating'];
  stool: ProThresholds['stool'];
  proDays: number[];
  lostAfterAttempts: number;
}

/**
 * The department head's follow-up settings: the questionnaire's alert threshold per question and the days to answer
 * on, and the failed contact attempts after which a patient is recorded as lost to follow-up.
 */
export function ProSettingsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const q = useFollowUpSettings();
  const save = useSaveFollowUpSettings();
  const [form] = Form.useForm<SettingsForm>();
  const painOn = Form.useWatch('painOn', form);

  const submit = async (v: SettingsForm) => {
    try {
      await save.mutateAsync({
        thresholds: {
          pain: v.painOn ? v.pain : null,
          fever: v.fever,
          vomiting: v.vomiting,
          wound: v.wound,
          breathless: v.breathless,
          eating: v.eating,
          stool: v.stool,
        },
        proDays: [...v.proDays].map(Number).sort((a, b) => a - b),
        lostAfterAttempts: v.lostAfterAttempts,
      });
      message.success(t('followup.settings.saved'));
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e, i18n.language).placed) message.error((e as Error).message);
    }
  };

  const s = q.data;
  return (
    <Modal
      open={open}
      title={t('followup.settings.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      okButtonProps={{ disabled: !s }}
    >
      {q.error && <ErrorAlert error={q.error} />}
      {s && (
        <Form<SettingsForm>
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          initialValues={{
            painOn: s.thresholds.pain !== null,
            pain: s.thresholds.pain ?? 7,
            fever: s.thresholds.fever,
            vomiting: s.thresholds.vomiting,
            wound: s.thresholds.wound,
            breathless: s.thresholds.breathless,
            eating: s.thresholds.eating,
            stool: s.thresholds.stool,
            proDays: s.proDays,
            lostAfterAttempts: s.lostAfterAttempts,
          }}
        >
          <Typography.Paragraph type="secondary">{t('followup.settings.explain')}</Typography.Paragraph>
          <Form.Item label={t('followup.settings.pain')}>
            <Space>
              <Form.Item name="painOn" valuePropName="checked" noStyle>
                <Switch />
              </Form.Item>
              <Form.Item name="pain" noStyle rules={[{ required: true }]}>
                <InputNumber min={1} max={10} precision={0} disabled={!painOn} data-testid="pro-settings-pain" />
              </Form.Item>
            </Space>
          </Form.Item>
          <Space wrap size="large">
            {(['fever', 'vomiting', 'wound', 'breathless'] as const).map((k) => (
              <Form.Item key={k} name={k} label={t(`followup.pro.q.${k}`)} valuePropName="checked">
                <Switch />
              </Form.Item>
            ))}
          </Space>
          <Form.Item name="eating" label={t('followup.settings.alertOn', { question: t('followup.pro.q.eating') })}>
            <Checkbox.Group options={(['less', 'none'] as const).map((v) => ({ value: v, label: t(`followup.pro.eating.${v}`) }))} />
          </Form.Item>
          <Form.Item name="stool" label={t('followup.settings.alertOn', { question: t('followup.pro.q.stool') })}>
            <Checkbox.Group
              options={(['none', 'diarrhoea', 'high_output'] as const).map((v) => ({ value: v, label: t(`followup.pro.stool.${v}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="proDays"
            label={t('followup.settings.days')}
            extra={t('followup.settings.daysHint')}
            rules={[{ required: true, type: 'array', min: 1, max: 4 }]}
          >
            <Select
              mode="tags"
              data-testid="pro-settings-days"
              options={[1, 2, 3, 5, 7, 10, 14, 21, 30, 60, 90].map((d) => ({ value: d, label: String(d) }))}
              onChange={(vals: (number | string)[]) =>
                form.setFieldValue(
                  'proDays',
                  vals.map(Number).filter((n) => Number.isInteger(n)),
                )
              }
            />
          </Form.Item>
          <Form.Item
            name="lostAfterAttempts"
            label={t('followup.settings.lostAfterAttempts')}
            extra={t('followup.settings.lostAfterAttemptsHint')}
            rules={[{ required: true }]}
          >
            <InputNumber min={1} max={20} precision={0} data-testid="pro-settings-lost-after" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
