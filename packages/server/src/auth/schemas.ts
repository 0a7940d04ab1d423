import { z } from 'zod';
import { PERMISSIONS, ROLES } from './permissions.js';

export const LoginBodySchema = z.strictObject({
  username: z.string().trim().min(1, 'validation.required').max(64),
  password: z.string().min(1, 'validation.required').max(256),
});

export const ChangePasswordBodySchema = z.strictObject({
  currentPassword: z.string().min(1, 'validation.required').max(256),
  newPassword: z.string().max(256),
});

export const OrganizationRefSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  nameEn: z.string().nullable(),
  kind: z.enum(['home', 'primary', 'partner', 'other']),
});

export const MeSchema = z.object({
  user: z.object({ id: z.uuid(), username: z.string(), displayName: z.string(), role: z.enum(ROLES), title: z.string().nullable() }),
  role: z.enum(ROLES),
  organization: OrganizationRefSchema,
  permissions: z.array(z.enum(PERMISSIONS)),
  session: z.object({ idleTimeoutSeconds: z.number().int(), expiresAt: z.string() }),
});
export type Me = z.infer<typeof MeSchema>;
