import { useCallback, useEffect, useRef } from 'react';
import type { FormInstance } from 'antd';
import { useBlocker } from 'react-router';
import { ApiError } from './api';

/** Put the server's per-field messages (in the current language) onto the form's fields. */
export function applyFieldErrors(form: FormInstance, error: unknown, language: string): boolean {
  if (!(error instanceof ApiError) || error.fields.length === 0) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const byField = new Map<string, string[]>();
  for (const f of error.fields) {
    const name = f.path.split(/[.[]/)[0] ?? f.path;
    if (!known.has(name)) continue;
    const text = language === 'en' ? f.messageEn : f.messageZh;
    byField.set(name, [...(byField.get(name) ?? []), text]);
  }
  form.setFields([...byField.entries()].map(([name, errors]) => ({ name, errors })));
  return byField.size > 0;
}

/** Ctrl+S (or ⌘S) saves the form on the page (UX.md). */
export function useCtrlS(onSave: () => void): void {
  useEffect(() => {
    const handler = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        onSave();
      }
    };
    window.addEventListener('keydown', handler);
    return () => window.removeEventListener('keydown', handler);
  }, [onSave]);
}

/**
 * Warn before leaving a form with unsaved changes: browser close/reload and in-app navigation.
 * Returns `markClean()`, to call right before navigating away after a successful save.
 */
export function useUnsavedChangesWarning(dirty: boolean, message: string): () => void {
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  useEffect(() => {
    if (!dirty) return;
    const handler = (e: BeforeUnloadEvent) => {
      if (dirtyRef.current) e.preventDefault();
    };
    window.addEventListener('beforeunload', handler);
    return () => window.removeEventListener('beforeunload', handler);
  }, [dirty]);
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirtyRef.current && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    if (window.confirm(message)) blocker.proceed();
    else blocker.reset();
  }, [blocker, message]);
  return useCallback(() => {
    dirtyRef.current = false;
  }, []);
}
