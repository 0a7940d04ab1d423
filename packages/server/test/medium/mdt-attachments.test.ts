import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, mdtAttachmentBlobs, mdtAttachments } from '../../src/db/schema/index.js';
import { aPatient } from './support/builders.js';
import { mdtClient } from './support/mdt.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

const PDF = Buffer.from('%PDF-1.7\n% synthetic report\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF synthetic'), Buffer.from([0xff, 0xd9])]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('synthetic png')]);
const HTML = Buffer.from('<html><script>alert(1)</script></html>');

type Attachment = { id: string; fileName: string; contentType: string; sizeBytes: number; sha256: string; kind: string };

let w: TestWorld;
let m: ReturnType<typeof mdtClient>;
let caseA: string;
let caseHome: string;
beforeAll(async () => {
  w = await createTestWorld({ env: { MDT_ATTACHMENT_MAX_MB: '1' } });
  m = mdtClient(w);
  const board = (await m.meeting({ kind: 'inter' })).id;
  caseA = (await m.submit(board, (await aPatient(w.homeOrgId, { sourceOrganizationId: w.orgA }).build(w.db)).id, 'external_doctor')).id;
  caseHome = (await m.submit(board, (await aPatient(w.homeOrgId).build(w.db)).id, 'surgeon')).id;
});
afterAll(async () => w.close());

async function upload(
  who: Parameters<TestWorld['as']>[0],
  caseId: string,
  body: Buffer,
  opts: { fileName?: string; kind?: string; type?: string } = {},
) {
  const q = new URLSearchParams({ fileName: opts.fileName ?? 'report.pdf', ...(opts.kind ? { kind: opts.kind } : {}) });
  return w.app.inject({
    method: 'POST',
    url: `/api/mdt/cases/${caseId}/attachments?${q.toString()}`,
    headers: { cookie: await w.as(who), 'content-type': opts.type ?? 'application/octet-stream' },
    payload: body,
  });
}
/** Where the content-addressed store keeps a file (core/attachments.ts). */
const fileOf = (sha256: string) => path.join(w.config.dataDir, 'attachments', sha256.slice(0, 2), sha256);
const countFiles = async () => (await w.db.select({ n: sql<number>`count(*)::int` }).from(mdtAttachments))[0]!.n;

