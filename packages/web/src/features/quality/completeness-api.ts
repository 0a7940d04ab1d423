import type { z } from 'zod';
import { useQuery } from '@tanstack/react-query';
import type { CareChecklistSchema, CompletenessQuery, CompletenessSchema } from '@gisurg/contracts/quality-completeness';
import { get, qs } from '../../app/api';

/** Standardized care, case by case (issue 12), typed from packages/contracts/src/quality-completeness.ts. */
export type CareChecklist = z.output<typeof CareChecklistSchema>;
export type CareItem = CareChecklist['items'][number];
export type Completeness = z.output<typeof CompletenessSchema>;
export type WorklistRow = Completeness['worklist'][number];

export function useCareChecklist(patientId: string) {
  return useQuery({
    queryKey: ['quality', 'care-checklist', patientId],
    queryFn: ({ signal }) => get<CareChecklist>(`/api/patients/${patientId}/care-checklist`, signal),
  });
}

export function useCompleteness(q: CompletenessQuery) {
  return useQuery({
    queryKey: ['quality', 'completeness', q],
    queryFn: ({ signal }) => get<Completeness>(`/api/quality/completeness${qs(q)}`, signal),
  });
}

/** Where each item is filled in: the patient page's tab. */
export const ITEM_TAB: Record<CareItem['code'], 'oncology' | 'mdt' | 'followup'> = {
  clinical_stage: 'oncology',
  mdt_before_surgery: 'mdt',
  pathology: 'oncology',
  cc_score: 'oncology',
  complications_graded: 'oncology',
  follow_up_plan: 'followup',
};
