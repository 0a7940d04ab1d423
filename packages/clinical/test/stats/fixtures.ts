/**
 * Reading the R reference fixtures written by ./fixtures/make-fixtures.R, and comparing with them.
 * R writes NA/NaN/Inf as strings; the library reports every non-finite value as null.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** The agreement asked for by issue 4: 1e-6 relative. */
export const TOLERANCE = 1e-6;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function loadFixture(name: string): Record<string, Json> {
  return JSON.parse(readFileSync(join(FIXTURE_DIR, `${name}.json`), 'utf8')) as Record<string, Json>;
}

export function fixtureNames(): string[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/** An R number: finite numbers as they are, NA/NaN/±Inf as null. */
export function rNumber(v: Json | undefined): number | null {
  if (typeof v === 'number') return v;
  if (v === 'NA' || v === 'NaN' || v === 'Inf' || v === '-Inf') return null;
  throw new Error(`not an R number: ${JSON.stringify(v)}`);
}

export function rNumbers(v: Json | undefined): (number | null)[] {
  if (Array.isArray(v)) return v.map(rNumber);
  return [rNumber(v)];
}

export function finiteNumbers(v: Json | undefined): number[] {
  return rNumbers(v).map((x) => {
    if (x === null) throw new Error('unexpected non-finite value');
    return x;
  });
}

export function asArray(v: Json | undefined): Json[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

export function asObject(v: Json | undefined): Record<string, Json> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('expected an object');
  return v;
}

export function asString(v: Json | undefined): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v ?? null);
}

export function asStrings(v: Json | undefined): string[] {
  return asArray(v).map(asString);
}

/** Relative difference |a − e| / |e| (absolute when e is exactly 0); 0 when both are null. */
export function relativeError(actual: number | null, expected: number | null): number {
  if (expected === null || actual === null) return expected === actual ? 0 : Infinity;
  if (expected === 0) return Math.abs(actual);
  return Math.abs(actual - expected) / Math.abs(expected);
}

/** Worst relative error per fixture and quantity, for the agreement report. */
export const worst = new Map<string, number>();

export function record(key: string, err: number): void {
  worst.set(key, Math.max(worst.get(key) ?? 0, err));
}

/** Largest relative error over two equally long vectors, recorded under `key`. */
export function compareVectors(key: string, actual: readonly (number | null)[], expected: readonly (number | null)[]): number {
  if (actual.length !== expected.length) throw new Error(`${key}: length ${actual.length} vs R ${expected.length}`);
  let err = 0;
  actual.forEach((a, i) => {
    err = Math.max(err, relativeError(a, expected[i] ?? null));
  });
  record(key, err);
  return err;
}

export function compareNumber(key: string, actual: number | null, expected: number | null): number {
  const err = relativeError(actual, expected);
  record(key, err);
  return err;
}