describe('uploading attachments', () => {
  it('accepts PDF, JPEG and PNG, recognized by their content', async () => {
    const cases: [Buffer, string, string][] = [
      [PDF, 'CT报告.pdf', 'application/pdf'],
      [JPEG, 'key-image.jpg', 'image/jpeg'],
      [PNG, 'pci.png', 'image/png'],
      [PDF, '病理报告', 'application/pdf'],
    ];
    for (const [body, fileName, type] of cases) {
      const res = await upload('external_doctor', caseA, body, { fileName, kind: 'imaging_report' });
      expect(res.statusCode, fileName).toBe(201);
      expect(res.json<Attachment>()).toMatchObject({
        fileName,
        contentType: type,
        sizeBytes: body.length,
        kind: 'imaging_report',
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
    }
  });

  it('refuses other content whatever its name or declared type (400) and stores nothing', async () => {
    const before = await countFiles();
    for (const [body, fileName, type] of [
      [HTML, 'report.pdf', 'application/pdf'],
      [Buffer.from('MZ\x90\x00 windows exe'), 'scan.jpg', 'image/jpeg'],
      [PDF, 'report.png', 'application/octet-stream'],
      [PDF, 'report.pdf', 'image/png'],
      [PDF, 'report.html', 'application/pdf'],
    ] as const) {
      const res = await upload('surgeon', caseHome, body, { fileName, type });
      expect(res.statusCode, `${fileName} ${type}`).toBe(400);
    }
    expect(await countFiles()).toBe(before);
  });

  it('refuses an empty body (400) and a JSON body (400)', async () => {
    expect((await upload('surgeon', caseHome, Buffer.alloc(0))).statusCode).toBe(400);
    const json = await w.app.inject({
      method: 'POST',
      url: `/api/mdt/cases/${caseHome}/attachments`,
      headers: { cookie: await w.as('surgeon') },
      payload: { file: 'x' },
    });
    expect(json.statusCode).toBe(400);
  });

  it('refuses a file over the size limit (413) and stores nothing', async () => {
    const before = await countFiles();
    const big = Buffer.concat([PDF, Buffer.alloc(1024 * 1024 + 10, 0x20)]);
    const res = await upload('surgeon', caseHome, big, { type: 'application/pdf' });
    expect(res.statusCode).toBe(413);
    expect(await countFiles()).toBe(before);
  });

  it('does not let another hospital add files to a case it cannot see (404)', async () => {
    expect((await upload('extB', caseA, PDF)).statusCode).toBe(404);
    expect((await upload('external_doctor', caseHome, PDF)).statusCode).toBe(404);
  });

  it('keeps the path out of the stored name', async () => {
    const res = await upload('surgeon', caseHome, PDF, { fileName: '../../etc/passwd.pdf' });
    expect(res.json<Attachment>().fileName).toBe('passwd.pdf');
  });
});

describe('downloading attachments', () => {
  let fileId: string;
  beforeAll(async () => {
    fileId = (await upload('external_doctor', caseA, JPEG, { fileName: '增强CT.jpg', kind: 'key_image' })).json<Attachment>().id;
  });

  it("serves the bytes to the case's audience: the submitting hospital and the home hospital's staff", async () => {
    for (const who of ['external_doctor', 'mdt_coordinator', 'resident', 'student'] as const) {
      const res = await m.call(who, 'GET', `/api/mdt/attachments/${fileId}`);
      expect(res.statusCode, who).toBe(200);
      expect(res.headers['content-type']).toBe('image/jpeg');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toBe('no-store');
      // Not the app-wide object-src 'none' (Chromium's PDF viewer needs it), but never framed by other sites.
      expect(res.headers['content-security-policy']).toBe("frame-ancestors 'self'");
      expect(Buffer.compare(res.rawPayload, JPEG)).toBe(0);
    }
  });

  it('reads as missing to anyone outside the audience (404, same body as a wrong id); researchers get 404 too (issue 14)', async () => {
    const other = await m.call('extB', 'GET', `/api/mdt/attachments/${fileId}`);
    const missing = await m.call('extB', 'GET', '/api/mdt/attachments/00000000-0000-4000-8000-000000000000');
    expect(other.statusCode).toBe(404);
    const strip = (b: string) => JSON.parse(b.replace(/"requestId":"[^"]*"/, '')) as unknown;
    expect(strip(other.body)).toEqual(strip(missing.body));
    expect((await m.call('researcher', 'GET', `/api/mdt/attachments/${fileId}`)).statusCode).toBe(404);
  });

  it('audits every download and every refused attempt', async () => {
    const ok = await m.call('mdt_coordinator', 'GET', `/api/mdt/attachments/${fileId}`);
    const denied = await m.call('extB', 'GET', `/api/mdt/attachments/${fileId}`);
    const [read] = await w.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.requestId, ok.headers['x-request-id'] as string));
    const [miss] = await w.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.requestId, denied.headers['x-request-id'] as string));
    expect(read).toMatchObject({ action: 'mdt.attachment.read', resourceId: fileId });
    expect(miss).toMatchObject({ action: 'access.denied', outcome: 'not_found', resourceType: 'mdt_attachment', resourceId: fileId });
  });

  it('withdraws a file uploaded by mistake: hidden from everyone, kept for the audit trail', async () => {
    const id = (await upload('external_doctor', caseA, PDF, { fileName: '错传.pdf' })).json<Attachment>().id;
    expect((await m.call('extB', 'DELETE', `/api/mdt/attachments/${id}`)).statusCode).toBe(404);
    expect((await m.call('external_doctor', 'DELETE', `/api/mdt/attachments/${id}`)).statusCode).toBe(204);
    expect((await m.call('external_doctor', 'GET', `/api/mdt/attachments/${id}`)).statusCode).toBe(404);
    expect((await m.call('mdt_coordinator', 'GET', `/api/mdt/attachments/${id}`)).statusCode).toBe(404);
    const [row] = await w.db.select().from(mdtAttachments).where(eq(mdtAttachments.id, id));
    expect(existsSync(fileOf(row!.sha256))).toBe(true);
    const detail = m.ok<{ attachments: { id: string }[] }>(await m.call('external_doctor', 'GET', `/api/mdt/cases/${caseA}`));
    expect(detail.attachments.map((a) => a.id)).not.toContain(id);
  });
});

