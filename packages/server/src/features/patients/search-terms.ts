import { pinyin } from 'pinyin-pro';

/**
 * Normalized search keys for a patient (UX.md "Patient search", china-context.md §8.3): the name and its
 * suffixes (given name), full pinyin and initials for every reading of polyphonic characters — surname
 * mode for the leading surname (曾 → zeng, 单 → shan) as well as the plain readings, so either matches —
 * ü typed as v or u, the inpatient number, the ID number and the reversed ID number ("last digits").
 * Stored and prefix-matched with an index; never computed per row at query time.
 */
export type SearchTermKind =
  'name' | 'pinyin' | 'initials' | 'given_name' | 'given_pinyin' | 'given_initials' | 'inpatient_no' | 'id_number' | 'id_reversed';

export interface SearchTerm {
  kind: SearchTermKind;
  term: string;
}

const MAX_COMBINATIONS = 32;
const MAX_READINGS_PER_CHAR = 4;
const HAN = /\p{Script=Han}/u;

/** Lower-case, strip whitespace and separators: what both stored terms and queries go through. */
export function normalizeQuery(q: string): string {
  return q
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s'’·・.\-_]/g, '');
}

/**
 * The strings that start with `prefix`, as a half-open range [lo, hi) in code-point (UTF-8 byte) order: what a
 * `text_pattern_ops` index answers with `term ~>=~ lo and term ~<~ hi`. A prefix search written this way needs no
 * LIKE pattern, so it can be a named prepared statement with a generic plan (parsed and planned once per
 * connection) and still use the index; `term like 'abc%'` uses it only when planned with the pattern's value.
 * `hi` is the prefix with its last code point incremented (past the surrogate block; a last U+10FFFF is dropped and
 * the one before it incremented). An empty prefix (or one of only U+10FFFF) has no upper bound: `hi` is null.
 */
export function prefixRange(prefix: string): { lo: string; hi: string | null } {
  const cps = [...prefix].map((c) => c.codePointAt(0)!);
  while (cps.length > 0) {
    const last = cps.pop()!;
    if (last < 0x10ffff) {
      cps.push(last + 1 === 0xd800 ? 0xe000 : last + 1);
      return { lo: prefix, hi: String.fromCodePoint(...cps) };
    }
  }
  return { lo: prefix, hi: null };
}

function readingsPerChar(name: string): string[][] {
  const chars = [...name];
  const surnameMode = pinyin(name, { surname: 'head', toneType: 'none', type: 'array', v: true });
  const plain = pinyin(name, { toneType: 'none', type: 'array', v: true });
  return chars.map((ch, i) => {
    if (!HAN.test(ch)) return [normalizeQuery(ch)].filter(Boolean);
    // The surname takes its surname-mode and plain readings only (丁 is ding, not zheng).
    const all = i === 0 ? [] : pinyin(ch, { multiple: true, toneType: 'none', type: 'array', v: true });
    const set = new Set<string>([surnameMode[i] ?? '', plain[i] ?? '', ...all.slice(0, MAX_READINGS_PER_CHAR)].filter(Boolean));
    // ü: people type either v or u.
    for (const r of [...set]) if (r.includes('v')) set.add(r.replaceAll('v', 'u'));
    return [...set];
  });
}

function combinations(parts: string[][]): string[][] {
  let acc: string[][] = [[]];
  for (const options of parts) {
    const next: string[][] = [];
    for (const prefix of acc) {
      for (const o of options) {
        next.push([...prefix, o]);
        if (next.length >= MAX_COMBINATIONS) break;
      }
      if (next.length >= MAX_COMBINATIONS) break;
    }
    acc = next;
  }
  return acc;
}

export function nameTerms(name: string): SearchTerm[] {
  const clean = normalizeQuery(name);
  if (!clean) return [];
  const out = new Map<string, SearchTerm>();
  const add = (kind: SearchTerm['kind'], term: string) => {
    if (term) out.set(`${kind}:${term}`, { kind, term });
  };
  const chars = [...clean];
  // Name and its suffixes of two or more characters (given name), so 三丰 finds 张三丰.
  add('name', clean);
  for (let i = 1; i < chars.length - 1; i += 1) add('given_name', chars.slice(i).join(''));
  if (HAN.test(clean)) {
    const readings = readingsPerChar(clean);
    for (const combo of combinations(readings)) {
      for (let start = 0; start < combo.length; start += 1) {
        if (start > 0 && combo.length - start < 2) break;
        const rest = combo.slice(start);
        add(start === 0 ? 'pinyin' : 'given_pinyin', rest.join(''));
        add(start === 0 ? 'initials' : 'given_initials', rest.map((r) => r[0] ?? '').join(''));
      }
    }
  }
  return [...out.values()];
}

export function patientSearchTerms(p: { name: string; inpatientNo?: string | null; idNumber?: string | null }): SearchTerm[] {
  const terms = nameTerms(p.name);
  if (p.inpatientNo) terms.push({ kind: 'inpatient_no', term: normalizeQuery(p.inpatientNo) });
  if (p.idNumber) {
    const id = normalizeQuery(p.idNumber);
    terms.push({ kind: 'id_number', term: id }, { kind: 'id_reversed', term: [...id].reverse().join('') });
  }
  return terms;
}
