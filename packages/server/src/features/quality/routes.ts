import type { FastifyInstance } from 'fastify';
import {
  AnnualReportQuerySchema,
  IndicatorsQuerySchema,
  IndicatorsSchema,
  LearningCurveQuerySchema,
  LearningCurveSchema,
  QualitySettingsSchema,
  SurgeonsSchema,
  TrendQuerySchema,
  TrendSchema,
  UpdateQualitySettingsSchema,
  VolumesQuerySchema,
  VolumesSchema,
} from '@gisurg/contracts/quality';
import type { Config } from '../../config.js';
import { defineRoute } from '../../http/route.js';
import { completenessRoutes } from './completeness-routes.js';
import { drillDownRoutes } from './drill-down-routes.js';
import { getAnnualReport } from './get-annual-report.js';
import { getIndicators, getTrend } from './get-indicators.js';
import { getLearningCurve, getSurgeons } from './get-learning-curve.js';
import { getVolumes } from './get-volumes.js';
import { reportRoutes } from './report-routes.js';
import { getSettings, updateSettings } from './settings.js';

const tags = ['quality'];

/** Quality and outcomes (issue 12, docs/quality.md). */
export function qualityRoutes(app: FastifyInstance, config: Config): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/quality/indicators',
    access: 'quality:read',
    schema: {
      querystring: IndicatorsQuerySchema,
      response: { 200: IndicatorsSchema },
      summary: 'Quality indicators over operations dated in [from, to]: numerator, denominator, rate, 95 % CI, target, missing',
      tags,
    },
    handler: async (req, _reply, ctx) => getIndicators(ctx, req.query),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/quality/trend',
    access: 'quality:read',
    schema: { querystring: TrendQuerySchema, response: { 200: TrendSchema }, summary: 'Indicator counts per week, month or quarter', tags },
    handler: async (req, _reply, ctx) => getTrend(ctx, req.query),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/quality/volumes',
    access: 'quality:read',
    schema: { querystring: VolumesQuerySchema, response: { 200: VolumesSchema }, summary: 'Operation volumes of a year', tags },
    handler: async (req, _reply, ctx) => getVolumes(ctx, req.query),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/quality/surgeons',
    access: 'quality:read',
    schema: { response: { 200: SurgeonsSchema }, summary: 'Surgeons whose figures the user may see', tags },
    handler: async (_req, _reply, ctx) => getSurgeons(ctx),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/quality/learning-curve',
    access: 'quality:own',
    schema: {
      querystring: LearningCurveQuerySchema,
      response: { 200: LearningCurveSchema },
      summary: "A surgeon's operative-time CUSUM and risk-adjusted failure CUSUM",
      tags,
    },
    handler: async (req, _reply, ctx) => getLearningCurve(ctx, req.query),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/quality/settings',
    access: 'quality:read',
    schema: { response: { 200: QualitySettingsSchema }, summary: 'Targets and the historic laparoscopic baseline', tags },
    handler: async (_req, _reply, ctx) => getSettings(ctx),
  });
  defineRoute(app, {
    method: 'PUT',
    url: '/api/quality/settings',
    access: 'quality:manage',
    schema: { body: UpdateQualitySettingsSchema, response: { 200: QualitySettingsSchema }, summary: 'Set targets and the baseline', tags },
    handler: async (req, _reply, ctx) => updateSettings(ctx, req.body),
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/reports/annual',
    access: 'quality:report',
    schema: { querystring: AnnualReportQuerySchema, summary: 'The annual discipline report (?format=pdf|xlsx)', tags },
    handler: async (req, reply, ctx) => {
      const file = await getAnnualReport(ctx, req.query, config.pdfFont);
      void reply.header('content-type', file.contentType);
      void reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
      return reply.send(file.body);
    },
  });
  drillDownRoutes(app);
  reportRoutes(app);
  completenessRoutes(app);
}
