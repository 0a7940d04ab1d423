import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CheckedInSchema,
  CheckInSessionSchema,
  CreatedSchema,
  EducationSettingsSchema,
  EventDetailSchema,
  EventListSchema,
  MyCreditsSchema,
  PublicEventSchema,
  RegisteredSchema,
  SignedOffSchema,
  SupervisorListSchema,
  TraineeDetailSchema,
  TraineeListSchema,
  UniversityListSchema,
} from '@gisurg/contracts/education';
import {
  AddLogEntrySchema,
  CreateEventSchema,
  CreateSessionSchema,
  CreateTraineeSchema,
  PutMilestoneSchema,
  RegisterSchema,
} from '@gisurg/contracts/education';
import type { BookingSchema } from '@gisurg/contracts/theatre';
import { api, get, post, qs } from '../../app/api';

export type EventList = z.output<typeof EventListSchema>;
export type EventDetail = z.output<typeof EventDetailSchema>;
export type CreateEvent = z.input<typeof CreateEventSchema>;
export type CreateSession = z.input<typeof CreateSessionSchema>;
export type PublicEvent = z.output<typeof PublicEventSchema>;
export type RegisterBody = z.input<typeof RegisterSchema>;
export type Registered = z.output<typeof RegisteredSchema>;
export type CheckInSession = z.output<typeof CheckInSessionSchema>;
export type CheckedIn = z.output<typeof CheckedInSchema>;
export type TraineeList = z.output<typeof TraineeListSchema>;
export type TraineeDetail = z.output<typeof TraineeDetailSchema>;
export type CreateTrainee = z.input<typeof CreateTraineeSchema>;
export type SupervisorList = z.output<typeof SupervisorListSchema>;
export type UniversityList = z.output<typeof UniversityListSchema>;
export type AddLogEntry = z.input<typeof AddLogEntrySchema>;
export type PutMilestone = z.input<typeof PutMilestoneSchema>;
export type EducationSettings = z.output<typeof EducationSettingsSchema>;
export type MyCredits = z.output<typeof MyCreditsSchema>;
type Created = z.output<typeof CreatedSchema>;

export const eduKeys = {
  events: ['education', 'events'] as const,
  event: (id: string) => ['education', 'event', id] as const,
  trainees: ['education', 'trainees'] as const,
  trainee: (id: string) => ['education', 'trainee', id] as const,
  supervisors: ['education', 'supervisors'] as const,
  settings: ['education', 'settings'] as const,
  credits: (year: number) => ['education', 'credits', year] as const,
};

export const useEvents = () => useQuery({ queryKey: eduKeys.events, queryFn: ({ signal }) => get<EventList>('/api/events', signal) });
export const useEvent = (id: string) =>
  useQuery({ queryKey: eduKeys.event(id), queryFn: ({ signal }) => get<EventDetail>(`/api/events/${id}`, signal) });
export const useTrainees = () =>
  useQuery({ queryKey: eduKeys.trainees, queryFn: ({ signal }) => get<TraineeList>('/api/education/trainees', signal) });
export const useTrainee = (id: string) =>
  useQuery({ queryKey: eduKeys.trainee(id), queryFn: ({ signal }) => get<TraineeDetail>(`/api/education/trainees/${id}`, signal) });
export const useSupervisors = () =>
  useQuery({ queryKey: eduKeys.supervisors, queryFn: ({ signal }) => get<SupervisorList>('/api/education/supervisors', signal) });
export const useEducationSettings = () =>
  useQuery({ queryKey: eduKeys.settings, queryFn: ({ signal }) => get<EducationSettings>('/api/education/settings', signal) });
export const useMyCredits = (year: number) =>
  useQuery({
    queryKey: eduKeys.credits(year),
    queryFn: ({ signal }) => get<MyCredits>(`/api/education/credits/me${qs({ year })}`, signal),
  });

export function useCreateEvent() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateEvent) => post<Created>('/api/events', body, CreateEventSchema),
    onSuccess: () => qc.invalidateQueries({ queryKey: eduKeys.events }),
  });
}
export function useAddSession(eventId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSession) => post<Created>(`/api/events/${eventId}/sessions`, body, CreateSessionSchema),
    onSuccess: () => qc.invalidateQueries({ queryKey: eduKeys.event(eventId) }),
  });
}
export function useDeskCheckIn(eventId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { sessionId: string; code: string }) => post<CheckedIn>(`/api/events/${eventId}/checkin`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: eduKeys.event(eventId) }),
  });
}
export function useCreateTrainee() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTrainee) => post<Created>('/api/education/trainees', body, CreateTraineeSchema),
    onSuccess: () => qc.invalidateQueries({ queryKey: eduKeys.trainees }),
  });
}
export function useAddEntry(traineeId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AddLogEntry) => post<Created>(`/api/education/trainees/${traineeId}/entries`, body, AddLogEntrySchema),
    onSuccess: () => qc.invalidateQueries({ queryKey: eduKeys.trainee(traineeId) }),
  });
}
export function useSignOff(traineeId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (keys: string[]) => post<z.output<typeof SignedOffSchema>>(`/api/education/trainees/${traineeId}/sign-off`, { keys }),
    onSuccess: () => qc.invalidateQueries({ queryKey: eduKeys.trainee(traineeId) }),
  });
}
export function usePutMilestone(traineeId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PutMilestone) =>
      api<{ kind: string }>('PUT', `/api/education/trainees/${traineeId}/milestones`, body, { schema: PutMilestoneSchema }),
    onSuccess: () => qc.invalidateQueries({ queryKey: eduKeys.trainee(traineeId) }),
  });
}
export function usePutSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: EducationSettings) => api<EducationSettings>('PUT', '/api/education/settings', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: eduKeys.settings }),
  });
}

/** Theatre bookings on the event's days, to link a live demonstration operation (needs theatre:read). */
export const useDemoBookings = (from: string | undefined, to: string | undefined, enabled: boolean) =>
  useQuery({
    queryKey: ['education', 'demo-bookings', from, to],
    queryFn: ({ signal }) => get<z.output<typeof BookingSchema>[]>(`/api/theatre/bookings${qs({ from, to })}`, signal),
    enabled: enabled && Boolean(from && to),
  });

/** Public pages (no account). */
export const publicApi = {
  event: (id: string) => get<PublicEvent>(`/api/public/events/${id}`),
  register: (id: string, body: RegisterBody) => post<Registered>(`/api/public/events/${id}/registrations`, body, RegisterSchema),
  openCheckIn: (token: string) => post<CheckInSession>('/api/public/checkin/session', { token }),
  checkIn: (token: string, code: string) => post<CheckedIn>('/api/public/checkin', { token, code }),
};

/** The attendee's confirmation code, remembered in this phone's browser so the door's QR code needs no typing. */
const CODE_KEY = (eventId: string) => `gisurg.event.${eventId}.code`;
export function rememberCode(eventId: string, code: string): void {
  try {
    window.localStorage.setItem(CODE_KEY(eventId), code);
  } catch {
    /* storage unavailable */
  }
}
export function rememberedCode(eventId: string): string | null {
  try {
    return window.localStorage.getItem(CODE_KEY(eventId));
  } catch {
    return null;
  }
}
