import { useCallback, useEffect, useRef } from 'react';
import type { FormInstance } from 'antd';
import { useBlocker } from 'react-router';
import { ApiError } from './api';

/** A name path of an antd Form field: `['hipec', 'drugs', 0, 'drug']`. */
export type FieldNamePath = (string | number)[];

/** The server's field path (`hipec.drugs[0].drug`, `pci.regions[3]`, `clinical.t`) as an antd name path. */
export function fieldNamePath(path: string): FieldNamePath {
  const out: FieldNamePath = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[1] !== undefined) out.push(/^\d+$/.test(m[1]) ? Number(m[1]) : m[1]);
  }
  return out;
}

export interface ServerErrorOutcome {
  /** At least one message was put on a field of the form. */
  placed: boolean;
  /** Messages that belong to no field on screen (show them in an alert; they name the field). */
  rest: string[];
  /** 409 stale/conflict: the record changed since it was opened (currentVersion when the server sent it). */
  conflict: { currentVersion: number | null } | null;
}

/**
 * The one form-error helper of the web app (issues 15, 16): puts every per-field message of a server 400
 * (in the current language) on the field it names — nested objects and list rows included — using the longest
 * name path the form has registered (so `procedures[0]` lands on the `procedures` select), and reports a 409 as
 * a conflict. `alias` sends a server path to other fields as well (e.g. BSA errors to height, weight and BSA).
 */
export function applyServerErrors(
  form: FormInstance,
  error: unknown,
  language: string,
  options: { alias?: Record<string, string[]> } = {},
): ServerErrorOutcome {
  if (error instanceof ApiError && error.status === 409)
    return {
      placed: false,
      rest: [error.message],
      conflict: { currentVersion: typeof error.details.currentVersion === 'number' ? error.details.currentVersion : null },
    };
  if (!(error instanceof ApiError) || error.fields.length === 0)
    return { placed: false, rest: [error instanceof Error ? error.message : String(error)], conflict: null };
  const registered: FieldNamePath[] = [];
  form.getFieldsValue(true, (meta) => {
    if (meta) registered.push(meta.name);
    return false;
  });
  const fieldFor = (path: FieldNamePath): FieldNamePath | null => {
    let best: FieldNamePath | null = null;
    for (const name of registered) {
      if (name.length === 0 || name.length > path.length || (best && best.length >= name.length)) continue;
      if (name.every((part, i) => String(part) === String(path[i]))) best = name;
    }
    return best;
  };
  const byField = new Map<string, { name: FieldNamePath; errors: string[] }>();
  const rest: string[] = [];
  for (const f of error.fields) {
    const text = language === 'en' ? f.messageEn : f.messageZh;
    const targets = (options.alias?.[f.path] ?? [f.path]).map((p) => fieldFor(fieldNamePath(p))).filter((x) => x !== null);
    if (targets.length === 0) {
      rest.push(`${f.path ? `${f.path}: ` : ''}${text}`);
      continue;
    }
    for (const name of targets) {
      const key = JSON.stringify(name);
      const entry = byField.get(key) ?? { name, errors: [] };
      if (!entry.errors.includes(text)) entry.errors.push(text);
      byField.set(key, entry);
    }
  }
  form.setFields([...byField.values()].map((x) => ({ name: x.name as never, errors: x.errors })));
  return { placed: byField.size > 0, rest, conflict: null };
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
