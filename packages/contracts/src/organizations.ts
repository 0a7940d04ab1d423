import { z } from 'zod';
import { PageQuerySchema, VersionSchema, optionalText, paged } from '@gisurg/contracts';
import { ORGANIZATION_KINDS } from './auth.js';

export const OrganizationKindSchema = z.enum(ORGANIZATION_KINDS);
/** The kinds an administrator may give: the one home hospital is created at first start. */
export const ExternalOrganizationKindSchema = OrganizationKindSchema.exclude(['home']);

export const OrganizationSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  name: z.string(),
  nameEn: z.string().nullable(),
  kind: OrganizationKindSchema,
  region: z.string().nullable(),
  disabled: z.boolean(),
  userCount: z.number().int(),
  createdAt: z.string(),
});
export type OrganizationDto = z.infer<typeof OrganizationSchema>;

/** New organizations are external hospitals; the one home hospital is created at first start. */
export const CreateOrganizationSchema = z.strictObject({
  name: z.string().trim().min(2, 'validation.required').max(100),
  nameEn: optionalText(200),
  kind: ExternalOrganizationKindSchema,
  region: optionalText(50),
});
export type CreateOrganization = z.output<typeof CreateOrganizationSchema>;

export const UpdateOrganizationSchema = z.strictObject({
  version: VersionSchema,
  name: z.string().trim().min(2).max(100).optional(),
  nameEn: optionalText(200),
  kind: ExternalOrganizationKindSchema.optional(),
  region: optionalText(50),
  disabled: z.boolean().optional(),
});
export type UpdateOrganization = z.output<typeof UpdateOrganizationSchema>;

export const FindOrganizationsQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(60).optional(),
  kind: OrganizationKindSchema.optional(),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});

export const OrganizationPageSchema = paged(OrganizationSchema);
