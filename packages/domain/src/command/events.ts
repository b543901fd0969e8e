import type { Refusal } from '../errors/index.ts';
import type { Role } from '../identity/index.ts';
import { distanceMetres, type Position } from './geo.ts';

/**
 * A command-centre event (事件) from report to feedback (seed 004 Hengshui/Fucheng: 发现—派遣—处置—反馈, "10 minutes
 * from report to feedback" for city management). `merged` and `closed` are final.
 */
export const COMMAND_STATUSES = ['reported', 'dispatched', 'acknowledged', 'arrived', 'handled', 'feedback_given', 'closed', 'merged', 'escalated'] as const;
export type CommandStatus = (typeof COMMAND_STATUSES)[number];

export const COMMAND_ACTIONS = ['dispatch', 'acknowledge', 'arrive', 'handle', 'give_feedback', 'close', 'merge', 'escalate', 'dismiss'] as const;
export type CommandAction = (typeof COMMAND_ACTIONS)[number];

export const COMMAND_SOURCES = ['back_office', 'patrol', 'device', 'citizen'] as const;
export type CommandSource = (typeof COMMAND_SOURCES)[number];

/** Who may take each action: the dispatcher steers, the assigned officer works on site, the head can do both. */
export const COMMAND_ACTION_ROLES: Record<CommandAction, readonly Role[]> = {
  dispatch: ['dispatcher', 'agency_head'],
  merge: ['dispatcher', 'agency_head'],
  escalate: ['dispatcher', 'agency_head'],
  dismiss: ['dispatcher', 'agency_head'],
  close: ['dispatcher', 'agency_head'],
  acknowledge: ['officer'],
  arrive: ['officer'],
  handle: ['officer'],
  give_feedback: ['dispatcher', 'agency_head', 'officer'],
};
/** Actions only the officer the event is assigned to may take (the dispatcher cannot arrive on someone's behalf). */
export const ASSIGNEE_ONLY: readonly CommandAction[] = ['acknowledge', 'arrive', 'handle'];

/** The status → actions table: what may happen next, and where it leads. */
export const COMMAND_TRANSITIONS: Record<CommandStatus, Partial<Record<CommandAction, CommandStatus>>> = {
  reported: { dispatch: 'dispatched', merge: 'merged', escalate: 'escalated', dismiss: 'closed' },
  dispatched: { acknowledge: 'acknowledged', dispatch: 'dispatched', escalate: 'escalated' },
  acknowledged: { arrive: 'arrived', dispatch: 'dispatched', escalate: 'escalated' },
  arrived: { handle: 'handled', escalate: 'escalated' },
  handled: { give_feedback: 'feedback_given' },
  feedback_given: { close: 'closed' },
  escalated: { dispatch: 'dispatched', dismiss: 'closed' },
  closed: {},
  merged: {},
};

export const COMMAND_STATUS_LABELS: Record<CommandStatus, { zh: string; en: string }> = {
  reported: { zh: '待派遣', en: 'Reported' },
  dispatched: { zh: '已派遣', en: 'Dispatched' },
  acknowledged: { zh: '已签收', en: 'Acknowledged' },
  arrived: { zh: '已到场', en: 'Arrived' },
  handled: { zh: '已处置', en: 'Handled' },
  feedback_given: { zh: '已反馈', en: 'Feedback given' },
  closed: { zh: '已办结', en: 'Closed' },
  merged: { zh: '已合并', en: 'Merged as duplicate' },
  escalated: { zh: '已升级', en: 'Escalated' },
};

export function availableCommandActions(status: CommandStatus, role?: Role): CommandAction[] {
  const all = Object.keys(COMMAND_TRANSITIONS[status]) as CommandAction[];
  return role ? all.filter((a) => COMMAND_ACTION_ROLES[a].includes(role)) : all;
}

/** Refuses an action the table does not allow from the status (409 with the allowed actions) or the role may not take. */
export function checkCommandAction(status: CommandStatus, action: CommandAction, ctx: { role: Role; isAssignee: boolean }): Refusal | null {
  const to = COMMAND_TRANSITIONS[status][action];
  if (!to) {
    return {
      code: 'INVALID_TRANSITION',
      message: `“${action}” is not allowed while the event is ${status}.`,
      messageZh: `事件${COMMAND_STATUS_LABELS[status].zh}状态下不能执行该操作。`,
      details: { status, action, allowed: availableCommandActions(status) },
    };
  }
  if (!COMMAND_ACTION_ROLES[action].includes(ctx.role)) {
    return { code: 'FORBIDDEN', message: `Role ${ctx.role} may not ${action} an event.`, messageZh: '当前角色无权执行该操作。', details: { action, roles: COMMAND_ACTION_ROLES[action] } };
  }
  if (ASSIGNEE_ONLY.includes(action) && !ctx.isAssignee) {
    return { code: 'FORBIDDEN', message: 'Only the officer the event is dispatched to may do this.', messageZh: '只有被派遣的执法人员可以执行该操作。', details: { action } };
  }
  return null;
}

export function nextCommandStatus(status: CommandStatus, action: CommandAction): CommandStatus | null {
  return COMMAND_TRANSITIONS[status][action] ?? null;
}

