import { describe, expect, it } from 'vitest';
import { visibleMenu } from './menu';
import type { Permission } from './types';

/** 三员分立 (issue 17): each administrator sees only their own administration pages, and no clinical page. */
const menuOf = (perms: Permission[]) => visibleMenu((p) => perms.includes(p)).map((m) => `${m.group}:${m.path}`);

describe('the menu of the three administrators', () => {
  it('system administrator: users and hospitals', () => {
    const m = menuOf(['user:read', 'user:manage', 'organization:read', 'organization:manage']);
    expect(m.filter((e) => e.startsWith('admin:'))).toEqual(['admin:/admin/users', 'admin:/admin/organizations']);
    expect(m.filter((e) => e.startsWith('clinical:') && e !== 'clinical:/')).toEqual([]);
  });

  it('security administrator: users (roles, lockouts, sessions) only', () => {
    const m = menuOf(['user:read', 'organization:read', 'security:manage']);
    expect(m.filter((e) => e.startsWith('admin:'))).toEqual(['admin:/admin/users']);
  });

  it('audit administrator: the audit log and the break-glass report only', () => {
    const m = menuOf(['audit:read', 'user:read', 'organization:read']);
    expect(m.filter((e) => e.startsWith('admin:'))).toEqual(['admin:/admin/audit', 'admin:/admin/break-glass']);
  });
});
