import { describe, expect, it } from 'vitest';
import { nameTerms, normalizeQuery, patientSearchTerms } from './search-terms.js';

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