// ---- SLA -------------------------------------------------------------------------------------------------------------

export interface CommandSlaParams {
  dispatchMinutes: number;
  arriveMinutes: number;
  handleMinutes: number;
  feedbackMinutes: number;
}
/** Seed 004: report → feedback within 10 minutes for city management, split across the four stages. */
export const DEFAULT_COMMAND_SLA: CommandSlaParams = { dispatchMinutes: 2, arriveMinutes: 4, handleMinutes: 3, feedbackMinutes: 1 };

export type SlaStageKey = 'dispatch' | 'arrive' | 'handle' | 'feedback' | 'total';
export interface SlaStage {
  key: SlaStageKey;
  startedAt: string | null;
  dueAt: string | null;
  doneAt: string | null;
  /** pending: not started; running: started, not late; late: past due and not done; met / met_late: done (in time / late). */
  state: 'pending' | 'running' | 'late' | 'met' | 'met_late';
  minutes: number;
}
export interface CommandTimes {
  reportedAt: string;
  dispatchedAt: string | null;
  arrivedAt: string | null;
  handledAt: string | null;
  feedbackAt: string | null;
}
/** Statuses after which no timer runs. */
const STOPPED: readonly CommandStatus[] = ['closed', 'merged'];

function stage(key: SlaStageKey, minutes: number, startedAt: string | null, doneAt: string | null, now: Date, stopped: boolean): SlaStage {
  if (!startedAt) return { key, startedAt, dueAt: null, doneAt, state: 'pending', minutes };
  const due = Date.parse(startedAt) + minutes * 60_000;
  const dueAt = new Date(due).toISOString();
  let state: SlaStage['state'];
  if (doneAt) state = Date.parse(doneAt) <= due ? 'met' : 'met_late';
  else if (stopped) state = 'pending';
  else state = now.getTime() > due ? 'late' : 'running';
  return { key, startedAt, dueAt, doneAt, state, minutes };
}

/** The SLA timers of an event: each stage starts when the previous one ends; the total runs from the report. */
export function commandSla(t: CommandTimes, status: CommandStatus, p: CommandSlaParams, now: Date): { stages: SlaStage[]; isLate: boolean } {
  const stopped = STOPPED.includes(status);
  const total = p.dispatchMinutes + p.arriveMinutes + p.handleMinutes + p.feedbackMinutes;
  const stages = [
    stage('dispatch', p.dispatchMinutes, t.reportedAt, t.dispatchedAt, now, stopped),
    stage('arrive', p.arriveMinutes, t.dispatchedAt, t.arrivedAt, now, stopped),
    stage('handle', p.handleMinutes, t.arrivedAt, t.handledAt, now, stopped),
    stage('feedback', p.feedbackMinutes, t.handledAt, t.feedbackAt, now, stopped),
    stage('total', total, t.reportedAt, t.feedbackAt, now, stopped),
  ];
  return { stages, isLate: stages.some((s) => s.state === 'late') };
}

// ---- duplicates ------------------------------------------------------------------------------------------------------

export interface DuplicateParams {
  radiusMetres: number;
  windowMinutes: number;
}
export const DEFAULT_DUPLICATE_PARAMS: DuplicateParams = { radiusMetres: 50, windowMinutes: 30 };

export interface DuplicateCandidate<T> {
  id: T;
  kind: string;
  reportedAt: string;
  position: Position;
  status: CommandStatus;
}

/**
 * The open event a new report duplicates: same kind, within the radius and the time window, not itself merged or
 * closed; the nearest one wins (then the earliest). Null when the report is new.
 */
export function findDuplicate<T>(report: { kind: string; reportedAt: string; position: Position }, open: readonly DuplicateCandidate<T>[], p: DuplicateParams): T | null {
  const at = Date.parse(report.reportedAt);
  let best: { id: T; d: number; at: number } | null = null;
  for (const c of open) {
    if (c.kind !== report.kind || STOPPED.includes(c.status)) continue;
    const cAt = Date.parse(c.reportedAt);
    if (Math.abs(at - cAt) > p.windowMinutes * 60_000) continue;
    const d = distanceMetres(report.position, c.position);
    if (d > p.radiusMetres) continue;
    if (!best || d < best.d || (d === best.d && cAt < best.at)) best = { id: c.id, d, at: cAt };
  }
  return best?.id ?? null;
}

/**
 * Kinds of city-management events (城市管理 事件类型) offered to the public (Open311 service list) and in the back
 * office. The server accepts any short code from staff and devices; citizens choose from this list.
 */
export const COMMAND_EVENT_KINDS: Record<string, { zh: string; en: string }> = {
  street_vending: { zh: '占道经营', en: 'Street vending' },
  illegal_parking: { zh: '违法停车', en: 'Illegal parking' },
  littering: { zh: '乱扔乱倒', en: 'Littering / dumping' },
  illegal_construction: { zh: '违法建设', en: 'Illegal construction' },
  noise: { zh: '噪声扰民', en: 'Noise' },
  advertising: { zh: '违规广告', en: 'Illegal advertising' },
  other: { zh: '其他', en: 'Other' },
};
