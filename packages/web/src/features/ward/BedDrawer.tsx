import { useState } from 'react';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  InputNumber,
  Select,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  BlockBedSchema,
  CancelAdmissionSchema,
  DischargeSchema,
  ReserveBedSchema,
  SwapSchema,
  TransferSchema,
  UpdateAdmissionSchema,
} from '@gisurg/contracts/ward';
import { patch } from '../../app/api';
import { useAuth } from '../../app/auth';
import { formatDateTime } from '../../app/format';
import { PatientPicker } from '../../app/components/PatientPicker';
import { ActionModal } from './ActionModal';
import {
  BLOCK_REASONS,
  DISPOSITIONS,
  DISPOSITIONS_NEEDING_INSTITUTION,
  hospitalNow,
  useAdmission,
  useBedEvents,
  useWardMutation,
  type Bed,
  type Disposition,
  type Ward,
  type WardBody,
} from './api';
import { DateTimeField } from '../../app/components/DateTimeField';
import { useSurgeons } from '../../app/components/useSurgeons';

type Action = 'edit' | 'transfer' | 'swap' | 'discharge' | 'cancel' | 'block' | 'reserve' | null;

/** A bed's drawer: the stay on it (occupied) and the actions its state allows, with the bed's history. */
export function BedDrawer({
  bed,
  wards,
  onClose,
  onAdmit,
}: {
  bed: Bed | null;
  wards: Ward[];
  onClose: () => void;
  onAdmit: (bed: Bed) => void;
}) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const mutate = useWardMutation();
  const [action, setAction] = useState<Action>(null);
  const admission = useAdmission(bed?.admissionId);
  const events = useBedEvents(bed?.id);
  const canWrite = can('ward:write');
  const surgeons = useSurgeons();
  const qc = useQueryClient();
  const a = admission.data;
  const done = async (url: string, body: WardBody = {}, schema?: z.ZodType) => {
    await mutate(url, body, schema);
    void message.success(t('ward.actions.done'));
    setAction(null);
    onClose();
  };
  const simple = (key: 'clean' | 'unblock' | 'release') => (
    <Button
      key={key}
      onClick={() => void done(`/api/beds/${bed!.id}/${key}`).catch((e: Error) => void message.error(e.message))}
      data-testid={`action-${key}`}
    >
      {t(`ward.actions.${key}`)}
    </Button>
  );
  const freeBeds = wards.flatMap((w) =>
    w.beds
      .filter((b) => b.id !== bed?.id && (b.state === 'vacant_clean' || (b.state === 'reserved' && b.reservedFor?.id === a?.patient.id)))
      .map((b) => ({ value: b.id, label: `${w.name} · ${b.label}` })),
  );
  const otherPatients = wards.flatMap((w) =>
    w.beds
      .filter((b) => b.admissionId && b.id !== bed?.id)
      .map((b) => ({ value: b.admissionId!, label: `${b.label} · ${b.patient?.name ?? ''}` })),
  );

  let actions: React.ReactNode[] = [];
  if (bed && canWrite) {
    if (bed.state === 'occupied')
      actions = (['edit', 'transfer', 'swap', 'discharge', 'cancel'] as const).map((k) => (
        <Button
          key={k}
          danger={k === 'cancel'}
          type={k === 'discharge' ? 'primary' : 'default'}
          onClick={() => setAction(k)}
          data-testid={`action-${k}`}
        >
          {t(`ward.actions.${k}`)}
        </Button>
      ));
    if (bed.state === 'vacant_clean')
      actions = [
        <Button key="admit" type="primary" onClick={() => onAdmit(bed)} data-testid="action-admit">
          {t('ward.admit.action')}
        </Button>,
        <Button key="reserve" onClick={() => setAction('reserve')} data-testid="action-reserve">
          {t('ward.actions.reserve')}
        </Button>,
        <Button key="block" onClick={() => setAction('block')} data-testid="action-block">
          {t('ward.actions.block')}
        </Button>,
      ];
    if (bed.state === 'vacant_dirty')
      actions = [
        simple('clean'),
        <Button key="block" onClick={() => setAction('block')} data-testid="action-block">
          {t('ward.actions.block')}
        </Button>,
      ];
    if (bed.state === 'reserved')
      actions = [
        <Button key="admit" type="primary" onClick={() => onAdmit(bed)} data-testid="action-admit">
          {t('ward.admit.action')}
        </Button>,
        simple('release'),
      ];
    if (bed.state === 'blocked') actions = [simple('unblock')];
  }

  return (
    <Drawer
      open={Boolean(bed)}
      onClose={onClose}
      size={520}
      title={
        bed
          ? bed.patient
            ? t('ward.stay.title', { bed: bed.label, name: bed.patient.name })
            : `${bed.label} · ${t(`ward.state.${bed.state}`)}`
          : ''
      }
      destroyOnHidden
      data-testid="bed-drawer"
    >
      {bed && (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          {actions.length > 0 && <Space wrap>{actions}</Space>}
          {bed.state === 'occupied' &&
            (admission.isLoading || !a ? (
              <Skeleton active />
            ) : (
              <Descriptions size="small" column={1} bordered>
                <Descriptions.Item label={t('ward.admit.patient')}>
                  <Link to={`/patients/${a.patient.id}`}>{a.patient.name}</Link> · {t(`sex.${a.patient.sex}`)} ·{' '}
                  {t('patient.ageYears', { age: a.patient.age })}
                  {a.patient.inpatientNo ? ` · ${a.patient.inpatientNo}` : ''}
                </Descriptions.Item>
                <Descriptions.Item label={t('ward.stay.admittedAt')}>
                  {formatDateTime(a.admittedAt)} · {t('ward.board.dayOfStay', { n: a.dayOfStay })}
                </Descriptions.Item>
                <Descriptions.Item label={t('ward.stay.source')}>
                  {t(`ward.source.${a.source}`)}
                  {a.sourceInstitution ? ` · ${a.sourceInstitution}` : ''}
                </Descriptions.Item>
                <Descriptions.Item label={t('ward.stay.diagnosis')}>{a.diagnosis ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('ward.stay.plannedProcedure')}>{a.plannedProcedure ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('ward.stay.surgeon')}>{a.attendingSurgeon?.name ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('ward.stay.expectedLos')}>
                  {a.expectedLosDays !== null ? t('ward.stay.days', { n: a.expectedLosDays }) : '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('ward.stay.flags')}>
                  {a.isolation && <Tag color="red">{a.isolation}</Tag>}
                  {a.fallRisk && <Tag color={a.fallRisk === 'high' ? 'orange' : 'default'}>{t(`ward.fallRisk.${a.fallRisk}`)}</Tag>}
                  {a.patient.allergies && <Tag color="magenta">{t('ward.board.allergy', { what: a.patient.allergies })}</Tag>}
                </Descriptions.Item>
                <Descriptions.Item label={t('ward.stay.beds')}>
                  {a.stays.map((s) => (
                    <div key={`${s.bedId}-${s.fromAt}`}>
                      {s.wardName} · {s.bedLabel} · {formatDateTime(s.fromAt)} – {s.toAt ? formatDateTime(s.toAt) : ''}
                    </div>
                  ))}
                </Descriptions.Item>
              </Descriptions>
            ))}
          <div>
            <Typography.Title level={5}>{t('ward.stay.history')}</Typography.Title>
            {events.isLoading ? (
              <Skeleton active />
            ) : (events.data ?? []).length === 0 ? (
              <Empty description={t('ward.stay.noHistory')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <Timeline
                data-testid="bed-history"
                items={(events.data ?? []).slice(0, 30).map((e) => ({
                  children: (
                    <span>
                      {formatDateTime(e.at)} · <b>{t(`ward.event.${e.type}`)}</b>
                      {e.patient ? ` · ${e.patient.name}` : ''}
                      {/* Coded reasons (discharge, transfer…) in words; free text as typed. */}
                      {e.reason ? ` · ${t(`ward.eventReason.${e.reason}`, { defaultValue: e.reason })}` : ''}
                      {e.actorName ? <Typography.Text type="secondary"> · {e.actorName}</Typography.Text> : null}
                    </span>
                  ),
                }))}
              />
            )}
          </div>
        </Space>
      )}

      <ActionModal<{ bedId: string; at: string }>
        open={action === 'transfer'}
        title={t('ward.transfer.title')}
        testId="transfer"
        initialValues={{ at: hospitalNow() }}
        onCancel={() => setAction(null)}
        onSubmit={async (v) => done(`/api/admissions/${bed!.admissionId}/transfer`, { ...v, version: a?.version }, TransferSchema)}
      >
        {() => (
          <>
            <Form.Item name="bedId" label={t('ward.transfer.bed')} rules={[{ required: true, message: t('ward.transfer.pickBed') }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={freeBeds}
                placeholder={t('ward.transfer.pickBed')}
                data-testid="field-target-bed"
              />
            </Form.Item>
            <Form.Item name="at" label={t('ward.transfer.at')} rules={[{ required: true }]}>
              <DateTimeField />
            </Form.Item>
          </>
        )}
      </ActionModal>

      <ActionModal<{
        diagnosis?: string;
        attendingSurgeonId?: string | null;
        expectedLosDays?: number | null;
        plannedProcedure?: string;
        isolation?: string;
        fallRisk?: string | null;
      }>
        open={action === 'edit' && Boolean(a)}
        title={t('ward.actions.edit')}
        testId="edit"
        initialValues={{
          diagnosis: a?.diagnosis ?? '',
          attendingSurgeonId: a?.attendingSurgeon?.id ?? null,
          expectedLosDays: a?.expectedLosDays ?? null,
          plannedProcedure: a?.plannedProcedure ?? '',
          isolation: a?.isolation ?? '',
          fallRisk: a?.fallRisk ?? null,
        }}
        onCancel={() => setAction(null)}
        onSubmit={async (v) => {
          await patch(
            `/api/admissions/${a!.id}`,
            {
              ...v,
              attendingSurgeonId: v.attendingSurgeonId ?? null,
              expectedLosDays: v.expectedLosDays ?? null,
              fallRisk: v.fallRisk ?? null,
              version: a!.version,
            },
            UpdateAdmissionSchema,
          );
          await qc.invalidateQueries({ queryKey: ['ward'] });
          void message.success(t('ward.actions.done'));
          setAction(null);
        }}
      >
        {() => (
          <>
            <Form.Item name="diagnosis" label={t('ward.admit.diagnosis')}>
              <Input maxLength={500} />
            </Form.Item>
            <Form.Item name="plannedProcedure" label={t('ward.admit.plannedProcedure')}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="attendingSurgeonId" label={t('ward.admit.surgeon')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={surgeons.map((u) => ({ value: u.id, label: u.displayName }))}
              />
            </Form.Item>
            <Form.Item name="expectedLosDays" label={t('ward.admit.expectedLos')}>
              <InputNumber min={0} max={365} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="isolation" label={t('ward.admit.isolation')}>
              <Input maxLength={100} placeholder={t('ward.admit.isolationPlaceholder')} />
            </Form.Item>
            <Form.Item name="fallRisk" label={t('ward.admit.fallRisk')}>
              <Select
                allowClear
                options={(['low', 'medium', 'high'] as const).map((f) => ({ value: f, label: t(`ward.fallRiskShort.${f}`) }))}
              />
            </Form.Item>
          </>
        )}
      </ActionModal>

      <ActionModal<{ otherAdmissionId: string }>
        open={action === 'swap'}
        title={t('ward.swap.title')}
        testId="swap"
        onCancel={() => setAction(null)}
        onSubmit={async (v) => done(`/api/admissions/${bed!.admissionId}/swap`, v, SwapSchema)}
      >
        {() => (
          <Form.Item name="otherAdmissionId" label={t('ward.swap.other')} rules={[{ required: true, message: t('ward.swap.other') }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={otherPatients} data-testid="field-swap" />
          </Form.Item>
        )}
      </ActionModal>

      <ActionModal<{ at: string; disposition: Disposition; dispositionInstitution?: string }>
        open={action === 'discharge'}
        title={t('ward.discharge.title')}
        testId="discharge"
        initialValues={{ at: hospitalNow(), disposition: 'order' }}
        onCancel={() => setAction(null)}
        onSubmit={async (v) => done(`/api/admissions/${bed!.admissionId}/discharge`, { ...v, version: a?.version }, DischargeSchema)}
      >
        {(form) => (
          <>
            <Form.Item name="at" label={t('ward.discharge.at')} rules={[{ required: true }]}>
              <DateTimeField />
            </Form.Item>
            <Form.Item name="disposition" label={t('ward.discharge.disposition')} rules={[{ required: true }]}>
              <Select
                options={DISPOSITIONS.map((d) => ({ value: d, label: t(`ward.disposition.${d}`) }))}
                data-testid="field-disposition"
              />
            </Form.Item>
            <Form.Item noStyle shouldUpdate>
              {() =>
                DISPOSITIONS_NEEDING_INSTITUTION.includes(form.getFieldValue('disposition') as Disposition) ? (
                  <Form.Item
                    name="dispositionInstitution"
                    label={t('ward.discharge.institution')}
                    rules={[{ required: true, message: t('ward.discharge.institution') }]}
                  >
                    <Input maxLength={200} />
                  </Form.Item>
                ) : null
              }
            </Form.Item>
          </>
        )}
      </ActionModal>

      <ActionModal<{ reason: string }>
        open={action === 'cancel'}
        title={t('ward.cancel.title')}
        testId="cancel"
        onCancel={() => setAction(null)}
        onSubmit={async (v) => done(`/api/admissions/${bed!.admissionId}/cancel`, { ...v, version: a?.version }, CancelAdmissionSchema)}
      >
        {() => (
          <Form.Item
            name="reason"
            label={t('ward.cancel.reason')}
            rules={[{ required: true, whitespace: true, message: t('ward.cancel.reason') }]}
          >
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        )}
      </ActionModal>

      <ActionModal<{ reason: string; note?: string }>
        open={action === 'block'}
        title={t('ward.block.title')}
        testId="block"
        initialValues={{ reason: 'maintenance' }}
        onCancel={() => setAction(null)}
        onSubmit={async (v) => done(`/api/beds/${bed!.id}/block`, v, BlockBedSchema)}
      >
        {() => (
          <>
            <Form.Item name="reason" label={t('ward.block.reason')} rules={[{ required: true }]}>
              <Select options={BLOCK_REASONS.map((r) => ({ value: r, label: t(`ward.blockReason.${r}`) }))} />
            </Form.Item>
            <Form.Item name="note" label={t('ward.block.note')}>
              <Input maxLength={500} />
            </Form.Item>
          </>
        )}
      </ActionModal>

      <ActionModal<{ patientId: string; until: string; note?: string }>
        open={action === 'reserve'}
        title={t('ward.reserve.title')}
        testId="reserve"
        onCancel={() => setAction(null)}
        onSubmit={async (v) => done(`/api/beds/${bed!.id}/reserve`, v, ReserveBedSchema)}
      >
        {() => (
          <>
            <Form.Item name="patientId" label={t('ward.reserve.patient')} rules={[{ required: true, message: t('ward.reserve.patient') }]}>
              <PatientPicker />
            </Form.Item>
            <Form.Item name="until" label={t('ward.reserve.until')} rules={[{ required: true, message: t('ward.reserve.until') }]}>
              <DateTimeField />
            </Form.Item>
            <Form.Item name="note" label={t('ward.reserve.note')}>
              <Input maxLength={500} />
            </Form.Item>
          </>
        )}
      </ActionModal>
    </Drawer>
  );
}
