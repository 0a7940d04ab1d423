import { describe, expect, it } from 'vitest';
import { generatePassword, meetsPasswordPolicy, needsRehash } from './passwords.js';

describe('passwords', () => {
  it('generates passwords that meet the policy and differ', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i += 1) {
      const p = generatePassword();
      expect(meetsPasswordPolicy(p), p).toBe(true);
      seen.add(p);
    }
    expect(seen.size).toBe(500);
  });

  it('requires 8 characters from at least 3 classes', () => {
    expect(meetsPasswordPolicy('Abcdefg1')).toBe(true);
    expect(meetsPasswordPolicy('abcdefg1')).toBe(false);
    expect(meetsPasswordPolicy('Abc-1')).toBe(false);
    expect(meetsPasswordPolicy('abcdefg-1')).toBe(true);
  });

  it('asks to rehash hashes weaker than argon2id m=19456 t=2', () => {
    expect(needsRehash('$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaA')).toBe(true);
    expect(needsRehash('$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA')).toBe(false);
    expect(needsRehash('$2b$10$abcdefghijklmnopqrstuv')).toBe(true);
  });
});
