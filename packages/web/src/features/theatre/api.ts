import { get, patch, post, qs } from '../../app/api';

/** Shapes of the theatre API (server: features/theatre/schemas.ts; docs/theatre.md; OpenAPI at /api/docs). */
export type BookingStatus = 'scheduled' | 'in_theatre' | 'completed' | 'postponed' | 'cancelled';
export type StatusAction = Exclude<BookingStatus, 'scheduled'>;
export type Anesthesia = 'general' | 'general_epidural' | 'spinal' | 'regional' | 'local' | 'sedation';
export type StaffRole = 'surgeon' | 'assistant' | 'anesthetist' | 'scrub_nurse' | 'circulating_nurse';
export const BOOKING_STATUSES: BookingStatus[] = ['scheduled', 'in_theatre', 'completed', 'postponed', 'cancelled'];
export const ANESTHESIA_KINDS: Anesthesia[] = ['general', 'general_epidural', 'spinal', 'regional', 'local', 'sedation'];

/** The same guarded transitions as the server (features/theatre/states.ts). */
export const TRANSITIONS: Record<StatusAction, BookingStatus[]> = {
  in_theatre: ['scheduled'],
  completed: ['in_theatre'],
  postponed: ['scheduled'],
  cancelled: ['scheduled', 'postponed'],
};
export const nextActions = (s: BookingStatus): StatusAction[] =>
  (Object.keys(TRANSITIONS) as StatusAction[]).filter((a) => TRANSITIONS[a].includes(s));

export interface RoomSession {
  label: string;
  start: string;
  end: string;
}
export interface Room {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  sessions: RoomSession[];
  sortOrder: number;
}
export interface Equipment {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  kind: 'hipec_machine' | 'laparoscopic_tower' | 'robot' | 'ultrasound' | 'other';
}
export interface Reservation {
  id: string;
  wardKind: 'general' | 'icu' | 'hdu';
  bedId: string | null;
  bedLabel: string | null;
  wardName: string | null;
  fromDate: string;
  toDate: string;
  status: 'active' | 'used' | 'released';
}
export interface Booking {
  id: string;
  version: number;
  patient: { id: string; name: string; sex: string; birthDate: string | null; inpatientNo: string | null };
  room: { id: string; code: string; name: string; nameEn: string | null };
  start: string;
  end: string;
  startLocal: string;
  endLocal: string;
  date: string;
  durationMin: number;
  procedures: { code: string | null; name: string | null }[];
  diagnosis: string | null;
  anesthesia: Anesthesia;
  crsHipec: boolean;
  icuDays: number;
  expectedStayDays: number | null;
  status: BookingStatus;
  statusReason: string | null;
  startedAt: string | null;
  completedAt: string | null;
  operationId: string | null;
  notes: string | null;
  surgeons: { id: string; name: string }[];
  team: { id: string; name: string; role: StaffRole }[];
  equipment: Equipment[];
  reservations: Reservation[];
  createdAt: string;
}
export interface BookingWarning {
  code: 'no_icu_bed' | 'no_ward_bed';
  dates: { from: string; to: string };
}
export interface Collision {
  kind: 'room' | 'staff' | 'equipment';
  resourceId: string;
  name: string;
  bookingId: string;
  start: string;
  end: string;
}
export interface Prefill {
  bookingId: string;
  patientId: string;
  date: string;
  procedures: string[];
  surgeonId: string | null;
  assistantIds: string[];
  anesthetistName: string | null;
  anesthesiaMethod: string | null;
  startTime: string | null;
  endTime: string | null;
}

export interface BookingInput {
  patientId: string;
  roomId: string;
  start: string;
  durationMin: number;
  surgeonIds: string[];
  assistantIds?: string[];
  anesthetistIds?: string[];
  nurseIds?: string[];
  /** Catalogue codes as `{ code }`, free text as `{ name }`. */
  procedures: ({ code: string } | { name: string })[];
  anesthesia?: Anesthesia;
  equipmentIds?: string[];
  diagnosis?: string | null;
  notes?: string | null;
  crsHipec?: boolean;
  icuDays?: number;
  expectedStayDays?: number | null;
}

export const theatreApi = {
  rooms: (signal?: AbortSignal) => get<Room[]>('/api/theatre/rooms', signal),
  equipment: (signal?: AbortSignal) => get<Equipment[]>('/api/theatre/equipment', signal),
  bookings: (q: { from: string; to: string; roomId?: string; surgeonId?: string; status?: BookingStatus }, signal?: AbortSignal) =>
    get<Booking[]>(`/api/theatre/bookings${qs(q)}`, signal),
  booking: (id: string, signal?: AbortSignal) => get<Booking & { prefill: Prefill }>(`/api/theatre/bookings/${id}`, signal),
  worklist: (date: string, signal?: AbortSignal) => get<{ date: string; items: Booking[] }>(`/api/theatre/worklist${qs({ date })}`, signal),
  create: (body: BookingInput) => post<Booking & { warnings: BookingWarning[] }>('/api/theatre/bookings', body),
  update: (id: string, body: Partial<Omit<BookingInput, 'patientId'>> & { version: number; status?: 'scheduled' }) =>
    patch<Booking & { warnings: BookingWarning[] }>(`/api/theatre/bookings/${id}`, body),
  setStatus: (id: string, body: { status: StatusAction; reason?: string; version: number }) =>
    post<Booking>(`/api/theatre/bookings/${id}/status`, body),
};
