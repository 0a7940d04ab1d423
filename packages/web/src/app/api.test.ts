import { describe, expect, it } from 'vitest';
import { DeleteRecordSchema } from '@gisurg/contracts';
import { CreateMeetingSchema } from '@gisurg/contracts/mdt';
import './i18n';
import { ApiError, api, post } from './api';

function countingServer() {
  const calls: string[] = [];
  globalThis.fetch = (async (url: string) => {
    calls.push(url);
    return new Response(JSON.stringify({ ok: true }), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return calls;
}

describe('request bodies are checked with the contract schema before they are sent', () => {
  it('refuses an invalid body with the bilingual field messages the server would send, without a request', async () => {
    const calls = countingServer();
    const e = await api('DELETE', '/api/diagnoses/x', { version: 1, reason: '' }, { schema: DeleteRecordSchema }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    const err = e as ApiError;
    expect(err.status).toBe(400);
    expect(err.code).toBe('VALIDATION');
    expect(err.fields).toEqual([
      expect.objectContaining({
        path: 'reason',
        messageZh: expect.stringContaining('原因'),
        messageEn: expect.stringMatching(/reason/i),
      }),
    ]);
    expect(calls).toEqual([]);
  });

  it('gives zod’s own Chinese and English texts for issues without a catalog key, with nested paths', async () => {
    const calls = countingServer();
    const e = (await post('/api/mdt/meetings', { kind: 'nonsense' }, CreateMeetingSchema).catch((x: unknown) => x)) as ApiError;
    expect(e.status).toBe(400);
    const kind = e.fields.find((f) => f.path === 'kind');
    expect(kind?.messageZh).toMatch(/[\u4e00-\u9fff]/);
    expect(kind?.messageEn).toMatch(/[A-Za-z]/);
    expect(calls).toEqual([]);
  });

  it('sends a valid body (checked as the server will see it, after JSON)', async () => {
    const calls = countingServer();
    await api('DELETE', '/api/diagnoses/x', { version: 3, reason: '重复录入', ignored: undefined }, { schema: DeleteRecordSchema });
    expect(calls).toEqual(['/api/diagnoses/x']);
  });
});
