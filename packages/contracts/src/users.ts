import { z } from 'zod';
import { PageQuerySchema, VersionSchema, optionalText, paged } from '@gisurg/contracts';
import { ROLES } from './auth.js';

const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, 'validation.username.format');

export const UserSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  organizationId: z.uuid(),
  organizationName: z.string(),
  title: z.string().nullable(),
  specialty: z.string().nullable(),
  phone: z.string().nullable(),
  disabled: z.boolean(),
  locked: z.boolean(),
  /** A second factor (TOTP) is enrolled (issue 17); the security administrator can reset it. */
  mfaEnrolled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type UserDto = z.infer<typeof UserSchema>;

export const CreateUserSchema = z.strictObject({
  username: UsernameSchema,
  password: z.string().max(256),
  displayName: z.string().trim().min(1, 'validation.required').max(50),
  role: z.enum(ROLES),
  organizationId: z.uuid(),
  title: optionalText(30),
  specialty: optionalText(30),
  phone: optionalText(30),
});
export type CreateUser = z.output<typeof CreateUserSchema>;

export const UpdateUserSchema = z.strictObject({
  version: VersionSchema,
  displayName: z.string().trim().min(1).max(50).optional(),
  role: z.enum(ROLES).optional(),
  organizationId: z.uuid().optional(),
  title: optionalText(30),
  specialty: optionalText(30),
  phone: optionalText(30),
  /** true ends every session of the user. */
  disabled: z.boolean().optional(),
  /** Clear a login lockout. */
  unlock: z.literal(true).optional(),
  /** Administrator password reset; ends the user's sessions. */
  password: z.string().max(256).optional(),
});
export type UpdateUser = z.output<typeof UpdateUserSchema>;

/**
 * The security administrator's change to an account (三员分立, `security:manage`): role (including the administrator
 * roles), lockout, disable or enable, and ending every session. Each one ends the user's sessions except `unlock`.
 */
export const UserSecurityChangeSchema = z.strictObject({
  version: VersionSchema,
  role: z.enum(ROLES).optional(),
  /** Staff move to the home hospital, external doctors to theirs, when a role change needs it. */
  organizationId: z.uuid().optional(),
  unlock: z.literal(true).optional(),
  disabled: z.boolean().optional(),
  /** End every session of the user now ("sign out everywhere"). */
  signOut: z.literal(true).optional(),
});
export type UserSecurityChange = z.output<typeof UserSecurityChangeSchema>;

export const FindUsersQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(60).optional(),
  role: z.enum(ROLES).optional(),
  organizationId: z.uuid().optional(),
  includeDisabled: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export const UserPageSchema = paged(UserSchema);
