import type { FastifyInstance } from 'fastify';
import { defineRoute } from '../../http/route.js';
import { UuidParamSchema } from '@gisurg/contracts';
import { createOrganization, findOrganizations, getOrganization, updateOrganization } from './organizations.js';
import {
  CreateOrganizationSchema,
  FindOrganizationsQuerySchema,
  OrganizationPageSchema,
  OrganizationSchema,
  UpdateOrganizationSchema,
} from '@gisurg/contracts/organizations';

export function organizationRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/organizations',
    access: 'organization:read',
    schema: {
      querystring: FindOrganizationsQuerySchema,
      response: { 200: OrganizationPageSchema },
      summary: 'Hospitals (home and external)',
      tags: ['organizations'],
    },
    handler: async (req, _reply, ctx) => findOrganizations(ctx, req.query),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/organizations',
    access: 'organization:manage',
    schema: {
      body: CreateOrganizationSchema,
      response: { 201: OrganizationSchema },
      summary: 'Add an external hospital',
      tags: ['organizations'],
    },
    handler: async (req, _reply, ctx) => createOrganization(ctx, req.body),
    created: true,
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/organizations/:id',
    access: 'organization:read',
    audit: { resourceType: 'organization', idParam: 'id' },
    schema: { params: UuidParamSchema, response: { 200: OrganizationSchema }, summary: 'One hospital', tags: ['organizations'] },
    handler: async (req, _reply, ctx) => getOrganization(ctx, req.params.id),
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/organizations/:id',
    access: 'organization:manage',
    audit: { resourceType: 'organization', idParam: 'id' },
    schema: {
      params: UuidParamSchema,
      body: UpdateOrganizationSchema,
      response: { 200: OrganizationSchema },
      summary: 'Edit or disable a hospital',
      tags: ['organizations'],
    },
    handler: async (req, _reply, ctx) => updateOrganization(ctx, req.params.id, req.body),
  });
}
