import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime, getHospitalTimeZone } from '../../app/format';
import { SPECIALTIES, type CaseStatus, type ItemStatus, type MeetingStatus } from './api';

/** The offered specialties plus the codes only the server writes (the coordinator, anything else). */
const KNOWN_SPECIALTIES = new Set<string>([...SPECIALTIES, 'coordination', 'other']);

/** A specialty code in the reader's language; free text as typed. */
export function useSpecialtyName(): (code: string | null | undefined) => string {
  const { t } = useTranslation();
  return (code) => (!code ? '' : KNOWN_SPECIALTIES.has(code) ? t(`mdt.specialty.${code}`) : code);
}

const CASE_COLORS: Record<CaseStatus, string> = {
  submitted: 'blue',
  scheduled: 'cyan',
  deferred: 'orange',
  rejected: 'red',
  decided: 'purple',
  completed: 'green',
};
const ITEM_COLORS: Record<ItemStatus, string> = { pending: 'blue', overdue: 'red', delivered: 'green', not_delivered: 'volcano' };
const MEETING_COLORS: Record<MeetingStatus, string> = { scheduled: 'blue', in_progress: 'green', closed: 'default', cancelled: 'red' };

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return <Tag color={CASE_COLORS[status]}>{t(`mdt.caseStatus.${status}`)}</Tag>;
}

export function ItemStatusTag({ status }: { status: ItemStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={ITEM_COLORS[status]} data-testid={`item-status-${status}`}>
      {t(`mdt.itemStatus.${status}`)}
    </Tag>
  );
}

export function MeetingStatusTag({ status }: { status: MeetingStatus }) {
  const { t } = useTranslation();
  return <Tag color={MEETING_COLORS[status]}>{t(`mdt.meetingStatus.${status}`)}</Tag>;
}

/** `YYYY-MM-DD HH:mm` in the hospital's zone, and the weekday. */
export function meetingWhen(iso: string, language: string): string {
  const weekday = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: getHospitalTimeZone(),
    weekday: 'short',
  }).format(new Date(iso));
  return `${formatDateTime(iso)} ${weekday}`;
}

/** The hospital's calendar date of an instant. */
export function hospitalDate(iso: string): string {
  return formatDateTime(iso).slice(0, 10);
}

/** Status reasons the server writes as codes (a board closed or cancelled under a case), else the text as given. */
export function useReasonText(): (s: string | null | undefined) => string {
  const { t } = useTranslation();
  return (s) => {
    if (!s) return '';
    if (s === 'meeting_closed_without_decision') return t('mdt.statusReasons.closedWithoutDecision');
    if (s.startsWith('meeting_cancelled:'))
      return t('mdt.statusReasons.cancelled', { reason: s.slice('meeting_cancelled:'.length).trim() });
    return s;
  };
}

/** A timeline note in words (the server stores codes for item, attachment and edit events). */
export function useEventNote(): (action: string, note: string | null) => string | null {
  const { t } = useTranslation();
  const reason = useReasonText();
  return (action, note) => {
    if (!note) return null;
    switch (action) {
      case 'item_delivered':
      case 'item_not_delivered': {
        const [kind, how] = note.split('|');
        const detail = how ? t(action === 'item_delivered' ? `mdt.deliveredVia.${how}` : `mdt.reason.${how}`) : '';
        return [t(`mdt.itemKind.${kind}`), detail].filter(Boolean).join(' · ');
      }
      case 'attach':
      case 'remove_attachment':
        return t(`mdt.attachmentKind.${note}`);
      case 'edit':
      case 'amend_recommendation':
        return note
          .split(', ')
          .map((f) => t(`mdt.field.${f}`, { defaultValue: f }))
          .join('、');
      case 'schedule':
        return note === 'moved' ? t('mdt.eventNote.moved') : note;
      default:
        return reason(note);
    }
  };
}
