import { describe, expect, it } from 'vitest';
import { permissionsOf } from '../../auth/permissions.js';
import { mdtCases, mdtMeetings, mdtPlanItems } from '../../db/schema/index.js';
import { CASE_WORKFLOW, ITEM_WORKFLOW, MEETING_WORKFLOW, WORKFLOWS, nextState, type StateInfo, type Workflow } from './workflow.js';

const all = WORKFLOWS as readonly Workflow<string, string>[];

describe('tumor-board state machines (trust.md S28)', () => {
  it.each(all.map((wf) => [wf.entity, wf] as const))(
    '%s: every non-terminal state has an owner role, a worklist and a way on',
    (_name, wf) => {
      for (const [state, info] of Object.entries<StateInfo>(wf.states)) {
        const out = Object.values(wf.transitions).filter((t) => t.from.includes(state));
        if (info.terminal) {
          expect(out, `${wf.entity}.${state} is terminal`).toEqual([]);
          continue;
        }
        expect(info.owner, `${wf.entity}.${state} owner`).toBeDefined();
        expect(info.worklist, `${wf.entity}.${state} worklist`).toBeDefined();
        expect(out.length, `${wf.entity}.${state} has a way out`).toBeGreaterThan(0);
        const perms = permissionsOf(info.owner!);
        const usable = [...out.map((t) => t.permission), info.via].filter((p) => p !== null && p !== undefined);
        expect(
          usable.some((p) => perms.has(p)),
          `${info.owner} can move ${wf.entity}.${state} on`,
        ).toBe(true);
      }
    },
  );

  it.each(all.map((wf) => [wf.entity, wf] as const))('%s: transitions lead between known states', (_name, wf) => {
    const states = Object.keys(wf.states);
    for (const t of Object.values(wf.transitions)) {
      expect(states).toContain(t.to);
      for (const f of t.from) expect(states).toContain(f);
    }
  });

  it('lists the same states as the database allows', () => {
    expect([...mdtMeetings.status.enumValues].sort()).toEqual(Object.keys(MEETING_WORKFLOW.states).sort());
    expect([...mdtCases.status.enumValues].sort()).toEqual(Object.keys(CASE_WORKFLOW.states).sort());
    expect([...mdtPlanItems.status.enumValues].sort()).toEqual(Object.keys(ITEM_WORKFLOW.states).sort());
  });

  it('refuses a transition from a state it does not leave, naming both', () => {
    expect(nextState(CASE_WORKFLOW, 'decide', 'scheduled')).toBe('decided');
    expect(() => nextState(CASE_WORKFLOW, 'decide', 'rejected')).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE', details: { entity: 'mdt_case', action: 'decide', from: 'rejected' } }),
    );
    expect(() => nextState(ITEM_WORKFLOW, 'deliver', 'not_delivered')).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
  });
});
