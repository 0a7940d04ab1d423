import { useEffect } from 'react';

/** Whether a key press belongs to a form field (typing must not move the slides). */
export function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    Boolean(
      target.closest(
        'input, textarea, select, [contenteditable="true"], .ant-select, .ant-picker, .ant-select-dropdown, .ant-picker-dropdown',
      ),
    )
  );
}

/**
 * Keys of the presentation view (UX.md): → ↓ PageDown Space next case, ← ↑ PageUp previous, R the
 * recommendation panel, F full screen, Esc leave. Ignored while typing in a field.
 */
export function usePresentationKeys(handlers: {
  next: () => void;
  previous: () => void;
  togglePanel: () => void;
  toggleFullscreen: () => void;
  exit: () => void;
}): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      switch (e.key) {
        case 'ArrowRight':
        case 'ArrowDown':
        case 'PageDown':
        case ' ':
          e.preventDefault();
          handlers.next();
          break;
        case 'ArrowLeft':
        case 'ArrowUp':
        case 'PageUp':
          e.preventDefault();
          handlers.previous();
          break;
        case 'r':
        case 'R':
          handlers.togglePanel();
          break;
        case 'f':
        case 'F':
          handlers.toggleFullscreen();
          break;
        case 'Escape':
          if (!document.fullscreenElement) handlers.exit();
          break;
        default:
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [handlers]);
}
