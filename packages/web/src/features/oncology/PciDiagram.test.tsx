import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { fireEvent, render, renderHook, screen } from '@testing-library/react';
import '../../app/i18n';
import { useLiveClinicalStage } from './DiagnosisForm';
import { useLivePathology } from './PathologyForm';
import { PciDiagram } from './PciDiagram';

function Harness({ indication }: { indication: 'colorectal' | 'stomach' }) {
  const [regions, setRegions] = useState<number[]>(Array.from({ length: 13 }, () => 0));
  return <PciDiagram value={regions} onChange={setRegions} indication={indication} />;
}

const score = (id: number) => screen.getByTestId(`pci-region-${id}`).getAttribute('data-score');

describe('PCI body diagram', () => {
  it('cycles a region 0→1→2→3→0 on click and shows the total live', () => {
    render(<Harness indication="colorectal" />);
    const r0 = screen.getByTestId('pci-region-0');
    fireEvent.click(r0);
    fireEvent.click(r0);
    expect(score(0)).toBe('2');
    fireEvent.click(r0);
    expect(score(0)).toBe('3');
    expect(screen.getByTestId('pci-total').textContent).toBe('PCI 总分：3 / 39');
    fireEvent.click(r0);
    expect(score(0)).toBe('0');
  });

  it('sets a focused region with the digit keys and flags the lower ileum for colorectal disease', () => {
    render(<Harness indication="colorectal" />);
    fireEvent.keyDown(screen.getByTestId('pci-region-12'), { key: '2' });
    fireEvent.keyDown(screen.getByTestId('pci-region-7'), { key: '3' });
    fireEvent.keyDown(screen.getByTestId('pci-region-7'), { key: '9' });
    expect([score(12), score(7)]).toEqual(['2', '3']);
    expect(screen.getByTestId('pci-total').textContent).toContain('5');
    expect(screen.getByTestId('pci-flag-lower-ileum-involved')).toBeTruthy();
  });

  it('draws the patient facing the viewer: regions 1, 8, 7 on the viewer’s left, with accessible labels', () => {
    render(<Harness indication="stomach" />);
    const x = (id: number) => Number(screen.getByTestId(`pci-region-${id}`).querySelector('rect')!.getAttribute('x'));
    expect(x(1)).toBeLessThan(x(2));
    expect(x(2)).toBeLessThan(x(3));
    expect(x(8)).toBe(x(1));
    expect(x(7)).toBe(x(1));
    expect(x(5)).toBe(x(3));
    expect(screen.getByTestId('pci-region-1').getAttribute('aria-label')).toBe('第 1 区 右上腹，病灶大小评分 0');
    expect(screen.getByTestId('pci-flag-no-threshold')).toBeTruthy();
  });
});

describe('live staging in the forms (the same functions as the server)', () => {
  it('computes the clinical stage as cT/cN/cM are picked', () => {
    const initial: { t?: string; n?: string; m?: string } = { t: 'T3', n: 'N1' };
    const { result, rerender } = renderHook(({ clinical }) => useLiveClinicalStage('stomach', 'C16.3', clinical), {
      initialProps: { clinical: initial },
    });
    expect(result.current.stage).toBeNull();
    rerender({ clinical: { t: 'T3', n: 'N1', m: 'M0' } });
    expect(result.current).toMatchObject({ stagingSite: 'stomach', stage: 'III' });
  });

  it('derives pN, the pathological stage and the node adequacy (pT3, 5 of 22 → N2, IIIA, adequate)', () => {
    const { result } = renderHook(() => useLivePathology('stomach', { t: 'T3', nodesExamined: 22, nodesPositive: 5, m: 'M0' }));
    expect(result.current).toMatchObject({ n: 'N2', stage: 'IIIA', adequate: true, threshold: 16 });
    const bad = renderHook(() => useLivePathology('stomach', { t: 'T3', nodesExamined: 4, nodesPositive: 5, m: 'M0' }));
    expect(bad.result.current.issues.map((i) => i.code)).toEqual(['exceeds_examined']);
  });
});
