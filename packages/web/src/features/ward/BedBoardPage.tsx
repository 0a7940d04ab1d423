import { useState } from 'react';
import { Button, Card, Empty, Select, Skeleton, Space, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import { AdmitModal } from './AdmitModal';
import { BED_STATES, useBoard, type Bed, type BedState } from './api';
import { BedCard, STATE_COLORS } from './BedCard';
import { BedDrawer } from './BedDrawer';
import { useSurgeons } from '../../app/components/useSurgeons';

/** The bed board (UX.md): one grid per ward, beds coloured by state, with a legend and filters in the URL. */
export function BedBoardPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const filter = {
    wardId: params.get('wardId') ?? undefined,
    state: (params.get('state') as BedState | null) ?? undefined,
    surgeonId: params.get('surgeonId') ?? undefined,
  };
  const board = useBoard(filter);
  const all = useBoard({});
  const surgeons = useSurgeons();
  const [openBed, setOpenBed] = useState<Bed | null>(null);
  const [admitBed, setAdmitBed] = useState<Bed | null>(null);
  const setFilter = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const open = (bed: Bed) => {
    if (bed.state === 'vacant_clean' && can('ward:write')) setAdmitBed(bed);
    else setOpenBed(bed);
  };
  // The drawer shows the bed as it is now (after an action the board refetches).
  const current = openBed ? ((board.data ?? []).flatMap((w) => w.beds).find((b) => b.id === openBed.id) ?? openBed) : null;

  return (
    <>
      <PageHeader
        title={t('ward.board.title')}
        crumbs={[{ label: t('ward.nav.title') }]}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void board.refetch()}>
              {t('ward.board.refresh')}
            </Button>
            <Link to="/ward/occupancy">{t('ward.board.occupancyLink')}</Link>
          </>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 240 }}
          placeholder={t('ward.board.filterWard')}
          value={filter.wardId}
          onChange={(v?: string) => setFilter('wardId', v)}
          options={(all.data ?? []).map((w) => ({ value: w.id, label: i18n.language === 'en' && w.nameEn ? w.nameEn : w.name }))}
          data-testid="filter-ward"
        />
        <Select
          allowClear
          style={{ width: 170 }}
          placeholder={t('ward.board.filterState')}
          value={filter.state}
          onChange={(v?: string) => setFilter('state', v)}
          options={BED_STATES.map((s) => ({ value: s, label: t(`ward.state.${s}`) }))}
          data-testid="filter-state"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 170 }}
          placeholder={t('ward.board.filterSurgeon')}
          value={filter.surgeonId}
          onChange={(v?: string) => setFilter('surgeonId', v)}
          options={surgeons.map((u) => ({ value: u.id, label: u.displayName }))}
        />
        <Space size={12} style={{ marginLeft: 8 }} aria-label={t('ward.board.legend')} data-testid="legend">
          {BED_STATES.map((s) => (
            <span key={s} style={{ display: 'inline-flex', alignItems: 'center', gap: 4, fontSize: 12 }}>
              <span
                style={{
                  width: 14,
                  height: 14,
                  borderRadius: 3,
                  background: STATE_COLORS[s].bg,
                  border: `2px solid ${STATE_COLORS[s].border}`,
                }}
              />
              {t(`ward.state.${s}`)}
            </span>
          ))}
        </Space>
      </Space>
      <ErrorAlert error={board.error} />
      {board.isLoading ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : (board.data ?? []).every((w) => w.beds.length === 0) ? (
        <Empty description={t('ward.board.empty')} />
      ) : (
        (board.data ?? [])
          .filter((w) => w.beds.length > 0)
          .map((w) => (
            <Card
              key={w.id}
              size="small"
              style={{ marginBottom: 12 }}
              data-testid={`ward-${w.code}`}
              title={
                <Space size={16} wrap>
                  <span>{i18n.language === 'en' && w.nameEn ? w.nameEn : w.name}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
                    {t('ward.board.counts', {
                      total: w.counts.total ?? 0,
                      occupied: w.counts.occupied ?? 0,
                      vacant: w.counts.vacant_clean ?? 0,
                      dirty: w.counts.vacant_dirty ?? 0,
                      reserved: w.counts.reserved ?? 0,
                      blocked: w.counts.blocked ?? 0,
                    })}
                  </Typography.Text>
                </Space>
              }
            >
              <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: 8 }}>
                {w.beds.map((b) => (
                  <BedCard key={b.id} bed={b} onOpen={open} />
                ))}
              </div>
            </Card>
          ))
      )}
      <BedDrawer
        bed={current}
        wards={all.data ?? []}
        onClose={() => setOpenBed(null)}
        onAdmit={(b) => {
          setOpenBed(null);
          setAdmitBed(b);
        }}
      />
      <AdmitModal
        bed={admitBed}
        onClose={() => setAdmitBed(null)}
        onMore={(b) => {
          setAdmitBed(null);
          setOpenBed(b);
        }}
      />
    </>
  );
}
