import { App, Form, Modal, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { COMPLICATION_TYPE_OPTIONS } from '@gisurg/clinical';
import type { AlertLinkCandidates, ProAlert } from '@gisurg/contracts/followup';
import { ErrorAlert } from '../../app/ErrorAlert';
import { applyServerErrors } from '../../app/forms';
import { formatDateTime } from '../../app/format';
import { useLang } from '../../app/components/useLang';
import { useAlertCandidates, useLinkAlert, type AlertLinks } from './api';

type Admission = AlertLinkCandidates['admissions'][number];
type Complication = AlertLinkCandidates['complications'][number];

function useLabels() {
  const { t } = useTranslation();
  const lang = useLang();
  return {
    admission: (a: Admission) =>
      [t('followup.alerts.links.admission'), formatDateTime(a.admittedAt).slice(0, 10), a.diagnosis].filter(Boolean).join(' '),
    complication: (c: Complication) =>
      [
        t('followup.alerts.links.complication'),
        c.occurredOn,
        COMPLICATION_TYPE_OPTIONS.find((o) => o.value === c.type)?.label[lang] ?? c.type,
        `Clavien–Dindo ${c.grade}`,
      ].join(' '),
  };
}

/** The readmission and complication linked to an alert, as tags in the alert list. */
export function AlertLinkTags({ alert }: { alert: ProAlert }) {
  const label = useLabels();
  return (
    <Space size={4} wrap data-testid="alert-links">
      {alert.admission && <Tag color="purple">{label.admission(alert.admission)}</Tag>}
      {alert.complication && <Tag color="orange">{label.complication(alert.complication)}</Tag>}
    </Space>
  );
}

/**
 * Select fields for the alert's links, fed by the patient's admissions and complications within the alert's
 * window (docs/follow-up.md); used inside the handle form and the link dialog. Form fields: admissionId,
 * complicationId.
 */
export function AlertLinkFields({ alertId }: { alertId: string }) {
  const { t } = useTranslation();
  const label = useLabels();
  const c = useAlertCandidates(alertId);
  return (
    <>
      {c.error && <ErrorAlert error={c.error} />}
      <Form.Item
        name="admissionId"
        label={t('followup.alerts.links.admissionPick')}
        extra={
          <Typography.Text type="secondary">
            {t('followup.alerts.links.admissionHint')} <Link to="/ward">{t('followup.alerts.links.toWard')}</Link>
          </Typography.Text>
        }
      >
        <Select
          allowClear
          data-testid="alert-admission"
          loading={c.isLoading}
          notFoundContent={t('followup.alerts.links.noAdmission')}
          options={(c.data?.admissions ?? []).map((a) => ({ value: a.id, label: label.admission(a) }))}
        />
      </Form.Item>
      <Form.Item
        name="complicationId"
        label={t('followup.alerts.links.complicationPick')}
        extra={t('followup.alerts.links.complicationHint')}
      >
        <Select
          allowClear
          data-testid="alert-complication"
          loading={c.isLoading}
          notFoundContent={t('followup.alerts.links.noComplication')}
          options={(c.data?.complications ?? []).map((x) => ({ value: x.id, label: label.complication(x) }))}
        />
      </Form.Item>
    </>
  );
}

/** Link (or unlink) the readmission and complication of an alert already handled. */
export function AlertLinkDialog({ alert, onClose }: { alert: ProAlert | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const link = useLinkAlert();
  const [form] = Form.useForm<{ admissionId?: string; complicationId?: string }>();
  const save = async (v: { admissionId?: string; complicationId?: string }) => {
    if (!alert) return;
    const body: AlertLinks = { admissionId: v.admissionId ?? null, complicationId: v.complicationId ?? null };
    try {
      await link.mutateAsync({ id: alert.id, body });
      message.success(t('followup.alerts.links.saved'));
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e, i18n.language).placed) message.error((e as Error).message);
    }
  };
  return (
    <Modal
      open={alert !== null}
      title={t('followup.alerts.links.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={link.isPending}
      destroyOnHidden
    >
      {alert && (
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => void save(v)}
          initialValues={{ admissionId: alert.admission?.id, complicationId: alert.complication?.id }}
        >
          <AlertLinkFields alertId={alert.id} />
        </Form>
      )}
    </Modal>
  );
}
