/**
 * The shape every table-driven procedure shares (licensing, inspection, coercion): a status → action → status table,
 * named guards per action, and notices. One engine gives the server's check and the UI's button list from the same
 * table, so a button is shown exactly when the API would accept the action.
 */
import type { Refusal } from '../errors/index.ts';
import { allowedActions, nextStatus } from '../registry/enums.ts';

export interface ProcedureSpec<S extends string, A extends string, G extends string, F extends { status: S }, C, N> {
  transitions: Record<S, Partial<Record<A, S>>>;
  /** Status labels, for the refusal of an off-table action. */
  statusInfo: Record<S, { zh: string }>;
  actionGuards: Partial<Record<A, readonly G[]>>;
  guards: Record<G, (facts: F, ctx: C) => Refusal | null>;
  notices: (facts: F, ctx: C) => N[];
}

export interface AvailableProcedureActions<A extends string, N> {
  allowed: A[];
  refused: { action: A; refusals: Refusal[] }[];
  notices: N[];
}

export type ProcedureCheck<S extends string> = { ok: true; to: S } | { ok: false; refusals: Refusal[] };

export interface ProcedureEngine<S extends string, A extends string, F extends { status: S }, C, N> {
  next(status: S, action: A): S | undefined;
  /** The guard refusals for one action, each tagged with its guard's name. */
  refusals(facts: F, action: A, ctx: C): Refusal[];
  /** Table moves minus guard refusals, plus notices: the case page's buttons. */
  available(facts: F, ctx: C): AvailableProcedureActions<A, N>;
  /** Server-side check of one requested action: the next status, or the refusals (INVALID_TRANSITION if off-table). */
  check(facts: F, action: A, ctx: C): ProcedureCheck<S>;
}

export function procedureEngine<S extends string, A extends string, G extends string, F extends { status: S }, C, N>(
  spec: ProcedureSpec<S, A, G, F, C, N>,
): ProcedureEngine<S, A, F, C, N> {
  const next = (status: S, action: A) => nextStatus<S, A>(spec.transitions, status, action);
  const refusals = (facts: F, action: A, ctx: C): Refusal[] => {
    const out: Refusal[] = [];
    for (const name of spec.actionGuards[action] ?? []) {
      const r = spec.guards[name](facts, ctx);
      if (r) out.push({ ...r, details: { ...r.details, guard: name } });
    }
    return out;
  };
  return {
    next,
    refusals,
    available(facts, ctx) {
      const result: AvailableProcedureActions<A, N> = { allowed: [], refused: [], notices: spec.notices(facts, ctx) };
      for (const action of allowedActions<S, A>(spec.transitions, facts.status)) {
        const r = refusals(facts, action, ctx);
        if (r.length === 0) result.allowed.push(action);
        else result.refused.push({ action, refusals: r });
      }
      return result;
    },
    check(facts, action, ctx) {
      const to = next(facts.status, action);
      const r = to
        ? refusals(facts, action, ctx)
        : [
            {
              code: 'INVALID_TRANSITION' as const,
              message: `'${action}' is not allowed in status '${facts.status}'.`,
              messageZh: `当前状态（${spec.statusInfo[facts.status].zh}）下不允许该操作。`,
              details: { allowedActions: allowedActions(spec.transitions, facts.status) },
            },
          ];
      return r.length === 0 && to ? { ok: true, to } : { ok: false, refusals: r };
    },
  };
}
