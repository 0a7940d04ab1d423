import type { Permission, Role } from '../../auth/permissions.js';
import { AppError } from '../../core/app-error.js';
import type { ConsultationStatus } from '@gisurg/contracts/consultations';

/**
 * The consultation state machine in one table (trust.md S28, like features/mdt/workflow.ts): every
 * non-terminal state names the role that owns moving it on and the worklist where it shows up; every
 * transition names its from-states and the permission it needs. Use cases move states only through
 * `nextState` (transitions.ts: UPDATE … WHERE status = from AND version = expected).
 */
export type ConsultationWorklist = 'queue' | 'expert' | 'asking';

export interface StateInfo {
  terminal: boolean;
  owner?: Role;
  worklist?: ConsultationWorklist;
}

export interface Transition {
  from: readonly ConsultationStatus[];
  to: ConsultationStatus;
  permission: Permission;
}

export const CONSULTATION_WORKFLOW = {
  entity: 'consultation',
  states: {
    // Waiting for the coordinator to assign an expert.
    submitted: { terminal: false, owner: 'mdt_coordinator', worklist: 'queue' },
    // The expert answers or asks for more information.
    assigned: { terminal: false, owner: 'surgeon', worklist: 'expert' },
    // The asking doctor adds what the expert asked for.
    info_requested: { terminal: false, owner: 'external_doctor', worklist: 'asking' },
    // The asking doctor reads the answer and closes with the survey.
    answered: { terminal: false, owner: 'external_doctor', worklist: 'asking' },
    closed: { terminal: true },
  } satisfies Record<ConsultationStatus, StateInfo>,
  transitions: {
    assign: { from: ['submitted', 'assigned', 'info_requested'], to: 'assigned', permission: 'consultation:manage' },
    request_info: { from: ['assigned'], to: 'info_requested', permission: 'consultation:answer' },
    reply: { from: ['info_requested'], to: 'assigned', permission: 'consultation:request' },
    answer: { from: ['assigned', 'info_requested'], to: 'answered', permission: 'consultation:answer' },
    close: { from: ['answered'], to: 'closed', permission: 'consultation:request' },
  } satisfies Record<string, Transition>,
} as const;

export type ConsultationAction = keyof typeof CONSULTATION_WORKFLOW.transitions;

/** States whose reply clock runs (the answer is still owed). */
export const OPEN_STATES: readonly ConsultationStatus[] = ['submitted', 'assigned', 'info_requested'];

/** The state an action leads to from `from`, or INVALID_STATE (409) naming both. */
export function nextState(action: ConsultationAction, from: ConsultationStatus): ConsultationStatus {
  const t: Transition = CONSULTATION_WORKFLOW.transitions[action];
  if (!t.from.includes(from)) throw new AppError('INVALID_STATE', 'errors.invalidState', { entity: 'consultation', action, from });
  return t.to;
}

export function fromStates(action: ConsultationAction): readonly ConsultationStatus[] {
  return CONSULTATION_WORKFLOW.transitions[action].from;
}
