import { describe, expect, it } from 'vitest';
import { contentDisposition } from './content-disposition.js';

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('张三-MDT意见-2026-12-01.pdf')).toBe(
      `attachment; filename="_-MDT_-2026-12-01.pdf"; filename*=UTF-8''%E5%BC%A0%E4%B8%89-MDT%E6%84%8F%E8%A7%81-2026-12-01.pdf`,
    );
  });
  it('keeps quotes, slashes and line breaks out of the header', () => {
    const h = contentDisposition('a"b/c\\d\r\ne.pdf', 'inline');
    expect(h).toBe(`inline; filename="a_b_c_d_e.pdf"; filename*=UTF-8''a_b_c_d__e.pdf`);
    expect(h).not.toMatch(/[\r\n]/);
  });
});
