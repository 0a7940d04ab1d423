import { describe, expect, it } from 'vitest';
import { fileNameFrom } from './download';

describe('fileNameFrom', () => {
  it('prefers the UTF-8 name of filename*', () => {
    expect(
      fileNameFrom(
        `attachment; filename="_-MDT_-2026-12-01.pdf"; filename*=UTF-8''%E5%BC%A0%E4%B8%89-MDT%E6%84%8F%E8%A7%81-2026-12-01.pdf`,
        'x.pdf',
      ),
    ).toBe('张三-MDT意见-2026-12-01.pdf');
  });
  it('takes the plain filename, or the fallback', () => {
    expect(fileNameFrom('attachment; filename="audit-2026-12-01.csv"', 'x.csv')).toBe('audit-2026-12-01.csv');
    expect(fileNameFrom(null, 'x.csv')).toBe('x.csv');
    expect(fileNameFrom(`attachment; filename*=UTF-8''%E5%BC`, 'x.pdf')).toBe('x.pdf');
  });
});
