import { describe, expect, it } from 'vitest';
import { SPOT_CHECK_PLAN_ACTIONS, SPOT_CHECK_PLAN_STATUSES, nextPlanStatus, spotCheckPlanActions } from './plan.ts';

// The whole status × action table, written out: a change to the lifecycle must change this test.
const EXPECTED: Record<string, Record<string, string | null>> = {
  draft: { commit: 'committed', draw: null, reveal: null, redraw: null, withdraw: 'withdrawn' },
  committed: { commit: null, draw: 'drawn', reveal: null, redraw: 'draft', withdraw: 'withdrawn' },
  drawn: { commit: null, draw: null, reveal: 'revealed', redraw: 'draft', withdraw: null },
  revealed: { commit: null, draw: null, reveal: null, redraw: 'draft', withdraw: null },
  withdrawn: { commit: null, draw: null, reveal: null, redraw: null, withdraw: null },
};

describe('spot-check plan lifecycle', () => {
  for (const s of SPOT_CHECK_PLAN_STATUSES) for (const a of SPOT_CHECK_PLAN_ACTIONS) {
    it(`${s} × ${a} → ${EXPECTED[s]![a]}`, () => {
      expect(nextPlanStatus(s, a)).toBe(EXPECTED[s]![a]);
      expect(spotCheckPlanActions(s).includes(a)).toBe(EXPECTED[s]![a] !== null);
    });
  }
});