describe('storage outside the database (issue 17 failure 7)', () => {
  it('keeps the bytes in a content-addressed file under DATA_DIR, not in the database, and identical content once', async () => {
    const body = Buffer.concat([PDF, Buffer.from(`unique ${Math.random()}`)]);
    const first = (await upload('surgeon', caseHome, body, { fileName: 'a.pdf' })).json<Attachment>();
    const second = (await upload('surgeon', caseHome, body, { fileName: 'b.pdf' })).json<Attachment>();
    expect(second.sha256).toBe(first.sha256);
    expect(Buffer.compare(readFileSync(fileOf(first.sha256)), body)).toBe(0);
    expect(await w.db.select().from(mdtAttachmentBlobs).where(eq(mdtAttachmentBlobs.attachmentId, first.id))).toHaveLength(0);
    for (const id of [first.id, second.id]) {
      const res = await m.call('surgeon', 'GET', `/api/mdt/attachments/${id}`);
      expect(Buffer.compare(res.rawPayload, body)).toBe(0);
    }
  });

  it('checks the file against its sha256 on every read: an altered or missing file is never served', async () => {
    const body = Buffer.concat([PDF, Buffer.from(`tamper ${Math.random()}`)]);
    const a = (await upload('surgeon', caseHome, body)).json<Attachment>();
    writeFileSync(fileOf(a.sha256), Buffer.concat([PDF, Buffer.from('<script>alert(1)</script>')]));
    const altered = await m.call('surgeon', 'GET', `/api/mdt/attachments/${a.id}`);
    expect(altered.statusCode).toBe(503);
    expect(altered.json<{ error: { code: string } }>().error.code).toBe('UNAVAILABLE');
    expect(altered.body).not.toContain('alert');
    rmSync(fileOf(a.sha256));
    expect((await m.call('surgeon', 'GET', `/api/mdt/attachments/${a.id}`)).statusCode).toBe(503);
  });

  it('stores in the database when ATTACHMENT_STORAGE=database (several app instances without a shared folder)', async () => {
    const w2 = await createTestWorld({ env: { ATTACHMENT_STORAGE: 'database' } });
    try {
      const m2 = mdtClient(w2);
      const board = (await m2.meeting({ kind: 'inter' })).id;
      const caseId = (await m2.submit(board, (await aPatient(w2.homeOrgId).build(w2.db)).id, 'surgeon')).id;
      const res = await w2.app.inject({
        method: 'POST',
        url: `/api/mdt/cases/${caseId}/attachments?fileName=r.pdf`,
        headers: { cookie: await w2.as('surgeon'), 'content-type': 'application/pdf' },
        payload: PDF,
      });
      const a = res.json<Attachment>();
      expect(await w2.db.select().from(mdtAttachmentBlobs).where(eq(mdtAttachmentBlobs.attachmentId, a.id))).toHaveLength(1);
      expect(existsSync(path.join(w2.config.dataDir, 'attachments'))).toBe(false);
      const got = await m2.call('surgeon', 'GET', `/api/mdt/attachments/${a.id}`);
      expect(Buffer.compare(got.rawPayload, PDF)).toBe(0);
    } finally {
      await w2.close();
    }
  });
});
