import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AdmissionSchema,
  AdmitSchema,
  BedEventSchema,
  BedNoteSchema,
  BedSchema,
  BlockBedSchema,
  BoardQuerySchema,
  CancelAdmissionSchema,
  DischargeSchema,
  FallRiskSchema,
  OccupancyQuerySchema,
  OccupancySchema,
  ReserveBedSchema,
  StaySchema,
  SwapSchema,
  TransferSchema,
  UpdateAdmissionSchema,
  WardSchema,
} from '@gisurg/contracts/ward';
import { get, post, qs } from '../../app/api';
import { formatDateTime } from '../../app/format';

/** Shapes of the ward API: the contract shared with the server (@gisurg/contracts/ward; docs/ward.md). */
export {
  ADMISSION_SOURCES,
  BED_STATES,
  BLOCK_REASONS,
  DISPOSITIONS,
  DISPOSITIONS_NEEDING_INSTITUTION,
  type AdmissionSource,
  type BedState,
  type BlockReason,
  type Disposition,
} from '@gisurg/contracts/ward';

export type FallRisk = z.output<typeof FallRiskSchema>;
export type Bed = z.output<typeof BedSchema>;
export type PersonRef = NonNullable<Bed['attendingSurgeon']>;
export type Ward = z.output<typeof WardSchema>;
export type Admission = z.output<typeof AdmissionSchema>;
export type Stay = z.output<typeof StaySchema>;
export type BedEvent = z.output<typeof BedEventSchema>;
export type Occupancy = z.output<typeof OccupancySchema>;
export type DayFigures = Occupancy['days'][number];
export type BoardFilter = Partial<z.output<typeof BoardQuerySchema>>;
export type OccupancyQuery = Partial<z.output<typeof OccupancyQuerySchema>>;
export type AdmitBody = z.input<typeof AdmitSchema>;
export type TransferBody = z.input<typeof TransferSchema>;
export type DischargeBody = z.input<typeof DischargeSchema>;
export type CancelAdmissionBody = z.input<typeof CancelAdmissionSchema>;
export type SwapBody = z.input<typeof SwapSchema>;
export type UpdateAdmissionBody = z.input<typeof UpdateAdmissionSchema>;
export type BedNoteBody = z.input<typeof BedNoteSchema>;
export type BlockBedBody = z.input<typeof BlockBedSchema>;
export type ReserveBedBody = z.input<typeof ReserveBedSchema>;
/** Every request body a ward mutation sends. */
export type WardBody =
  | AdmitBody
  | TransferBody
  | DischargeBody
  | CancelAdmissionBody
  | SwapBody
  | UpdateAdmissionBody
  | BedNoteBody
  | BlockBedBody
  | ReserveBedBody
  | Record<string, never>;

export function useBoard(filter: BoardFilter) {
  return useQuery({
    queryKey: ['ward', 'board', filter],
    queryFn: ({ signal }) => get<Ward[]>(`/api/wards${qs({ ...filter })}`, signal),
    refetchInterval: 60_000,
  });
}

/**
 * Occupancy and length of stay over a period (GET /api/ward/occupancy): the occupancy page (its query comes
 * from the URL as text; the server validates it) and the home card.
 */
export function useOccupancy(q: { from?: string; to?: string; wardId?: string; losCounting?: string }) {
  const { from, to, wardId, losCounting } = q;
  return useQuery({
    queryKey: ['ward', 'occupancy', from, to, wardId, losCounting],
    queryFn: ({ signal }) => get<Occupancy>(`/api/ward/occupancy${qs({ from, to, wardId, losCounting })}`, signal),
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
  return async <T>(url: string, body: WardBody, schema?: z.ZodType): Promise<T> => {
    const out = await post<T>(url, body, schema);
    await qc.invalidateQueries({ queryKey: ['ward'] });
    return out;
  };
}

/** A hospital wall-clock time `YYYY-MM-DDTHH:mm` for the API (the server reads it in hospital time). */
export function hospitalNow(): string {
  return formatDateTime(new Date().toISOString()).replace(' ', 'T');
}
