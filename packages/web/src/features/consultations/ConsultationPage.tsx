import {
  AnswerSchema,
  AssignSchema,
  CloseSchema,
  CreateReferralSchema,
  DischargeNoteSchema,
  MessageBodySchema,
} from '@gisurg/contracts/consultations';
import {
  App as AntApp,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { get, post } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { formatDateTime } from '../../app/format';
import { applyServerErrors } from '../../app/forms';
import { PageHeader } from '../../app/PageHeader';
import { useHomeUsers } from '../../app/components/useHomeUsers';
import {
  RECOMMENDATIONS,
  type AnswerBody,
  type AssignBody,
  type CloseBody,
  type ConsultationDetail,
  type CreatedReferral,
  type DischargeNoteBody,
  type MessageBody,
  type PromoteBody,
  type Promoted,
  type ReferralBody,
} from './api';
import { STATUS_COLORS } from './ConsultationsPage';
import { DeadlineClock } from './DeadlineClock';
import { uploadFile } from './upload';

/** One consultation: the question, the thread, the answer, the referral, and the action the viewer owes. */
export function ConsultationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { can, me } = useAuth();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const { data: c, error } = useQuery({
    queryKey: ['consultation', id],
    queryFn: ({ signal }) => get<ConsultationDetail>(`/api/consultations/${id}`, signal),
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['consultation', id] });
  const upload = useMutation({
    mutationFn: (file: File) => uploadFile(id, file),
    onSuccess: () => {
      void message.success(t('consultations.uploaded'));
      refresh();
    },
  });
  if (!c) return <ErrorAlert error={error} />;
  const isExpert = c.expertId === me?.user.id || can('consultation:manage');
  const open = c.status !== 'answered' && c.status !== 'closed';
  return (
    <>
      <PageHeader
        title={
          <Space>
            {t('consultations.detailTitle', { name: c.patientName })}
            <Tag color={STATUS_COLORS[c.status]} data-testid="consultation-status">
              {t(`consultations.status.${c.status}`)}
            </Tag>
          </Space>
        }
        crumbs={[{ label: t('consultations.title'), to: '/consultations' }]}
      />
      <ErrorAlert error={upload.error} />
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card title={t('consultations.question')} style={{ marginBottom: 16 }}>
            <Descriptions column={2} size="small">
              <Descriptions.Item label={t('consultations.field.patient')}>
                <Link to={`/patients/${c.patientId}`}>{c.patientName}</Link>
              </Descriptions.Item>
              <Descriptions.Item label={t('consultations.field.hospital')}>{c.organizationName}</Descriptions.Item>
              <Descriptions.Item label={t('consultations.field.requestedBy')}>{c.requestedByName}</Descriptions.Item>
              <Descriptions.Item label={t('consultations.field.urgency')}>{t(`consultations.urgency.${c.urgency}`)}</Descriptions.Item>
              <Descriptions.Item label={t('consultations.field.submittedAt')}>{formatDateTime(c.submittedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('consultations.field.dueAt')}>
                <DeadlineClock dueAt={c.dueAt} status={c.status} />
              </Descriptions.Item>
              <Descriptions.Item label={t('consultations.field.stage')}>{c.stage ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('consultations.field.consent')}>
                {c.consent.obtainedOn} · {t(`consultations.consent.${c.consent.method}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('consultations.field.expert')}>{c.expertName ?? '—'}</Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph strong style={{ whiteSpace: 'pre-wrap', marginTop: 12 }} data-testid="consultation-question">
              {c.question}
            </Typography.Paragraph>
            {c.history && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.history}</Typography.Paragraph>}
          </Card>
          <Card title={t('consultations.thread')} style={{ marginBottom: 16 }}>
            {c.messages.length === 0 ? (
              <Empty description={t('consultations.noMessages')} />
            ) : (
              <Timeline
                items={c.messages.map((m) => ({
                  color: m.kind === 'answer' ? 'green' : m.kind === 'info_request' ? 'orange' : 'blue',
                  children: (
                    <div data-testid={`message-${m.kind}`}>
                      <Typography.Text type="secondary">
                        {formatDateTime(m.at)} · {m.authorName ?? ''} · {t(`consultations.messageKind.${m.kind}`)}
                      </Typography.Text>
                      {m.body && <div style={{ whiteSpace: 'pre-wrap' }}>{m.body}</div>}
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
          {c.advice && (
            <Card title={t('consultations.answer')} style={{ marginBottom: 16 }} data-testid="answer-card">
              <Tag color="green">{t(`consultations.recommendation.${c.recommendation}`)}</Tag>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}>{c.advice}</Typography.Paragraph>
              {c.mdtCaseId && (
                <Typography.Paragraph>
                  <Link to={`/mdt/cases/${c.mdtCaseId}`} data-testid="mdt-case-link">
                    {t('consultations.mdtCase')}
                  </Link>
                </Typography.Paragraph>
              )}
              {c.referral && (
                <Typography.Paragraph data-testid="referral-info">
                  {t('consultations.referral.summary', {
                    date: c.referral.expectedAdmissionDate,
                    bed: c.referral.bedReservation.bedLabel ?? '—',
                    status: t(`consultations.referral.status.${c.referral.status}`),
                  })}
                </Typography.Paragraph>
              )}
              {c.survey && (
                <Typography.Text type="secondary">
                  {t('consultations.survey.result', {
                    a: t(c.survey.referralAvoided ? 'consultations.yes' : 'consultations.no'),
                    b: t(c.survey.willFollowAdvice ? 'consultations.yes' : 'consultations.no'),
                    c: t(c.survey.educational ? 'consultations.yes' : 'consultations.no'),
                  })}
                </Typography.Text>
              )}
            </Card>
          )}
          {c.referral?.sentBack && <SentBackCard c={c} sentBack={c.referral.sentBack} onDone={refresh} />}
        </Col>
        <Col xs={24} lg={10}>
          {can('consultation:manage') && open && <AssignCard c={c} onDone={refresh} />}
          {can('consultation:answer') && isExpert && (c.status === 'assigned' || c.status === 'info_requested') && (
            <AnswerCard c={c} onDone={refresh} />
          )}
          {can('consultation:request') && c.status === 'info_requested' && <ReplyCard c={c} onDone={refresh} />}
          {can('consultation:request') && c.status === 'answered' && <CloseCard c={c} onDone={refresh} />}
          {can('consultation:answer') &&
            c.recommendation === 'transfer' &&
            !c.referral &&
            (c.status === 'answered' || c.status === 'closed') && <ReferralCard c={c} onDone={refresh} />}
          {can('consultation:answer') &&
            c.recommendation === 'mdt' &&
            !c.mdtCaseId &&
            (c.status === 'answered' || c.status === 'closed') && <PromoteCard c={c} onDone={refresh} />}
          <Card title={t('consultations.field.attachments')} style={{ marginBottom: 16 }}>
            {c.attachments.length === 0 && <Typography.Text type="secondary">{t('consultations.noAttachments')}</Typography.Text>}
            {c.attachments.map((a) => (
              <div key={a.id}>
                <a href={`/api/consultations/attachments/${a.id}`} target="_blank" rel="noreferrer">
                  {a.fileName}
                </a>{' '}
                <Typography.Text type="secondary">({Math.ceil(a.sizeBytes / 1024)} KB)</Typography.Text>
              </div>
            ))}
            {c.status !== 'closed' && (
              <Upload
                accept=".pdf,.jpg,.jpeg,.png"
                showUploadList={false}
                beforeUpload={(file) => {
                  upload.mutate(file);
                  return false;
                }}
              >
                <Button
                  size="small"
                  icon={<UploadOutlined />}
                  style={{ marginTop: 8 }}
                  loading={upload.isPending}
                  data-testid="upload-attachment"
                >
                  {t('consultations.addFile')}
                </Button>
              </Upload>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}

type CardProps = { c: ConsultationDetail; onDone: () => void };

type SentBack = NonNullable<NonNullable<ConsultationDetail['referral']>['sentBack']>;

/** Sent back on discharge: what the asking doctor reads; the team adds a note for the primary doctor. */
function SentBackCard({ c, sentBack, onDone }: CardProps & { sentBack: SentBack }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [form] = Form.useForm<DischargeNoteBody>();
  const m = useMutation({
    mutationFn: (b: DischargeNoteBody) => post(`/api/consultations/${c.id}/discharge-note`, b, DischargeNoteSchema),
    onSuccess: onDone,
  });
  return (
    <Card title={t('consultations.sentBack.title')} style={{ marginBottom: 16 }} data-testid="sent-back-card">
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('consultations.sentBack.dischargedAt')}>{formatDateTime(sentBack.dischargedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('consultations.sentBack.disposition')}>
          {t(`consultations.sentBack.dispositions.${sentBack.disposition}`, { defaultValue: sentBack.disposition })}
          {sentBack.institution ? ` · ${sentBack.institution}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('consultations.sentBack.diagnosis')}>{sentBack.diagnosis ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('consultations.sentBack.procedure')}>{sentBack.procedure ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('consultations.sentBack.note')}>
          <span style={{ whiteSpace: 'pre-wrap' }} data-testid="sent-back-note">
            {sentBack.note ?? '—'}
          </span>
        </Descriptions.Item>
      </Descriptions>
      {can('consultation:answer') && (
        <>
          <ErrorAlert error={m.error} />
          <Form form={form} layout="vertical" onFinish={(v) => m.mutate(v)} initialValues={{ note: sentBack.note ?? '' }}>
            <Form.Item
              name="note"
              label={t('consultations.sentBack.writeNote')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <Input.TextArea rows={3} maxLength={4000} data-testid="field-discharge-note" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={m.isPending} data-testid="save-discharge-note">
              {t('consultations.sentBack.saveNote')}
            </Button>
          </Form>
        </>
      )}
    </Card>
  );
}

function AssignCard({ c, onDone }: CardProps) {
  const { t } = useTranslation();
  const experts = useHomeUsers().filter((u) => u.role === 'surgeon' || u.role === 'department_head');
  const [form] = Form.useForm<AssignBody>();
  const m = useMutation({ mutationFn: (b: AssignBody) => post(`/api/consultations/${c.id}/assign`, b, AssignSchema), onSuccess: onDone });
  return (
    <Card title={c.expertId ? t('consultations.reassign') : t('consultations.assign')} style={{ marginBottom: 16 }}>
      <ErrorAlert error={m.error} />
      <Form form={form} layout="inline" onFinish={(v) => m.mutate(v)} initialValues={{ expertId: c.expertId ?? undefined }}>
        <Form.Item name="expertId" rules={[{ required: true, message: t('validation.required') }]}>
          <Select
            style={{ width: 220 }}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('consultations.field.expert')}
            options={experts.map((u) => ({ value: u.id, label: `${u.displayName}${u.title ? ` · ${u.title}` : ''}` }))}
            data-testid="field-expert"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={m.isPending} data-testid="assign-expert">
          {t('consultations.assign')}
        </Button>
      </Form>
    </Card>
  );
}

function AnswerCard({ c, onDone }: CardProps) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<AnswerBody & { referralDate?: Dayjs }>();
  const [askForm] = Form.useForm<MessageBody>();
  const recommendation = Form.useWatch('recommendation', form);
  const answer = useMutation({
    mutationFn: async (v: AnswerBody & { referralDate?: Dayjs }) => {
      await post(
        `/api/consultations/${c.id}/answer`,
        { advice: v.advice, recommendation: v.recommendation } satisfies AnswerBody,
        AnswerSchema,
      );
      // "MDT": the case goes on the next inter-hospital board in the same click (question and patient carried over).
      if (v.recommendation === 'mdt') await post<Promoted>(`/api/consultations/${c.id}/mdt`, {} satisfies PromoteBody);
      if (v.recommendation === 'transfer' && v.referralDate) {
        const body: ReferralBody = { expectedAdmissionDate: v.referralDate.format('YYYY-MM-DD') };
        await post<CreatedReferral>(`/api/consultations/${c.id}/referral`, body, CreateReferralSchema);
      }
    },
    onSuccess: onDone,
    onError: (e) => applyServerErrors(form, e, i18n.language).placed,
  });
  const ask = useMutation({
    mutationFn: (b: MessageBody) => post(`/api/consultations/${c.id}/request-information`, b, MessageBodySchema),
    onSuccess: () => {
      askForm.resetFields();
      onDone();
    },
    onError: (e) => applyServerErrors(askForm, e, i18n.language).placed,
  });
  return (
    <Card title={t('consultations.answerTitle')} style={{ marginBottom: 16 }}>
      <ErrorAlert error={answer.error ?? ask.error} />
      <Form form={form} layout="vertical" onFinish={(v) => answer.mutate(v)}>
        <Form.Item name="advice" label={t('consultations.field.advice')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input.TextArea rows={5} maxLength={8000} data-testid="field-advice" />
        </Form.Item>
        <Form.Item
          name="recommendation"
          label={t('consultations.field.recommendation')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Radio.Group
            options={RECOMMENDATIONS.map((r) => ({
              value: r,
              label: <span data-testid={`rec-${r}`}>{t(`consultations.recommendation.${r}`)}</span>,
            }))}
          />
        </Form.Item>
        {recommendation === 'transfer' && (
          <Form.Item
            name="referralDate"
            label={t('consultations.field.expectedAdmissionDate')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <DatePicker format="YYYY-MM-DD" data-testid="field-referral-date" />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={answer.isPending} data-testid="submit-answer">
          {t('consultations.sendAnswer')}
        </Button>
      </Form>
      {c.status === 'assigned' && (
        <Form form={askForm} layout="vertical" onFinish={(v) => ask.mutate(v)} style={{ marginTop: 24 }}>
          <Form.Item name="body" label={t('consultations.askMore')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input.TextArea rows={2} maxLength={4000} data-testid="field-info-request" />
          </Form.Item>
          <Button htmlType="submit" loading={ask.isPending} data-testid="request-information">
            {t('consultations.requestInformation')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

function ReplyCard({ c, onDone }: CardProps) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<MessageBody>();
  const m = useMutation({
    mutationFn: (b: MessageBody) => post(`/api/consultations/${c.id}/reply`, b, MessageBodySchema),
    onSuccess: onDone,
    onError: (e) => applyServerErrors(form, e, i18n.language).placed,
  });
  return (
    <Card title={t('consultations.replyTitle')} style={{ marginBottom: 16 }}>
      <ErrorAlert error={m.error} />
      <Form form={form} layout="vertical" onFinish={(v) => m.mutate(v)}>
        <Form.Item name="body" rules={[{ required: true, message: t('validation.required') }]}>
          <Input.TextArea rows={4} maxLength={4000} data-testid="field-reply" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={m.isPending} data-testid="send-reply">
          {t('consultations.sendReply')}
        </Button>
      </Form>
    </Card>
  );
}

function CloseCard({ c, onDone }: CardProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CloseBody['survey']>();
  const m = useMutation({
    mutationFn: (survey: CloseBody['survey']) => post(`/api/consultations/${c.id}/close`, { survey } satisfies CloseBody, CloseSchema),
    onSuccess: onDone,
  });
  const q = (name: keyof CloseBody['survey']) => (
    <Form.Item name={name} label={t(`consultations.survey.${name}`)} valuePropName="checked" initialValue={false}>
      <Switch checkedChildren={t('consultations.yes')} unCheckedChildren={t('consultations.no')} data-testid={`survey-${name}`} />
    </Form.Item>
  );
  return (
    <Card title={t('consultations.survey.title')} style={{ marginBottom: 16 }}>
      <ErrorAlert error={m.error} />
      <Form form={form} layout="vertical" onFinish={(v) => m.mutate(v)}>
        {q('referralAvoided')}
        {q('willFollowAdvice')}
        {q('educational')}
        <Button type="primary" htmlType="submit" loading={m.isPending} data-testid="close-consultation">
          {t('consultations.close')}
        </Button>
      </Form>
    </Card>
  );
}

function ReferralCard({ c, onDone }: CardProps) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<{ date: Dayjs }>();
  const m = useMutation({
    mutationFn: (v: { date: Dayjs }) =>
      post<CreatedReferral>(
        `/api/consultations/${c.id}/referral`,
        {
          expectedAdmissionDate: v.date.format('YYYY-MM-DD'),
        } satisfies ReferralBody,
        CreateReferralSchema,
      ),
    onSuccess: onDone,
    onError: (e) => applyServerErrors(form, e, i18n.language).placed,
  });
  return (
    <Card title={t('consultations.referral.title')} style={{ marginBottom: 16 }}>
      <ErrorAlert error={m.error} />
      <Form form={form} layout="inline" onFinish={(v) => m.mutate(v)}>
        <Form.Item name="date" rules={[{ required: true, message: t('validation.required') }]}>
          <DatePicker format="YYYY-MM-DD" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={m.isPending}>
          {t('consultations.referral.book')}
        </Button>
      </Form>
    </Card>
  );
}

function PromoteCard({ c, onDone }: CardProps) {
  const { t } = useTranslation();
  const m = useMutation({
    mutationFn: () => post<Promoted>(`/api/consultations/${c.id}/mdt`, {} satisfies PromoteBody),
    onSuccess: onDone,
  });
  return (
    <Card title={t('consultations.promote.title')} style={{ marginBottom: 16 }}>
      <ErrorAlert error={m.error} />
      <Typography.Paragraph type="secondary">{t('consultations.promote.hint')}</Typography.Paragraph>
      <Button type="primary" onClick={() => m.mutate()} loading={m.isPending} data-testid="promote-mdt">
        {t('consultations.promote.button')}
      </Button>
    </Card>
  );
}
