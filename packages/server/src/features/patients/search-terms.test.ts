import { describe, expect, it } from 'vitest';
import { nameTerms, normalizeQuery, patientSearchTerms, prefixRange } from './search-terms.js';

const termsOf = (name: string, kind: string) =>
  nameTerms(name)
    .filter((t) => t.kind === kind)
    .map((t) => t.term);

describe('patient search terms', () => {
  it('gives full pinyin and initials', () => {
    expect(termsOf('张三丰', 'pinyin')).toContain('zhangsanfeng');
    expect(termsOf('张三丰', 'initials')).toContain('zsf');
  });

  it('reads polyphonic surnames in surname mode and plainly', () => {
    expect(termsOf('曾乐', 'pinyin')).toEqual(expect.arrayContaining(['zengle', 'cengle', 'zengyue']));
    expect(termsOf('单雄信', 'pinyin')).toContain('shanxiongxin');
    expect(termsOf('解放', 'pinyin')).toContain('xiefang');
  });

  it('matches the given name alone', () => {
    expect(termsOf('张三丰', 'name')).toEqual(['张三丰']);
    expect(termsOf('张三丰', 'given_name')).toEqual(['三丰']);
    expect(termsOf('张三丰', 'given_pinyin')).toContain('sanfeng');
    expect(termsOf('张三丰', 'given_initials')).toContain('sf');
  });

  it('accepts v and u for ü', () => {
    expect(termsOf('吕明', 'pinyin')).toEqual(expect.arrayContaining(['lvming', 'luming']));
  });

  it('indexes the reversed ID number for last-digit search', () => {
    const t = patientSearchTerms({ name: '李四', idNumber: '33010619580304013X', inpatientNo: 'ZY001' });
    expect(t).toContainEqual({ kind: 'id_reversed', term: 'x31040308591601033' });
    expect(t).toContainEqual({ kind: 'inpatient_no', term: 'zy001' });
  });

  it('normalizes queries the same way', () => {
    expect(normalizeQuery(' Zhang San ')).toBe('zhangsan');
  });
});

describe('prefixRange', () => {
  const inRange = (s: string, r: { lo: string; hi: string | null }) => {
    // Code-point order, as text_pattern_ops compares UTF-8 bytes.
    const cmp = (a: string, b: string) => {
      const x = [...a].map((c) => c.codePointAt(0)!);
      const y = [...b].map((c) => c.codePointAt(0)!);
      for (let i = 0; i < Math.min(x.length, y.length); i += 1) if (x[i] !== y[i]) return x[i]! - y[i]!;
      return x.length - y.length;
    };
    return cmp(s, r.lo) >= 0 && (r.hi === null || cmp(s, r.hi) < 0);
  };

  it('holds exactly the strings that start with the prefix', () => {
    const samples = [
      '司马测压',
      '司马测压甲',
      '司马测',
      '司马测厌',
      '司马测厌乙',
      'wang',
      'wangwu',
      'wanh',
      'wan',
      'wanga',
      'x',
      '',
      '0701',
      '07019',
    ];
    for (const prefix of ['司马测压', 'wang', '0701', 'w', '司']) {
      const r = prefixRange(prefix);
      for (const s of samples) expect(inRange(s, r), `${prefix} / ${s}`).toBe(s.startsWith(prefix));
    }
    expect(prefixRange('wang')).toEqual({ lo: 'wang', hi: 'wanh' });
    expect(prefixRange('司马测压')).toEqual({ lo: '司马测压', hi: '司马测厌' });
  });

  it('steps over the surrogate block and the last code point', () => {
    expect(prefixRange('a\ud7ff').hi).toBe('a\ue000');
    expect(prefixRange('a\u{10ffff}').hi).toBe('b');
    expect(prefixRange('\u{10ffff}').hi).toBeNull();
    expect(prefixRange('').hi).toBeNull();
  });
});
