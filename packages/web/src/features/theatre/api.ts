import type { z } from 'zod';
import type {
  ANESTHESIA_KINDS,
  BookingDetailSchema,
  BookingSchema,
  BookingWithWarningsSchema,
  EquipmentSchema,
  FindBookingsQuerySchema,
  ReservationSchema,
  RoomSchema,
  STAFF_ROLES,
  WarningSchema,
  WorklistSchema,
} from '@gisurg/contracts/theatre';
import { BookingStatusActionSchema, CreateBookingSchema, UpdateBookingSchema } from '@gisurg/contracts/theatre';
import { get, patch, post, qs } from '../../app/api';

/** Shapes of the theatre API: the contract shared with the server (@gisurg/contracts/theatre; docs/theatre.md). */
export {
  ANESTHESIA_KINDS,
  BOOKING_STATUSES,
  TRANSITIONS,
  nextStatuses as nextActions,
  type BookingStatus,
  type Collision,
  type StatusAction,
} from '@gisurg/contracts/theatre';

export type Anesthesia = (typeof ANESTHESIA_KINDS)[number];
export type StaffRole = (typeof STAFF_ROLES)[number];
export type Room = z.output<typeof RoomSchema>;
export type RoomSession = Room['sessions'][number];
export type Equipment = z.output<typeof EquipmentSchema>;
export type Reservation = z.output<typeof ReservationSchema>;
export type Booking = z.output<typeof BookingSchema>;
export type BookingWarning = z.output<typeof WarningSchema>;
export type { Prefill } from '@gisurg/contracts/theatre';
export type BookingInput = z.input<typeof CreateBookingSchema>;
export type UpdateBookingBody = z.input<typeof UpdateBookingSchema>;
export type StatusBody = z.input<typeof BookingStatusActionSchema>;
export type BookingsQuery = z.input<typeof FindBookingsQuerySchema>;

export const theatreApi = {
  rooms: (signal?: AbortSignal) => get<Room[]>('/api/theatre/rooms', signal),
  equipment: (signal?: AbortSignal) => get<Equipment[]>('/api/theatre/equipment', signal),
  bookings: (q: BookingsQuery, signal?: AbortSignal) => get<Booking[]>(`/api/theatre/bookings${qs(q)}`, signal),
  booking: (id: string, signal?: AbortSignal) => get<z.output<typeof BookingDetailSchema>>(`/api/theatre/bookings/${id}`, signal),
  worklist: (date: string, signal?: AbortSignal) => get<z.output<typeof WorklistSchema>>(`/api/theatre/worklist${qs({ date })}`, signal),
  create: (body: BookingInput) => post<z.output<typeof BookingWithWarningsSchema>>('/api/theatre/bookings', body, CreateBookingSchema),
  update: (id: string, body: UpdateBookingBody) =>
    patch<z.output<typeof BookingWithWarningsSchema>>(`/api/theatre/bookings/${id}`, body, UpdateBookingSchema),
  setStatus: (id: string, body: StatusBody) => post<Booking>(`/api/theatre/bookings/${id}/status`, body, BookingStatusActionSchema),
};
