import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  availableCommandActions,
  checkCommandAction,
  commandSla,
  COMMAND_STATUSES,
  COMMAND_TRANSITIONS,
  createGridIndex,
  DEFAULT_COMMAND_SLA,
  distanceMetres,
  findDuplicate,
  geometryProblem,
  pointInGeometry,
  type GridGeometry,
  type PolygonGeometry,
  type Position,
} from './index.ts';

const square = (x: number, y: number, s: number): PolygonGeometry => ({
  type: 'Polygon',
  coordinates: [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]],
});

describe('grid geometry', () => {
  it('tests points against a polygon with a hole and a multipolygon', () => {
    const withHole: GridGeometry = {
      type: 'Polygon',
      coordinates: [
        [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
        [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]],
      ],
    };
    expect(pointInGeometry([1, 1], withHole)).toBe(true);
    expect(pointInGeometry([5, 5], withHole)).toBe(false);
    expect(pointInGeometry([11, 5], withHole)).toBe(false);
    const multi: GridGeometry = { type: 'MultiPolygon', coordinates: [square(0, 0, 1).coordinates, square(5, 5, 1).coordinates] };
    expect(pointInGeometry([5.5, 5.5], multi)).toBe(true);
    expect(pointInGeometry([3, 3], multi)).toBe(false);
  });

  it('rejects open rings, wrong types and out-of-range coordinates', () => {
    expect(geometryProblem(square(0, 0, 1))).toBeNull();
    expect(geometryProblem({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] })).toMatch(/closed/);
    expect(geometryProblem({ type: 'Point', coordinates: [0, 0] })).toMatch(/not Polygon/);
    expect(geometryProblem({ type: 'Polygon', coordinates: [[[0, 0], [200, 0], [1, 1], [0, 0]]] })).toMatch(/range/);
  });

  it('index lookup agrees with a linear scan over a tiled layer (property)', () => {
    // A 20×20 tiling of 0.01° squares around Changli; every point inside has exactly one grid.
    const grids = Array.from({ length: 400 }, (_, i) => ({ id: i, geometry: square(119.1 + (i % 20) * 0.01, 39.7 + Math.floor(i / 20) * 0.01, 0.01) }));
    const index = createGridIndex(grids);
    fc.assert(
      fc.property(fc.double({ min: 119.05, max: 119.35, noNaN: true }), fc.double({ min: 39.65, max: 39.95, noNaN: true }), (x, y) => {
        const p: Position = [x, y];
        const linear = grids.find((g) => pointInGeometry(p, g.geometry))?.id ?? null;
        expect(index.lookup(p)).toBe(linear);
      }),
      { numRuns: 2000 },
    );
    expect(index.lookup([119.105, 39.705])).toBe(0);
    expect(index.lookup([119.295, 39.895])).toBe(399);
    expect(index.lookup([0, 0])).toBeNull();
  });

  it('looks up 10,000 grids fast', () => {
    const grids = Array.from({ length: 10_000 }, (_, i) => ({ id: i, geometry: square(119 + (i % 100) * 0.001, 39.7 + Math.floor(i / 100) * 0.001, 0.001) }));
    const index = createGridIndex(grids);
    const t0 = performance.now();
    let found = 0;
    for (let k = 0; k < 10_000; k++) if (index.lookup([119 + ((k * 37) % 100) * 0.001 + 0.0005, 39.7 + ((k * 53) % 100) * 0.001 + 0.0005]) !== null) found++;
    expect(found).toBe(10_000);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('measures distance in metres', () => {
    // One degree of latitude is about 111.2 km.
    expect(distanceMetres([119, 39], [119, 40])).toBeGreaterThan(111_000);
    expect(distanceMetres([119, 39], [119, 40])).toBeLessThan(111_400);
    fc.assert(fc.property(fc.double({ min: -179, max: 179, noNaN: true }), fc.double({ min: -80, max: 80, noNaN: true }), (x, y) => distanceMetres([x, y], [x, y]) === 0));
  });
});

describe('event state table', () => {
  it('every transition leads to a known status and final states allow nothing', () => {
    for (const s of COMMAND_STATUSES) for (const to of Object.values(COMMAND_TRANSITIONS[s])) expect(COMMAND_STATUSES).toContain(to);
    expect(availableCommandActions('closed')).toEqual([]);
    expect(availableCommandActions('merged')).toEqual([]);
  });

  it('refuses an action out of order with the allowed actions', () => {
    const r = checkCommandAction('reported', 'handle', { role: 'officer', isAssignee: true });
    expect(r?.code).toBe('INVALID_TRANSITION');
    expect(r?.details?.['allowed']).toEqual(['dispatch', 'merge', 'escalate', 'dismiss']);
  });

  it('lets only the dispatcher dispatch and only the assigned officer arrive', () => {
    expect(checkCommandAction('reported', 'dispatch', { role: 'dispatcher', isAssignee: false })).toBeNull();
    expect(checkCommandAction('reported', 'dispatch', { role: 'officer', isAssignee: true })?.code).toBe('FORBIDDEN');
    expect(checkCommandAction('acknowledged', 'arrive', { role: 'officer', isAssignee: true })).toBeNull();
    expect(checkCommandAction('acknowledged', 'arrive', { role: 'officer', isAssignee: false })?.code).toBe('FORBIDDEN');
    expect(checkCommandAction('acknowledged', 'arrive', { role: 'dispatcher', isAssignee: false })?.code).toBe('FORBIDDEN');
  });

  it('the happy path reaches closed (property: any walk of the table ends or keeps to known statuses)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 20 }), (picks) => {
        let s: (typeof COMMAND_STATUSES)[number] = 'reported';
        for (const k of picks) {
          const acts = availableCommandActions(s);
          if (acts.length === 0) break;
          s = COMMAND_TRANSITIONS[s][acts[k % acts.length]!]!;
        }
        return COMMAND_STATUSES.includes(s);
      }),
    );
  });
});

