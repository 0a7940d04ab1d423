import { z } from 'zod';
import { DateTimeSchema, IsoDateSchema, optionalText, text } from './common.js';

/**
 * Teaching (issue 14, docs/education.md): events (annual forum, teaching class) with their programme, public
 * registration, per-session check-in, CME credits and certificates; the master's training station
 * (universities, supervisors, trainees, case log with sign-off, milestones); MDT attendance credits.
 * The "contract used by outside checks" of the issue is `CreateEventSchema` → 201 `CreatedSchema`.
 */

export const EVENT_KINDS = ['forum', 'teaching_class'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
/** 国家级 / 省级继续医学教育项目. */
export const CME_LEVELS = ['national', 'provincial'] as const;
/** I 类 / II 类学分. */
export const CME_CATEGORIES = ['I', 'II'] as const;
export const DEGREES = ['academic', 'professional'] as const;
export const MILESTONE_KINDS = ['proposal', 'midterm', 'defence'] as const;
/** Case-log entries a trainee adds by hand (operations and MDT attendance come in by themselves). */
export const LOG_ENTRY_KINDS = ['ward_round', 'mdt_presentation', 'clinic', 'teaching', 'other'] as const;
export const CASE_LOG_SOURCES = ['operation', 'mdt_attendance', 'entry'] as const;

/**
 * CME credit rules of 《继续医学教育学分授予与管理办法》 (全国继续医学教育委员会, 2006), for I 类 projects:
 * participants earn 1 credit per 3 teaching hours (参加者每3学时授予1学分), and one project awards at most
 * 25 credits (每个项目所授学分数最多不超过25学分). GISurg stores the points the organiser sets per session
 * (the approval letter may differ); `suggestedSessionCredits` is the default the form proposes.
 */
export const CME_HOURS_PER_CREDIT = 3;
export const CME_MAX_CREDITS_PER_PROJECT = 25;
export function suggestedSessionCredits(minutes: number): number {
  return Math.round((minutes / 60 / CME_HOURS_PER_CREDIT) * 10) / 10;
}
/** An attendee's credits for an event: the attended sessions' points, capped per project. */
export function eventCredits(sessionPoints: readonly number[]): number {
  const sum = sessionPoints.reduce((a, b) => a + b, 0);
  return Math.min(CME_MAX_CREDITS_PER_PROJECT, Math.round(sum * 10) / 10);
}

/** Mainland mobile number (11 digits starting 1[3-9]). */
export const PHONE_PATTERN = /^1[3-9]\d{9}$/;
/** Confirmation codes: 6 characters without look-alikes (0/O, 1/I/L). */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_PATTERN = /^[A-HJ-KMNP-Z2-9]{6}$/;

const required = (max: number) =>
  text(max)
    .transform((s) => s.trim())
    .pipe(z.string().min(1, 'validation.required'));

export const CreateEventSchema = z
  .strictObject({
    kind: z.enum(EVENT_KINDS),
    title: required(200),
    startDate: IsoDateSchema,
    endDate: IsoDateSchema,
    venue: optionalText(200),
    cmeLevel: z.enum(CME_LEVELS).optional(),
    cmeCategory: z.enum(CME_CATEGORIES).optional(),
    cmeProjectNo: optionalText(60),
    registrationCloses: IsoDateSchema.nullable().optional(),
  })
  .refine((b) => b.endDate >= b.startDate, { path: ['endDate'], message: 'education.validation.endBeforeStart' });
export type CreateEvent = z.input<typeof CreateEventSchema>;

export const CreatedSchema = z.object({ id: z.uuid() });

export const CreateSessionSchema = z
  .strictObject({
    startsAt: DateTimeSchema,
    endsAt: DateTimeSchema,
    title: required(200),
    speakers: optionalText(300),
    demoBookingId: z.uuid().nullable().optional(),
    credits: z.number().min(0).max(20).optional(),
  })
  .refine((b) => b.endsAt > b.startsAt, { path: ['endsAt'], message: 'education.validation.endBeforeStart' });
export type CreateSession = z.input<typeof CreateSessionSchema>;

export const SessionSchema = z.object({
  id: z.uuid(),
  startsAt: z.string(),
  endsAt: z.string(),
  title: z.string(),
  speakers: z.string().nullable(),
  demo: z.object({ bookingId: z.uuid(), date: z.string(), room: z.string().nullable(), procedures: z.array(z.string()) }).nullable(),
  credits: z.number(),
  /** Staff only: the check-in link's token (`/checkin#<token>`, printed as a QR code at the door). */
  checkinToken: z.string(),
  attended: z.number().int(),
});
export type EventSession = z.output<typeof SessionSchema>;

export const EventSummarySchema = z.object({
  id: z.uuid(),
  kind: z.enum(EVENT_KINDS),
  title: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  venue: z.string().nullable(),
  cmeLevel: z.enum(CME_LEVELS),
  cmeCategory: z.enum(CME_CATEGORIES),
  cmeProjectNo: z.string().nullable(),
  registrationCloses: z.string().nullable(),
  registrationOpen: z.boolean(),
  sessions: z.number().int(),
  registrations: z.number().int(),
  attendees: z.number().int(),
});
export type EventSummary = z.output<typeof EventSummarySchema>;
export const EventListSchema = z.object({ items: z.array(EventSummarySchema) });

export const RegistrationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  hospital: z.string(),
  title: z.string(),
  phone: z.string(),
  code: z.string(),
  registeredAt: z.string(),
  attendedSessionIds: z.array(z.uuid()),
  credits: z.number(),
});
export type Registration = z.output<typeof RegistrationSchema>;

