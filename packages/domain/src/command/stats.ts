import { commandSla, type CommandSlaParams, type CommandStatus, type CommandTimes, type SlaStageKey } from './events.ts';

/**
 * Response-time statistics of the command centre (issue #7: 按网格、按队组统计响应时间): per stage — dispatch → arrival →
 * handled → feedback, and end to end — the median and 90th percentile in minutes and the SLA hit rate, over a period.
 */
export const RESPONSE_STAGES: readonly SlaStageKey[] = ['dispatch', 'arrive', 'handle', 'feedback', 'total'];

export interface StageFigures {
  /** Events whose stage has finished (the figures below are over these). */
  done: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
  /** Finished within the SLA, over finished + still running late; null when nothing counts yet. */
  slaHitRate: number | null;
  /** Finished late or still open past the due time. */
  late: number;
}
export interface ResponseFigures {
  events: number;
  stages: Record<SlaStageKey, StageFigures>;
}

/** Nearest-rank percentile (p in 0–100) of an already sorted list; null for an empty one. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

/**
 * Figures for a group of events (one grid, one team, the whole agency). Each event is measured against the SLA it ran
 * under (its region's rule profile), so the hit rate stays honest when profiles differ inside a group.
 */
export function responseFigures(events: readonly { times: CommandTimes; status: CommandStatus; sla: CommandSlaParams }[], now: Date): ResponseFigures {
  const acc = Object.fromEntries(RESPONSE_STAGES.map((k) => [k, { minutes: [] as number[], met: 0, late: 0 }])) as Record<SlaStageKey, { minutes: number[]; met: number; late: number }>;
  for (const e of events) {
    for (const s of commandSla(e.times, e.status, e.sla, now).stages) {
      const a = acc[s.key];
      if (s.startedAt && s.doneAt) {
        a.minutes.push((Date.parse(s.doneAt) - Date.parse(s.startedAt)) / 60_000);
        if (s.state === 'met') a.met++;
        else a.late++;
      } else if (s.state === 'late') a.late++;
    }
  }
  const stages = Object.fromEntries(
    RESPONSE_STAGES.map((k) => {
      const a = acc[k];
      const sorted = [...a.minutes].sort((x, y) => x - y);
      const counted = a.met + a.late;
      return [k, { done: sorted.length, medianMinutes: round1(percentile(sorted, 50)), p90Minutes: round1(percentile(sorted, 90)), slaHitRate: counted ? Math.round((a.met / counted) * 1000) / 1000 : null, late: a.late }];
    }),
  ) as Record<SlaStageKey, StageFigures>;
  return { events: events.length, stages };
}