describe('SLA timers', () => {
  const at = (min: number) => new Date(Date.parse('2026-12-03T08:00:00Z') + min * 60_000).toISOString();
  it('meets the 10-minute default when every stage is in time', () => {
    const sla = commandSla({ reportedAt: at(0), dispatchedAt: at(1), arrivedAt: at(5), handledAt: at(8), feedbackAt: at(9) }, 'feedback_given', DEFAULT_COMMAND_SLA, new Date(at(30)));
    expect(sla.isLate).toBe(false);
    expect(sla.stages.map((s) => s.state)).toEqual(['met', 'met', 'met', 'met', 'met']);
    expect(sla.stages.find((s) => s.key === 'total')!.minutes).toBe(10);
  });
  it('a running stage goes late after its due time; a late finish is met_late', () => {
    const t = { reportedAt: at(0), dispatchedAt: null, arrivedAt: null, handledAt: null, feedbackAt: null };
    expect(commandSla(t, 'reported', DEFAULT_COMMAND_SLA, new Date(at(1))).isLate).toBe(false);
    const late = commandSla(t, 'reported', DEFAULT_COMMAND_SLA, new Date(at(3)));
    expect(late.isLate).toBe(true);
    expect(late.stages[0]!.state).toBe('late');
    expect(late.stages[1]!.state).toBe('pending');
    const done = commandSla({ ...t, dispatchedAt: at(3) }, 'dispatched', DEFAULT_COMMAND_SLA, new Date(at(4)));
    expect(done.stages[0]!.state).toBe('met_late');
    expect(done.stages[1]!.dueAt).toBe(at(7));
  });
  it('no timer runs on a merged or closed event', () => {
    expect(commandSla({ reportedAt: at(0), dispatchedAt: null, arrivedAt: null, handledAt: null, feedbackAt: null }, 'merged', DEFAULT_COMMAND_SLA, new Date(at(100))).isLate).toBe(false);
  });
});

describe('duplicate detection', () => {
  const p = { radiusMetres: 50, windowMinutes: 30 };
  const base = { kind: 'street_vending', reportedAt: '2026-12-03T08:00:00Z', position: [119.16, 39.71] as Position };
  it('matches same kind, near, recent; not other kinds, far, old, or closed', () => {
    const near: Position = [119.1603, 39.71]; // ≈ 26 m east
    expect(findDuplicate(base, [{ id: 'a', kind: 'street_vending', reportedAt: '2026-12-03T07:50:00Z', position: near, status: 'dispatched' }], p)).toBe('a');
    expect(findDuplicate(base, [{ id: 'a', kind: 'littering', reportedAt: '2026-12-03T07:50:00Z', position: near, status: 'dispatched' }], p)).toBeNull();
    expect(findDuplicate(base, [{ id: 'a', kind: 'street_vending', reportedAt: '2026-12-03T07:50:00Z', position: [119.161, 39.71], status: 'dispatched' }], p)).toBeNull();
    expect(findDuplicate(base, [{ id: 'a', kind: 'street_vending', reportedAt: '2026-12-03T07:20:00Z', position: near, status: 'dispatched' }], p)).toBeNull();
    expect(findDuplicate(base, [{ id: 'a', kind: 'street_vending', reportedAt: '2026-12-03T07:50:00Z', position: near, status: 'closed' }], p)).toBeNull();
  });
  it('picks the nearest of several (property: the answer is always within radius and window)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ dx: fc.double({ min: -0.002, max: 0.002, noNaN: true }), dt: fc.integer({ min: -60, max: 60 }) }), { maxLength: 15 }),
        (cs) => {
          const open = cs.map((c, i) => ({ id: i, kind: base.kind, reportedAt: new Date(Date.parse(base.reportedAt) + c.dt * 60_000).toISOString(), position: [base.position[0] + c.dx, base.position[1]] as Position, status: 'reported' as const }));
          const id = findDuplicate(base, open, p);
          const ok = open.filter((c) => distanceMetres(base.position, c.position) <= 50 && Math.abs(Date.parse(c.reportedAt) - Date.parse(base.reportedAt)) <= 30 * 60_000);
          if (ok.length === 0) return id === null;
          const best = Math.min(...ok.map((c) => distanceMetres(base.position, c.position)));
          return id !== null && distanceMetres(base.position, open[id]!.position) === best;
        },
      ),
    );
  });
});
