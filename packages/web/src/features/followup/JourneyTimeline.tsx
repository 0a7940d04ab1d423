import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { COMPLICATION_TYPE_OPTIONS, OPERATION_APPROACH_OPTIONS, OPERATION_INTENT_OPTIONS } from '@gisurg/clinical';
import type { TimelineEvent } from '@gisurg/contracts/followup';
import { get } from '../../app/api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useLang } from '../../app/components/useLang';

const COLOR: Record<TimelineEvent['kind'], string> = {
  diagnosis: 'blue',
  mdt: 'purple',
  mdt_decision: 'purple',
  operation: 'green',
  complication: 'orange',
  admission: 'gray',
  discharge: 'gray',
  follow_up: 'cyan',
  recurrence: 'red',
  death: 'black',
};

/** Patient page tab: the whole journey in one chronological line (GET /api/patients/:id/timeline). */
export function JourneyTimeline({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const q = useQuery({
    queryKey: ['patient-timeline', patientId],
    queryFn: ({ signal }) => get<{ events: TimelineEvent[] }>(`/api/patients/${patientId}/timeline`, signal),
  });
  if (q.isLoading) return null;
  if (q.error) return <ErrorAlert error={q.error} />;
  const events = q.data!.events;

  const label = (e: TimelineEvent): string => {
    const c = e.code ?? '';
    switch (e.kind) {
      case 'diagnosis':
        return [t(`followup.diagnosisSite.${c}`, { defaultValue: c }), e.text].filter(Boolean).join(' ');
      case 'mdt':
        return [t(`followup.timeline.tumorGroup.${c}`, { defaultValue: c }), e.text].filter(Boolean).join(' · ');
      case 'mdt_decision':
        return [t(`followup.timeline.intent.${c}`, { defaultValue: c }), e.text].filter(Boolean).join(' · ');
      case 'operation':
        return [
          OPERATION_APPROACH_OPTIONS.find((o) => o.value === c)?.label[lang] ?? c,
          OPERATION_INTENT_OPTIONS.find((o) => o.value === e.text)?.label[lang] ?? e.text,
        ]
          .filter(Boolean)
          .join(' · ');
      case 'complication':
        return `${COMPLICATION_TYPE_OPTIONS.find((o) => o.value === e.text)?.label[lang] ?? e.text ?? ''} · Clavien–Dindo ${c}`;
      case 'admission':
        return e.text ?? '';
      case 'discharge':
        return c ? t(`followup.timeline.disposition.${c}`, { defaultValue: c }) : '';
      case 'follow_up':
        return [t(`followup.status.${c}`), e.text].filter(Boolean).join(' · ');
      case 'recurrence':
        return t(`followup.site.${c}`);
      case 'death':
        return t(`followup.cause.${c}`);
    }
  };

  return (
    <Card size="small" title={t('followup.timeline.title')}>
      {events.length === 0 ? (
        <Empty description={t('followup.timeline.empty')} />
      ) : (
        <Timeline
          data-testid="journey-timeline"
          items={events.map((e, i) => ({
            key: i,
            color: COLOR[e.kind],
            title: e.date,
            content: (
              <span data-kind={e.kind}>
                <Typography.Text strong>{t(`followup.timeline.kind.${e.kind}`)}</Typography.Text> {label(e)}
              </span>
            ),
          }))}
        />
      )}
    </Card>
  );
}
