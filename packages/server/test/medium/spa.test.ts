import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorld, type TestWorld } from './support/test-app.js';

let w: TestWorld;
const dist = mkdtempSync(path.join(os.tmpdir(), 'gisurg-dist-'));
beforeAll(async () => {
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>GISurg</title><div id="root"></div>');
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'assets', 'app-1.js'), 'console.log(1)');
  w = await createTestWorld({ env: { WEB_DIST: dist } });
});
afterAll(async () => {
  await w.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('serving the web app', () => {
  it('serves index.html for app routes (deep links) with a CSP that forbids framing and inline scripts', async () => {
    for (const url of ['/', '/patients/1234', '/admin/audit?x=1']) {
      const res = await w.app.inject({ method: 'GET', url });
      expect(res.statusCode, `${url} ${res.body}`).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('<div id="root">');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toMatch(/script-src 'self'(;|$)/);
    }
  });

  it('sends the same security headers on every response: the app, its assets, the API and its errors', async () => {
    const expected = {
      'content-security-policy':
        "default-src 'self';base-uri 'self';font-src 'self' data:;form-action 'self';frame-ancestors 'none';img-src 'self' data: blob:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';connect-src 'self'",
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'origin-agent-cluster': '?1',
      'referrer-policy': 'same-origin',
      'x-content-type-options': 'nosniff',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-frame-options': 'SAMEORIGIN',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    };
    for (const url of ['/patients', '/assets/app-1.js', '/api/health', '/api/patients', '/api/no-such-route']) {
      const res = await w.app.inject({ method: 'GET', url });
      expect(res.headers, url).toMatchObject(expected);
      // HSTS only behind HTTPS (COOKIE_SECURE=always); no cross-origin embedder policy (PDF and images in the app).
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
      expect(res.headers['cross-origin-embedder-policy'], url).toBeUndefined();
    }
  });

  it('serves built assets, including files added after start', async () => {
    writeFileSync(path.join(dist, 'assets', 'app-2.js'), 'console.log(2)');
    for (const f of ['app-1.js', 'app-2.js']) {
      const res = await w.app.inject({ method: 'GET', url: `/assets/${f}` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/javascript/);
      expect(res.headers['cache-control']).toContain('immutable');
    }
  });

  it("sends the build's Brotli or gzip copy when the browser accepts it, the plain file otherwise", async () => {
    const js = `console.log(${JSON.stringify('x'.repeat(4000))})`;
    writeFileSync(path.join(dist, 'assets', 'big-1.js'), js);
    writeFileSync(path.join(dist, 'assets', 'big-1.js.br'), brotliCompressSync(js));
    writeFileSync(path.join(dist, 'assets', 'big-1.js.gz'), gzipSync(js));
    const br = await w.app.inject({ method: 'GET', url: '/assets/big-1.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers['cache-control']).toContain('immutable');
    expect(br.rawPayload.length).toBeLessThan(js.length / 10);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(js);
    const gz = await w.app.inject({ method: 'GET', url: '/assets/big-1.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await w.app.inject({ method: 'GET', url: '/assets/big-1.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(js);
  });

  it('answers 404, not the app page, for a missing file', async () => {
    const res = await w.app.inject({ method: 'GET', url: '/assets/gone-123.js' });
    expect(res.statusCode).toBe(404);
  });

  it('keeps unknown API routes as 404 JSON', async () => {
    const res = await w.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('NOT_FOUND');
  });
});
