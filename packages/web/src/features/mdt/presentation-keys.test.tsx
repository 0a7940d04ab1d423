import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { usePresentationKeys } from './usePresentationKeys';

function Harness(props: Parameters<typeof usePresentationKeys>[0]) {
  usePresentationKeys(props);
  return <input data-testid="field" />;
}

function setup() {
  const h = { next: vi.fn(), previous: vi.fn(), togglePanel: vi.fn(), toggleFullscreen: vi.fn(), exit: vi.fn() };
  render(<Harness {...h} />);
  return h;
}

describe('presentation view keys (UX.md)', () => {
  it('moves case by case with the arrow keys, PageUp/PageDown and space', () => {
    const h = setup();
    for (const key of ['ArrowRight', 'ArrowDown', 'PageDown', ' ']) fireEvent.keyDown(window, { key });
    for (const key of ['ArrowLeft', 'ArrowUp', 'PageUp']) fireEvent.keyDown(window, { key });
    expect(h.next).toHaveBeenCalledTimes(4);
    expect(h.previous).toHaveBeenCalledTimes(3);
  });

  it('opens the recommendation panel with R, full screen with F, and leaves with Esc', () => {
    const h = setup();
    fireEvent.keyDown(window, { key: 'r' });
    fireEvent.keyDown(window, { key: 'F' });
    fireEvent.keyDown(window, { key: 'Escape' });
    expect([h.togglePanel.mock.calls.length, h.toggleFullscreen.mock.calls.length, h.exit.mock.calls.length]).toEqual([1, 1, 1]);
  });

  it('ignores keys typed into a form field and shortcuts with modifiers', () => {
    const h = setup();
    fireEvent.keyDown(screen.getByTestId('field'), { key: 'ArrowRight' });
    fireEvent.keyDown(screen.getByTestId('field'), { key: 'r' });
    fireEvent.keyDown(window, { key: 'ArrowRight', ctrlKey: true });
    expect(h.next).not.toHaveBeenCalled();
    expect(h.togglePanel).not.toHaveBeenCalled();
  });
});
