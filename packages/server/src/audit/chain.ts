import { createHash } from 'node:crypto';

/**
 * The audit hash chain (trust.md S12): hash = SHA-256(prev_hash ‖ canonical JSON of the row without its
 * chain fields). The first row's prev_hash is 64 zeros. Canonical JSON sorts object keys recursively.
 */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainRow {
  id: number;
  at: string;
  actor_id: string | null;
  actor_role: string | null;
  organization_id: string | null;
  action: string;
  resource_type: string | null;
  resource_id: string | null;
  patient_id: string | null;
  outcome: string;
  client_ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  details: unknown;
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function rowHash(prevHash: string, row: ChainRow): string {
  const body: ChainRow = {
    id: Number(row.id),
    at: row.at,
    actor_id: row.actor_id,
    actor_role: row.actor_role,
    organization_id: row.organization_id,
    action: row.action,
    resource_type: row.resource_type,
    resource_id: row.resource_id,
    patient_id: row.patient_id,
    outcome: row.outcome,
    client_ip: row.client_ip,
    user_agent: row.user_agent,
    request_id: row.request_id,
    details: row.details ?? null,
  };
  return createHash('sha256').update(prevHash).update(canonicalJson(body)).digest('hex');
}

/** SQL select list giving ChainRow fields with a deterministic text timestamp (UTC, microseconds). */
export const CHAIN_SELECT = `id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, actor_id, actor_role,
  organization_id, action, resource_type, resource_id, patient_id, outcome, client_ip, user_agent, request_id, details`;
