import type { Actor } from '../../../auth/actor.js';
import { can } from '../../../auth/actor.js';
import type { FhirResourceType } from '@gisurg/contracts/fhir';
import { scopeAllows } from '../clients.js';

/**
 * May the actor export this type? The permission a read of it needs (Patient: `patient:read`, clinical types:
 * `oncology:read`) and, for an API client, the type's scope (`system/<Type>.rs` or `system/*.rs`).
 */
export function mayExport(actor: Actor, type: FhirResourceType): boolean {
  if (!can(actor, 'fhir:export')) return false;
  if (!can(actor, type === 'Patient' ? 'patient:read' : 'oncology:read')) return false;
  return scopeAllows(actor, type, 'r') && scopeAllows(actor, type, 's');
}