export const EventDetailSchema = EventSummarySchema.extend({
  sessions: z.array(SessionSchema),
  registrations: z.array(RegistrationSchema),
  registrationCount: z.number().int(),
  attendeeCount: z.number().int(),
});
export type EventDetail = z.output<typeof EventDetailSchema>;

export const StaffCheckInSchema = z.strictObject({
  sessionId: z.uuid(),
  code: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(CODE_PATTERN, 'education.validation.code')),
});

// ---- public (no account) ----

export const PublicEventSchema = z.object({
  id: z.uuid(),
  kind: z.enum(EVENT_KINDS),
  title: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  venue: z.string().nullable(),
  cmeLevel: z.enum(CME_LEVELS),
  cmeCategory: z.enum(CME_CATEGORIES),
  registrationOpen: z.boolean(),
  sessions: z.array(
    z.object({ startsAt: z.string(), endsAt: z.string(), title: z.string(), speakers: z.string().nullable(), credits: z.number() }),
  ),
});
export type PublicEvent = z.output<typeof PublicEventSchema>;

export const RegisterSchema = z.strictObject({
  name: required(40),
  hospital: required(100),
  title: required(40),
  phone: z.string().trim().max(20).regex(PHONE_PATTERN, 'education.validation.phone'),
});
export type Register = z.input<typeof RegisterSchema>;
export const RegisteredSchema = z.object({ code: z.string(), eventTitle: z.string() });

const TokenSchema = z.string().max(100);
export const CheckInOpenSchema = z.strictObject({ token: TokenSchema });
export const CheckInSessionSchema = z.object({
  eventId: z.uuid(),
  eventTitle: z.string(),
  sessionTitle: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  credits: z.number(),
});
export const PublicCheckInSchema = z.strictObject({ token: TokenSchema, code: StaffCheckInSchema.shape.code });
export const CheckedInSchema = z.object({
  name: z.string(),
  sessionTitle: z.string(),
  alreadyCheckedIn: z.boolean(),
  /** Credits for the whole event so far. */
  credits: z.number(),
});
export type CheckedIn = z.output<typeof CheckedInSchema>;

// ---- master's station ----

export const CreateUniversitySchema = z.strictObject({ name: required(100), nameEn: optionalText(200) });
export const UniversitySchema = z.object({ id: z.uuid(), name: z.string(), nameEn: z.string().nullable() });
export const UniversityListSchema = z.object({ items: z.array(UniversitySchema) });

export const CreateSupervisorSchema = z.strictObject({ userId: z.uuid(), universityId: z.uuid() });
export const SupervisorSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  name: z.string(),
  title: z.string().nullable(),
  university: UniversitySchema,
  trainees: z.number().int(),
});
export type Supervisor = z.output<typeof SupervisorSchema>;
export const SupervisorListSchema = z.object({ items: z.array(SupervisorSchema) });

