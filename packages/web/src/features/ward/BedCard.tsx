import { Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import type { Bed, BedState } from './api';

/** Colours of the bed states (board cards and legend). */
export const STATE_COLORS: Record<BedState, { bg: string; border: string; text: string }> = {
  vacant_clean: { bg: '#f6ffed', border: '#95de64', text: '#237804' },
  vacant_dirty: { bg: '#fffbe6', border: '#ffd666', text: '#ad6800' },
  occupied: { bg: '#e6f4ff', border: '#69b1ff', text: '#0958d9' },
  reserved: { bg: '#f9f0ff', border: '#b37feb', text: '#531dab' },
  blocked: { bg: '#f5f5f5', border: '#bfbfbf', text: '#595959' },
};

/** One bed on the board: label and state; on occupied beds the patient, day of stay, operation and flags. */
export function BedCard({ bed, onOpen }: { bed: Bed; onOpen: (bed: Bed) => void }) {
  const { t } = useTranslation();
  const c = STATE_COLORS[bed.state];
  const flags = bed.flags;
  return (
    <div
      role="button"
      tabIndex={0}
      aria-label={`${bed.label} ${t(`ward.state.${bed.state}`)}${bed.patient ? ` ${bed.patient.name}` : ''}`}
      data-testid={`bed-${bed.label}`}
      data-state={bed.state}
      onClick={() => onOpen(bed)}
      onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onOpen(bed)}
      style={{
        background: c.bg,
        border: `1px solid ${c.border}`,
        borderLeft: `4px solid ${c.border}`,
        borderRadius: 4,
        padding: '6px 8px',
        minHeight: 92,
        cursor: 'pointer',
        display: 'flex',
        flexDirection: 'column',
        gap: 2,
        fontSize: 12,
        overflow: 'hidden',
      }}
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: 4 }}>
        <Typography.Text strong style={{ fontSize: 13 }}>
          {bed.label}
        </Typography.Text>
        <span style={{ color: c.text, whiteSpace: 'nowrap' }}>
          {bed.state === 'occupied' && bed.dayOfStay ? t('ward.board.dayOfStay', { n: bed.dayOfStay }) : t(`ward.state.${bed.state}`)}
        </span>
      </div>
      {bed.patient && (
        <>
          <Typography.Text strong ellipsis data-testid="bed-patient">
            {bed.patient.name}
            <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
              {' '}
              {t(`sex.${bed.patient.sex}`)} {t('patient.ageYears', { age: bed.patient.age })}
            </Typography.Text>
          </Typography.Text>
          {bed.plannedProcedure && (
            <Typography.Text ellipsis style={{ fontSize: 12 }}>
              {bed.plannedProcedure}
            </Typography.Text>
          )}
          {bed.attendingSurgeon && (
            <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
              {bed.attendingSurgeon.name}
            </Typography.Text>
          )}
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 2 }}>
            {flags?.isolation && (
              <Tooltip title={flags.isolation}>
                <Tag
                  color="red"
                  style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px', paddingInline: 4 }}
                  data-testid="flag-isolation"
                >
                  {t('ward.board.isolation')}
                </Tag>
              </Tooltip>
            )}
            {flags?.fallRisk === 'high' && (
              <Tag
                color="orange"
                style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px', paddingInline: 4 }}
                data-testid="flag-fall"
              >
                {t('ward.fallRisk.high')}
              </Tag>
            )}
            {flags?.allergy && (
              <Tooltip title={t('ward.board.allergy', { what: flags.allergy })}>
                <Tag
                  color="magenta"
                  style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px', paddingInline: 4 }}
                  data-testid="flag-allergy"
                >
                  {t('ward.board.allergy', { what: flags.allergy })}
                </Tag>
              </Tooltip>
            )}
          </div>
        </>
      )}
      {bed.state === 'reserved' && bed.reservedFor && (
        <>
          <Typography.Text ellipsis>{t('ward.board.reservedFor', { name: bed.reservedFor.name })}</Typography.Text>
          {bed.reservedUntil && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('ward.board.until', { at: bed.reservedUntil.length > 10 ? formatDateTime(bed.reservedUntil) : bed.reservedUntil })}
            </Typography.Text>
          )}
        </>
      )}
      {bed.state === 'blocked' && bed.blockReason && (
        <Typography.Text type="secondary" ellipsis>
          {t(`ward.blockReason.${bed.blockReason}`)}
          {bed.note ? ` · ${bed.note}` : ''}
        </Typography.Text>
      )}
    </div>
  );
}
