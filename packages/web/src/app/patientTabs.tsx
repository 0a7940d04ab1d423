import type { ReactNode } from 'react';
import type { Permission } from './types';
import { OncologyTab } from '../features/oncology/OncologyTab';
import { PatientMdtTab } from '../features/mdt/PatientMdtTab';
import { FollowUpTab } from '../features/followup/FollowUpTab';
import { CareChecklistCard } from '../features/quality/CareChecklistCard';
import { JourneyTimeline } from '../features/followup/JourneyTimeline';

/**
 * The tabs other features add to the patient page. The composition root (app/) wires them, so the patients
 * feature imports no other feature: a new feature appends its tab at the END of this list.
 */
export interface PatientTab {
  key: string;
  /** i18n key of the tab's title. */
  labelKey: string;
  permission: Permission;
  render: (patientId: string) => ReactNode;
}

export const PATIENT_TABS: readonly PatientTab[] = [
  { key: 'oncology', labelKey: 'oncology.tab', permission: 'oncology:read', render: (id) => <OncologyTab patientId={id} /> },
  { key: 'mdt', labelKey: 'mdt.patientTab', permission: 'mdt:read', render: (id) => <PatientMdtTab patientId={id} /> },
  { key: 'followup', labelKey: 'followup.tab', permission: 'followup:read', render: (id) => <FollowUpTab patientId={id} /> },
  { key: 'care', labelKey: 'quality.completeness.tab', permission: 'oncology:read', render: (id) => <CareChecklistCard patientId={id} /> },
  { key: 'timeline', labelKey: 'followup.timeline.tab', permission: 'followup:read', render: (id) => <JourneyTimeline patientId={id} /> },
];
