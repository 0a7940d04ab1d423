import { describe, expect, it } from 'vitest';
import { helmetHeaders } from './security-headers.js';

describe("helmet's headers, worked out once", () => {
  it('adds HSTS when asked, drops the embedder policy when told, and renders the CSP directives', () => {
    const h = helmetHeaders({
      contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], upgradeInsecureRequests: null } },
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: true,
    });
    expect(h['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(h['cross-origin-embedder-policy']).toBeUndefined();
    expect(h['content-security-policy']).toContain("default-src 'self'");
    expect(h['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(h['x-powered-by']).toBeUndefined();
  });

  it('fails at start on options helmet refuses, not on the first request', () => {
    expect(() => helmetHeaders({ contentSecurityPolicy: { directives: { defaultSrc: ['self'] } } })).toThrow();
  });
});
