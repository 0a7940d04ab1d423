import { PCI_REGIONS } from '@gisurg/clinical';
import { useTranslation } from 'react-i18next';

const SHADE = ['#f5f5f5', '#ffe7ba', '#ffc069', '#fa8c16'];

/**
 * The Peritoneal Cancer Index as the published diagram (UX.md): the abdomen as a 3×3 grid of regions 0–8
 * with the patient facing the viewer (patient's right, regions 1/8/7, on the viewer's left), and the four
 * small-bowel regions 9–12 beside it. Read only here (the oncology record edits it).
 */
const GRID = [
  [1, 2, 3],
  [8, 0, 4],
  [7, 6, 5],
];

export function PciGrid({ regions, total, large = false }: { regions: number[] | null; total: number; large?: boolean }) {
  const { i18n } = useTranslation();
  const size = large ? 92 : 56;
  const name = (id: number) => {
    const r = PCI_REGIONS.find((x) => x.id === id);
    return r ? (i18n.language === 'en' ? r.name.en : r.name.zh) : String(id);
  };
  const cell = (id: number) => {
    const score = regions?.[id] ?? null;
    return (
      <div
        key={id}
        title={`${id} ${name(id)}: ${score ?? '—'}`}
        style={{
          width: size,
          height: size,
          border: '1px solid #bfbfbf',
          background: score === null ? '#fff' : SHADE[score],
          display: 'flex',
          flexDirection: 'column',
          alignItems: 'center',
          justifyContent: 'center',
          fontSize: large ? 18 : 11,
        }}
      >
        <span style={{ color: '#888' }}>{id}</span>
        <b style={{ fontSize: large ? 28 : 14 }}>{score ?? '—'}</b>
      </div>
    );
  };
  return (
    <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start' }} data-testid="pci-grid">
      <div style={{ display: 'grid', gridTemplateColumns: `repeat(3, ${size}px)` }}>{GRID.flat().map(cell)}</div>
      <div style={{ display: 'grid', gridTemplateColumns: `repeat(2, ${size}px)` }}>{[9, 10, 11, 12].map(cell)}</div>
      <div style={{ fontSize: large ? 32 : 16 }}>
        PCI <b>{total}</b>
      </div>
    </div>
  );
}
