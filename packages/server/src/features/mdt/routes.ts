import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';
import { attachmentRoutes } from './routes-attachments.js';
import { caseRoutes } from './routes-cases.js';
import { meetingRoutes } from './routes-meetings.js';
import { trackingRoutes } from './routes-tracking.js';

/** Tumor boards (issue 7, docs/mdt.md): meetings, cases, attachments, recommendations, tracking. */
export function mdtRoutes(app: FastifyInstance, config: Config): void {
  meetingRoutes(app);
  caseRoutes(app, config);
  attachmentRoutes(app, config);
  trackingRoutes(app);
}
