import { describe, expect, it } from 'vitest';
import { checkFile, cleanFileName, sniffType } from './attachments.js';

const PDF = Buffer.from('%PDF-1.4\n');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xdb, 0x00]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]);

describe('attachment types by content', () => {
  it('recognizes PDF, JPEG and PNG by their first bytes', () => {
    expect(sniffType(PDF)).toBe('application/pdf');
    expect(sniffType(JPEG)).toBe('image/jpeg');
    expect(sniffType(PNG)).toBe('image/png');
  });

  it('recognizes nothing else, however it is named', () => {
    for (const s of ['<html>', 'GIF89a', 'PK\u0003\u0004', '%PD', '', ' %PDF-']) expect(sniffType(Buffer.from(s)), s).toBeNull();
    expect(checkFile(Buffer.from('<svg onload=alert(1)>'), 'report.pdf', 'application/pdf')).toEqual({ ok: false, problem: 'type' });
  });

  it('wants the extension and declared type to agree with the content', () => {
    expect(checkFile(JPEG, 'ct.JPEG', 'image/jpeg')).toEqual({ ok: true, type: 'image/jpeg' });
    expect(checkFile(PDF, 'report', null)).toEqual({ ok: true, type: 'application/pdf' });
    expect(checkFile(PDF, 'report.pdf', 'application/octet-stream')).toEqual({ ok: true, type: 'application/pdf' });
    expect(checkFile(PDF, 'report.png', null)).toEqual({ ok: false, problem: 'mismatch' });
    expect(checkFile(PNG, 'image.png', 'image/jpeg')).toEqual({ ok: false, problem: 'mismatch' });
  });

  it('keeps only the base name, without control or reserved characters', () => {
    expect(cleanFileName('C:\\scans\\..\\病理报告.pdf')).toBe('病理报告.pdf');
    expect(cleanFileName('a\u0000b<c>.pdf')).toBe('a_b_c_.pdf');
    expect(cleanFileName('///')).toBe('attachment');
  });
});
