import type { Permission, Role } from '../../auth/permissions.js';
import { AppError } from '../../core/app-error.js';

/**
 * The tumor-board state machines in one table (trust.md S28 "nothing silently disappears"): every
 * non-terminal state names the role that owns moving it on and the worklist where it shows up; every
 * transition names its from-states and the permission it needs (null: done by the system, e.g. a case is
 * completed when its last plan item is closed). Use cases move states only through `nextState`.
 * test/medium/mdt-workflow.test.ts checks the table against the worklist queries (worklists.ts).
 */
export type WorklistName = 'meetings' | 'triage' | 'agenda' | 'tracking';

export interface StateInfo {
  terminal: boolean;
  owner?: Role;
  worklist?: WorklistName;
  /** The permission the owner moves it on with, when that happens through other records (a decided case
   *  moves when its plan items are closed). Otherwise a transition out of the state names it. */
  via?: Permission;
}

export interface Transition<S extends string> {
  from: readonly S[];
  to: S;
  permission: Permission | null;
}

export interface Workflow<S extends string, A extends string> {
  entity: string;
  states: Record<S, StateInfo>;
  transitions: Record<A, Transition<S>>;
}

export const MEETING_WORKFLOW = {
  entity: 'mdt_meeting',
  states: {
    scheduled: { terminal: false, owner: 'mdt_coordinator', worklist: 'meetings' },
    in_progress: { terminal: false, owner: 'mdt_coordinator', worklist: 'meetings' },
    closed: { terminal: true },
    cancelled: { terminal: true },
  },
  transitions: {
    start: { from: ['scheduled'], to: 'in_progress', permission: 'mdt:manage' },
    close: { from: ['scheduled', 'in_progress'], to: 'closed', permission: 'mdt:manage' },
    cancel: { from: ['scheduled'], to: 'cancelled', permission: 'mdt:manage' },
  },
} as const satisfies Workflow<'scheduled' | 'in_progress' | 'closed' | 'cancelled', 'start' | 'close' | 'cancel'>;

export const CASE_WORKFLOW = {
  entity: 'mdt_case',
  states: {
    // Waiting for the coordinator to put it on the agenda, defer or reject it.
    submitted: { terminal: false, owner: 'mdt_coordinator', worklist: 'triage' },
    // Deferred (by the coordinator, or because its meeting closed without a decision): needs a new board.
    deferred: { terminal: false, owner: 'mdt_coordinator', worklist: 'triage' },
    scheduled: { terminal: false, owner: 'mdt_coordinator', worklist: 'agenda' },
    // Decided: its plan items are tracked until each is delivered or closed as not delivered.
    decided: { terminal: false, owner: 'mdt_coordinator', worklist: 'tracking', via: 'mdt:track' },
    rejected: { terminal: true },
    completed: { terminal: true },
  },
  transitions: {
    schedule: { from: ['submitted', 'deferred', 'scheduled'], to: 'scheduled', permission: 'mdt:manage' },
    defer: { from: ['submitted', 'scheduled'], to: 'deferred', permission: 'mdt:manage' },
    reject: { from: ['submitted', 'scheduled', 'deferred'], to: 'rejected', permission: 'mdt:manage' },
    // Recording the recommendation accepts a case that was never triaged (the board discussed it).
    decide: { from: ['submitted', 'scheduled'], to: 'decided', permission: 'mdt:manage' },
    complete: { from: ['decided'], to: 'completed', permission: null },
  },
} as const satisfies Workflow<
  'submitted' | 'deferred' | 'scheduled' | 'decided' | 'rejected' | 'completed',
  'schedule' | 'defer' | 'reject' | 'decide' | 'complete'
>;

export const ITEM_WORKFLOW = {
  entity: 'mdt_plan_item',
  states: {
    pending: { terminal: false, owner: 'mdt_coordinator', worklist: 'tracking' },
    delivered: { terminal: true },
    not_delivered: { terminal: true },
  },
  transitions: {
    deliver: { from: ['pending'], to: 'delivered', permission: 'mdt:track' },
    close_not_delivered: { from: ['pending'], to: 'not_delivered', permission: 'mdt:track' },
  },
} as const satisfies Workflow<'pending' | 'delivered' | 'not_delivered', 'deliver' | 'close_not_delivered'>;

export const WORKFLOWS = [MEETING_WORKFLOW, CASE_WORKFLOW, ITEM_WORKFLOW] as const;

export type MeetingStatus = keyof typeof MEETING_WORKFLOW.states;
export type CaseStatus = keyof typeof CASE_WORKFLOW.states;
export type ItemStatus = keyof typeof ITEM_WORKFLOW.states;

/** The state an action leads to from `from`, or INVALID_STATE (409) naming both. */
export function nextState<S extends string, A extends string>(wf: Workflow<S, A>, action: A, from: S): S {
  const t = wf.transitions[action];
  if (!(t.from as readonly string[]).includes(from)) {
    throw new AppError('INVALID_STATE', 'errors.invalidState', { entity: wf.entity, action, from });
  }
  return t.to;
}

/** The from-states of an action (for guarded UPDATE … WHERE status IN (…)). */
export function fromStates<S extends string, A extends string>(wf: Workflow<S, A>, action: A): readonly S[] {
  return wf.transitions[action].from;
}