export const CreateTraineeSchema = z.strictObject({
  userId: z.uuid(),
  supervisorId: z.uuid(),
  degree: z.enum(DEGREES),
  enrolmentYear: z.number().int().min(2000).max(2100),
  yearOfStudy: z.number().int().min(1).max(8),
  thesisTitle: optionalText(300),
});
export type CreateTrainee = z.input<typeof CreateTraineeSchema>;

export const TraineeSummarySchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  name: z.string(),
  role: z.string(),
  university: UniversitySchema,
  supervisor: z.object({ id: z.uuid(), userId: z.uuid(), name: z.string() }),
  degree: z.enum(DEGREES),
  enrolmentYear: z.number().int(),
  yearOfStudy: z.number().int(),
  thesisTitle: z.string().nullable(),
});
export type TraineeSummary = z.output<typeof TraineeSummarySchema>;
export const TraineeListSchema = z.object({ items: z.array(TraineeSummarySchema) });

export const CaseLogEntrySchema = z.object({
  /** `op:<operationId>`, `mdt:<participantId>` or `entry:<id>`: what a sign-off refers to. */
  key: z.string(),
  source: z.enum(CASE_LOG_SOURCES),
  date: z.string(),
  /** For operations: 'assistant_1', 'assistant_2', …; for entries: the entry kind; for MDT: 'attendee'. */
  role: z.string(),
  kind: z.string().nullable(),
  procedures: z.array(z.string()),
  approach: z.string().nullable(),
  description: z.string().nullable(),
  operationId: z.uuid().nullable(),
  patientId: z.uuid().nullable(),
  /** MDT attendance: the CME points the department configured. */
  credits: z.number().nullable(),
  signedOff: z.object({ by: z.string(), at: z.string() }).nullable(),
});
export type CaseLogEntry = z.output<typeof CaseLogEntrySchema>;

export const MilestoneSchema = z.object({
  kind: z.enum(MILESTONE_KINDS),
  plannedOn: z.string().nullable(),
  completedOn: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number().int().nullable(),
});

export const TraineeDetailSchema = TraineeSummarySchema.extend({
  caseLog: z.array(CaseLogEntrySchema),
  milestones: z.array(MilestoneSchema),
  totals: z.object({
    operations: z.number().int(),
    mdt: z.number().int(),
    entries: z.number().int(),
    signedOff: z.number().int(),
    mdtCredits: z.number(),
  }),
  canSignOff: z.boolean(),
  canAddEntries: z.boolean(),
});
export type TraineeDetail = z.output<typeof TraineeDetailSchema>;

export const AddLogEntrySchema = z.strictObject({
  kind: z.enum(LOG_ENTRY_KINDS),
  date: IsoDateSchema,
  description: required(1000),
});
export type AddLogEntry = z.input<typeof AddLogEntrySchema>;

export const SignOffSchema = z.strictObject({
  keys: z
    .array(z.string().regex(/^(op|mdt|entry):[0-9a-f-]{36}$/, 'education.validation.entryKey'))
    .min(1, 'validation.required')
    .max(500),
});
export const SignedOffSchema = z.object({ signed: z.number().int() });

export const PutMilestoneSchema = z.strictObject({
  kind: z.enum(MILESTONE_KINDS),
  plannedOn: IsoDateSchema.nullable().optional(),
  completedOn: IsoDateSchema.nullable().optional(),
  note: optionalText(500),
});
export type PutMilestone = z.input<typeof PutMilestoneSchema>;

// ---- settings ----

export const EducationSettingsSchema = z.strictObject({
  /** CME points for checking in at a tumor board (department setting), and their category. */
  mdtCredit: z.strictObject({ points: z.number().min(0).max(5), category: z.enum(CME_CATEGORIES) }),
});
export type EducationSettings = z.output<typeof EducationSettingsSchema>;
export const DEFAULT_EDUCATION_SETTINGS: EducationSettings = { mdtCredit: { points: 1, category: 'II' } };

export const MyCreditsQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const MyCreditsSchema = z.object({
  year: z.number().int(),
  items: z.array(
    z.object({ date: z.string(), tumorGroup: z.string(), kind: z.string(), points: z.number(), category: z.enum(CME_CATEGORIES) }),
  ),
  total: z.number(),
  category: z.enum(CME_CATEGORIES),
});
export type MyCredits = z.output<typeof MyCreditsSchema>;
