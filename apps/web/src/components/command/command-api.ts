import { COMMAND_STATUS_LABELS, type CommandStatus, type GridGeometry, COMMAND_EVENT_KINDS } from '@zhifa/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { API_BASE, api, rawRequest } from '../../api/client.ts';
import { useLocale } from '../../i18n/index.tsx';

export interface SlaStage {
  key: 'dispatch' | 'arrive' | 'handle' | 'feedback' | 'total';
  startedAt: string | null;
  dueAt: string | null;
  doneAt: string | null;
  state: 'pending' | 'running' | 'late' | 'met' | 'met_late';
  minutes: number;
}
export interface CommandEvent {
  id: string;
  eventNo: string;
  agencyId: string;
  kind: string;
  description: string;
  source: string;
  reporter: { name: string | null; phone: string | null };
  lng: number;
  lat: number;
  address: string | null;
  gridId: string | null;
  status: CommandStatus;
  assigneeOfficerId: string | null;
  assigneeTeam: string | null;
  mergedInto: string | null;
  evidenceIds: string[];
  handling: { note: string; evidenceIds: string[]; caseId?: string | null } | null;
  feedback: string | null;
  reportedAt: string;
  escalatedAt: string | null;
  version: number;
  sla: SlaStage[];
  isLate: boolean;
  availableActions: string[];
  log?: { seq: number; action: string; fromStatus: string | null; toStatus: string; actorRole: string; actorName: string | null; payload: Record<string, unknown>; occurredAt: string }[];
}
export interface Grid {
  id: string;
  code: string;
  name: string;
  geometry: GridGeometry;
  officerIds: string[];
}
export interface CommandOfficer {
  id: string;
  name: string;
  post: string;
}

export const COMMAND_KEY = ['command'] as const;

/** Kinds of city-management events (城市管理 事件类型): the domain's list, shared with the public Open311 service list. */
export const EVENT_KINDS = COMMAND_EVENT_KINDS;

export const STATUS_COLOR: Record<CommandStatus, string> = {
  reported: '#fa541c',
  escalated: '#cf1322',
  dispatched: '#faad14',
  acknowledged: '#d4b106',
  arrived: '#1677ff',
  handled: '#13c2c2',
  feedback_given: '#52c41a',
  closed: '#8c8c8c',
  merged: '#bfbfbf',
};

export function useCommandText() {
  const { locale } = useLocale();
  const zh = locale === 'zh-CN';
  const ACTIONS: Record<string, [string, string]> = {
    report: ['上报', 'Report'],
    dispatch: ['派遣', 'Dispatch'],
    acknowledge: ['签收', 'Acknowledge'],
    arrive: ['到场', 'Arrive'],
    handle: ['现场处置', 'Handle'],
    give_feedback: ['反馈上报人', 'Give feedback'],
    close: ['办结', 'Close'],
    merge: ['合并', 'Merge'],
    escalate: ['升级', 'Escalate'],
    dismiss: ['作废', 'Dismiss'],
    duplicate_received: ['收到重复上报', 'Duplicate received'],
    sla_escalate: ['超时自动升级', 'SLA escalation'],
    convert_inspection: ['转行政检查', 'Converted to an inspection'],
    convert_penalty_lead: ['转立案（案源）', 'Converted to a case lead'],
  };
  const STAGES: Record<string, [string, string]> = { dispatch: ['派遣', 'Dispatch'], arrive: ['到场', 'Arrival'], handle: ['处置', 'Handling'], feedback: ['反馈', 'Feedback'], total: ['全程', 'End to end'] };
  const SOURCES: Record<string, [string, string]> = { back_office: ['指挥中心受理', 'Back office'], patrol: ['巡查上报', 'Patrol'], device: ['设备感知', 'Camera / sensor'], citizen: ['群众上报', 'Citizen'] };
  return {
    zh,
    status: (s: string) => (zh ? COMMAND_STATUS_LABELS[s as CommandStatus]?.zh : COMMAND_STATUS_LABELS[s as CommandStatus]?.en) ?? s,
    kind: (k: string) => (zh ? EVENT_KINDS[k]?.zh : EVENT_KINDS[k]?.en) ?? k,
    action: (a: string) => ACTIONS[a]?.[zh ? 0 : 1] ?? a,
    stage: (s: string) => STAGES[s]?.[zh ? 0 : 1] ?? s,
    source: (s: string) => SOURCES[s]?.[zh ? 0 : 1] ?? s,
  };
}

/**
 * Live updates: one EventSource on /command/stream; each update refetches the command queries, so the screen changes
 * without a reload. Answers whether the stream is connected.
 */
export function useCommandStream(): boolean {
  const qc = useQueryClient();
  const [live, setLive] = useState(false);
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const es = new EventSource(`${API_BASE}/command/stream`, { withCredentials: true });
    es.onopen = () => setLive(true);
    es.onerror = () => setLive(false);
    es.addEventListener('command', () => void qc.invalidateQueries({ queryKey: COMMAND_KEY }));
    return () => es.close();
  }, [qc]);
  return live;
}

/**
 * A photo from the field into the evidence store (the existing multipart upload; metadata first). The caseRef names the
 * command event it belongs to, so the file is found with the event and later with a case opened from it.
 */
export async function uploadFieldPhoto(file: File, m: { caseRef: string; maker: string; place: string; proves: string }): Promise<string> {
  // Taken just now by the server's clock, which decides whether a capture time is in the future.
  const { now } = await api.get<{ today: string; now: string }>('/meta/today');
  const meta = {
    caseRef: m.caseRef,
    maker: m.maker,
    capturedAt: now,
    capturedPlace: m.place,
    device: 'mobile phone camera',
    deviceReviewed: false,
    method: '现场拍照',
    proves: m.proves,
    kind: 'photo',
  };
  const fd = new FormData();
  fd.append('meta', JSON.stringify(meta));
  fd.append('file', file, file.name);
  const res = await rawRequest('/evidence', { method: 'POST', form: fd });
  return ((await res.json()) as { id: string }).id;
}
