import { Alert, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PCI_REGIONS, pciEligibility, peritonealCancerIndex, type PciIndication } from '@gisurg/clinical';
import { tryClinical, useIssueText, useLang } from './helpers';

/**
 * The Peritoneal Cancer Index body diagram (UX.md): the abdomen as the standard 3×3 grid (regions 0–8)
 * and a strip of the four small-bowel regions (9–12). The patient faces the viewer, so the patient's
 * right (regions 1, 8, 7) is on the viewer's left. A click cycles a region 0→1→2→3→0; with a region
 * focused, the digits 0–3 set it and Enter/Space cycles it. The total and the eligibility flags are
 * computed live with the same functions the server uses (peritonealCancerIndex, pciEligibility).
 */
const GRID: readonly (readonly number[])[] = [
  [1, 2, 3],
  [8, 0, 4],
  [7, 6, 5],
];
const BOWEL = [9, 10, 11, 12];
const FILL = ['#ffffff', '#fde2c4', '#f6a04d', '#c0392b'];
const TEXT = ['#333', '#333', '#222', '#fff'];

export function PciDiagram({
  value,
  onChange,
  indication,
  readOnly = false,
}: {
  value: number[];
  onChange?: (regions: number[]) => void;
  indication?: PciIndication;
  readOnly?: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const issueText = useIssueText();
  const regions = value.length === 13 ? value : Array.from({ length: 13 }, (_, i) => value[i] ?? 0);
  const pci = tryClinical(() => peritonealCancerIndex(regions));
  const eligibility = pci.value && indication ? tryClinical(() => pciEligibility(pci.value!.total, regions, { site: indication })) : null;

  const set = (id: number, score: number) => {
    if (readOnly || !onChange) return;
    const next = [...regions];
    next[id] = score;
    onChange(next);
  };

  const region = (id: number, x: number, y: number, w: number, h: number) => {
    const score = regions[id] ?? 0;
    const name = PCI_REGIONS[id]!.name[lang];
    return (
      <g
        key={id}
        role={readOnly ? 'img' : 'button'}
        tabIndex={readOnly ? -1 : 0}
        aria-label={t('oncology.pci.regionLabel', { id, name, score })}
        data-testid={`pci-region-${id}`}
        data-score={score}
        style={{ cursor: readOnly ? 'default' : 'pointer', outline: 'none' }}
        onClick={() => set(id, (score + 1) % 4)}
        onKeyDown={(e) => {
          if (/^[0-3]$/.test(e.key)) {
            e.preventDefault();
            set(id, Number(e.key));
          } else if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            set(id, (score + 1) % 4);
          }
        }}
        className="pci-region"
      >
        <rect x={x} y={y} width={w} height={h} fill={FILL[score]} stroke="#555" strokeWidth={1.2} rx={4} />
        <text x={x + 8} y={y + 18} fontSize={14} fontWeight={700} fill={TEXT[score]}>
          {id}
        </text>
        <text x={x + w / 2} y={y + h / 2 + 4} fontSize={12} textAnchor="middle" fill={TEXT[score]}>
          {name}
        </text>
        <text x={x + w - 8} y={y + h - 8} fontSize={13} textAnchor="end" fontWeight={600} fill={TEXT[score]}>
          LS-{score}
        </text>
      </g>
    );
  };

  return (
    <div data-testid="pci-diagram">
      <svg
        viewBox="0 0 380 400"
        width="100%"
        style={{ maxWidth: 460, display: 'block' }}
        role="group"
        aria-label={t('oncology.pci.diagramLabel')}
      >
        <text x={20} y={16} fontSize={11} fill="#888">
          {t('oncology.pci.patientRight')}
        </text>
        <text x={360} y={16} fontSize={11} fill="#888" textAnchor="end">
          {t('oncology.pci.patientLeft')}
        </text>
        {GRID.flatMap((row, r) => row.map((id, c) => region(id, 20 + c * 115, 24 + r * 82, 110, 78)))}
        <text x={20} y={290} fontSize={11} fill="#888">
          {t('oncology.pci.smallBowel')}
        </text>
        {BOWEL.map((id, i) => region(id, 20 + i * 86, 298, 82, 78))}
      </svg>
      {!readOnly && (
        <Space wrap style={{ marginTop: 8 }}>
          <Typography.Text strong data-testid="pci-total">
            {t('oncology.pci.total', { total: pci.value?.total ?? '—' })}
          </Typography.Text>
          {eligibility?.value && eligibility.value.eligible !== null && (
            <Tag color={eligibility.value.eligible ? 'green' : 'red'}>
              {eligibility.value.eligible ? t('oncology.pci.eligible') : t('oncology.pci.notEligible')}
            </Tag>
          )}
        </Space>
      )}
      {!readOnly &&
        eligibility?.value?.flags.map((f) => (
          <Alert
            key={f.code}
            type={f.code === 'above-maximum' ? 'error' : 'warning'}
            showIcon
            style={{ marginTop: 6 }}
            message={t(f.messageKey, { ...f.params })}
            data-testid={`pci-flag-${f.code}`}
          />
        ))}
      {pci.issues.map((i) => (
        <Alert key={i.field} type="error" message={issueText(i)} style={{ marginTop: 6 }} />
      ))}
    </div>
  );
}
