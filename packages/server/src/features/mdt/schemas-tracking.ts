import { z } from 'zod';
import { IsoDateSchema, PageQuerySchema, VersionSchema, optionalText, paged } from '@gisurg/contracts';
import {
  CaseSummarySchema,
  ItemDisplayStatusSchema,
  MeetingKindSchema,
  NotDeliveredReasonSchema,
  TrackedItemSchema,
  TumorGroupSchema,
} from './schemas.js';

/** Request and response shapes of decision-to-delivery tracking, concordance and the coordinator's worklist. */
export const TrackingQuerySchema = PageQuerySchema.extend({
  status: ItemDisplayStatusSchema.optional(),
  tumorGroup: TumorGroupSchema.optional(),
  patientId: z.uuid().optional(),
  meetingId: z.uuid().optional(),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type TrackingQuery = z.output<typeof TrackingQuerySchema>;

export const TrackingRowSchema = TrackedItemSchema.extend({
  patientName: z.string(),
  inpatientNo: z.string().nullable(),
  tumorGroup: TumorGroupSchema,
  meetingId: z.uuid(),
  meetingStartsAt: z.string(),
  responsibleName: z.string().nullable(),
});
export type TrackingRowDto = z.infer<typeof TrackingRowSchema>;
export const TrackingPageSchema = paged(TrackingRowSchema);

export const DeliverItemSchema = z.strictObject({
  evidence: z.string().trim().min(1, 'validation.required').max(1000),
  deliveredOn: IsoDateSchema.optional(),
  version: VersionSchema.optional(),
});
export type DeliverItem = z.output<typeof DeliverItemSchema>;

export const NotDeliveredSchema = z.strictObject({
  reason: NotDeliveredReasonSchema,
  reasonText: optionalText(1000),
  version: VersionSchema.optional(),
});
export type NotDelivered = z.output<typeof NotDeliveredSchema>;

// ---------- concordance and worklist ----------
export const ConcordanceQuerySchema = z.object({
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  tumorGroup: TumorGroupSchema.optional(),
  kind: MeetingKindSchema.optional(),
});
export type ConcordanceQuery = z.output<typeof ConcordanceQuerySchema>;

const CountsSchema = z.object({
  cases: z.number().int(),
  delivered: z.number().int(),
  partly: z.number().int(),
  notDelivered: z.number().int(),
  pending: z.number().int(),
  /** Fully delivered among cases whose items are all closed; null when none is closed yet. */
  concordanceRate: z.number().nullable(),
});
export const ConcordanceSchema = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  overall: CountsSchema,
  byTumorGroup: z.array(CountsSchema.extend({ tumorGroup: TumorGroupSchema })),
  byMeeting: z.array(
    CountsSchema.extend({ meetingId: z.uuid(), startsAt: z.string(), tumorGroup: TumorGroupSchema, kind: MeetingKindSchema }),
  ),
  byMonth: z.array(CountsSchema.extend({ month: z.string() })),
  items: z.object({ delivered: z.number().int(), notDelivered: z.number().int(), pending: z.number().int(), overdue: z.number().int() }),
  notDeliveredReasons: z.array(z.object({ reason: NotDeliveredReasonSchema, count: z.number().int() })),
});
export type ConcordanceDto = z.infer<typeof ConcordanceSchema>;

export const StuckSchema = z.object({
  entity: z.enum(['mdt_meeting', 'mdt_case']),
  id: z.uuid(),
  status: z.string(),
  since: z.string(),
  label: z.string(),
});
export type StuckDto = z.infer<typeof StuckSchema>;

export const WorklistSchema = z.object({
  triage: z.array(CaseSummarySchema),
  overdue: z.array(TrackingRowSchema),
  stuck: z.array(StuckSchema),
});
