import { useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post, qs } from '../../app/api';
import { formatDateTime } from '../../app/format';

/** Shapes of the ward API (server: features/ward/schemas.ts; OpenAPI at /api/docs). */
export type BedState = 'vacant_clean' | 'vacant_dirty' | 'occupied' | 'reserved' | 'blocked';
export const BED_STATES: BedState[] = ['vacant_clean', 'vacant_dirty', 'occupied', 'reserved', 'blocked'];
export type AdmissionSource = 'emergency' | 'outpatient' | 'transfer_in' | 'other';
export const ADMISSION_SOURCES: AdmissionSource[] = ['outpatient', 'emergency', 'transfer_in', 'other'];
export type Disposition = 'order' | 'transfer_hospital' | 'transfer_community' | 'against_advice' | 'death' | 'other';
export const DISPOSITIONS: Disposition[] = ['order', 'transfer_hospital', 'transfer_community', 'against_advice', 'death', 'other'];
export const DISPOSITIONS_NEEDING_INSTITUTION: Disposition[] = ['transfer_hospital', 'transfer_community'];
export type FallRisk = 'low' | 'medium' | 'high';
export type BlockReason = 'maintenance' | 'isolation' | 'other';
export const BLOCK_REASONS: BlockReason[] = ['maintenance', 'isolation', 'other'];

export interface PersonRef {
  id: string;
  name: string;
}

export interface Bed {
  id: string;
  label: string;
  state: BedState;
  since: string;
  admissionId?: string;
  patient?: { id: string; name: string; sex: string; age: number; inpatientNo: string | null };
  dayOfStay?: number;
  admittedAt?: string;
  diagnosis?: string | null;
  plannedProcedure?: string | null;
  attendingSurgeon?: PersonRef | null;
  flags?: { isolation: string | null; fallRisk: FallRisk | null; allergy: string | null };
  reservedFor?: PersonRef | null;
  reservedUntil?: string | null;
  blockReason?: BlockReason | null;
  note?: string | null;
}

export interface Ward {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  kind: 'general' | 'icu' | 'hdu';
  counts: Record<string, number>;
  beds: Bed[];
}

export interface Stay {
  bedId: string;
  bedLabel: string;
  wardId: string;
  wardName: string;
  fromAt: string;
  toAt: string | null;
}

export interface Admission {
  id: string;
  version: number;
  status: 'active' | 'discharged' | 'cancelled';
  patient: { id: string; name: string; sex: string; age: number; inpatientNo: string | null; allergies: string | null };
  admittedAt: string;
  source: AdmissionSource;
  sourceInstitution: string | null;
  diagnosis: string | null;
  attendingSurgeon: PersonRef | null;
  expectedLosDays: number | null;
  plannedProcedure: string | null;
  isolation: string | null;
  fallRisk: FallRisk | null;
  dischargedAt: string | null;
  disposition: Disposition | null;
  dispositionInstitution: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  bed: Stay | null;
  dayOfStay: number;
  stays: Stay[];
}

export interface BedEvent {
  id: string;
  type: string;
  at: string;
  fromState: string;
  toState: string;
  admissionId: string | null;
  patient: PersonRef | null;
  reason: string | null;
  actorName: string | null;
}

export interface DayFigures {
  date: string;
  occupied: number;
  open: number;
  rate: number | null;
  admissions: number;
  discharges: number;
}

export interface Occupancy {
  from: string;
  to: string;
  wardId: string | null;
  settings: { losCounting: 'midnights' | 'inclusive'; sameDayCountsOne: boolean };
  today: {
    wardId: string;
    code: string;
    name: string;
    nameEn: string | null;
    kind: string;
    beds: number;
    occupied: number;
    rate: number | null;
  }[];
  days: DayFigures[];
  totals: { occupiedBedDays: number; openBedDays: number; rate: number | null };
  los: {
    discharged: number;
    averageLos: number | null;
    medianLos: number | null;
    postOpCount: number;
    averagePostOpLos: number | null;
    medianPostOpLos: number | null;
  };
}

export interface BoardFilter {
  wardId?: string | undefined;
  state?: BedState | undefined;
  surgeonId?: string | undefined;
}

export function useBoard(filter: BoardFilter) {
  return useQuery({
    queryKey: ['ward', 'board', filter],
    queryFn: ({ signal }) => get<Ward[]>(`/api/wards${qs({ ...filter })}`, signal),
    refetchInterval: 60_000,
  });
}

export function useAdmission(id: string | undefined) {
  return useQuery({
    queryKey: ['ward', 'admission', id],
    queryFn: ({ signal }) => get<Admission>(`/api/admissions/${id}`, signal),
    enabled: Boolean(id),
  });
}

export function useBedEvents(bedId: string | undefined) {
  return useQuery({
    queryKey: ['ward', 'bed-events', bedId],
    queryFn: ({ signal }) => get<BedEvent[]>(`/api/beds/${bedId}/events`, signal),
    enabled: Boolean(bedId),
  });
}

/** Every ward call that changes something refreshes the board, the open admission and the bed history. */
export function useWardMutation() {
  const qc = useQueryClient();
  return async <T>(url: string, body: unknown): Promise<T> => {
    const out = await post<T>(url, body);
    await qc.invalidateQueries({ queryKey: ['ward'] });
    return out;
  };
}

/** A hospital wall-clock time `YYYY-MM-DDTHH:mm` for the API (the server reads it in hospital time). */
export function hospitalNow(): string {
  return formatDateTime(new Date().toISOString()).replace(' ', 'T');
}
