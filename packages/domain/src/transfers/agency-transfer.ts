import type { Refusal } from '../errors/index.ts';

/**
 * 案件移送 between administrative agencies, and between a township and the county (domain-rules §9.1).
 *
 * A case found to belong to another agency is transferred promptly (SAMR 程序规定 Art.14; 行政处罚法 Art.25). The
 * receiver accepts (and opens its own case) or refuses with reasons. It may not pass the case on (SAMR Art.17: 不得再自行
 * 移送): a refusal means both agencies deny jurisdiction, and the dispute goes to the common superior, whose designation
 * (指定管辖, 行政处罚法 Art.25 para 2; SAMR Art.16) binds — the designated agency accepts and cannot refuse.
 *
 * Ownership: the case belongs to the sender until an agency accepts it, then to that agency. At every moment exactly one
 * agency owns it (`ownerOf`), so a refused case is never left with nobody.
 */
export const AGENCY_TRANSFER_STATUSES = ['pending', 'accepted', 'awaiting_designation', 'designated'] as const;
export type AgencyTransferStatus = (typeof AGENCY_TRANSFER_STATUSES)[number];

export const AGENCY_TRANSFER_ACTIONS = ['accept', 'refuse', 'designate'] as const;
export type AgencyTransferAction = (typeof AGENCY_TRANSFER_ACTIONS)[number];

/** Refusal escalates at once: both agencies then deny jurisdiction (SAMR Art.17 — the receiver may only ask for designation). */
export const AGENCY_TRANSFER_TRANSITIONS = {
  pending: { accept: 'accepted', refuse: 'awaiting_designation' },
  awaiting_designation: { designate: 'designated' },
  designated: { accept: 'accepted' },
  accepted: {},
} as const satisfies Record<AgencyTransferStatus, Partial<Record<AgencyTransferAction, AgencyTransferStatus>>>;

export const AGENCY_TRANSFER_STATUS_LABELS: Record<AgencyTransferStatus, { zh: string; en: string }> = {
  pending: { zh: '待接收', en: 'Awaiting acceptance' },
  accepted: { zh: '已接收', en: 'Accepted' },
  awaiting_designation: { zh: '待指定管辖', en: 'Awaiting designation' },
  designated: { zh: '已指定管辖', en: 'Designated' },
};
export const AGENCY_TRANSFER_ACTION_LABELS: Record<AgencyTransferAction, { zh: string; en: string }> = {
  accept: { zh: '接收', en: 'Accept' },
  refuse: { zh: '拒收（报请指定管辖）', en: 'Refuse (request designation)' },
  designate: { zh: '指定管辖', en: 'Designate' },
};

/** Who stands where in one transfer, as the domain needs it. */
export interface AgencyTransferFacts {
  status: AgencyTransferStatus;
  fromAgencyId: string;
  toAgencyId: string;
  designatedAgencyId: string | null;
  /** The lowest region both agencies lie in (`commonRegionPath`): its supervisors designate. */
  commonRegionPath: string;
}
export interface TransferActor {
  /** The caller's agency, for agency roles. */
  agencyId: string | null;
  regionPath: string;
  canHandle: boolean;
  canDesignate: boolean;
}

export function nextAgencyTransferStatus(status: AgencyTransferStatus, action: AgencyTransferAction): AgencyTransferStatus | null {
  return (AGENCY_TRANSFER_TRANSITIONS[status] as Partial<Record<AgencyTransferAction, AgencyTransferStatus>>)[action] ?? null;
}

/** The agency that owns the case now: the sender until someone accepts. */
export function ownerOf(t: Pick<AgencyTransferFacts, 'status' | 'fromAgencyId' | 'toAgencyId' | 'designatedAgencyId'>): string {
  if (t.status !== 'accepted') return t.fromAgencyId;
  return t.designatedAgencyId ?? t.toAgencyId;
}

/** The agency expected to act now (accept), or null when a supervisor must designate or nothing is open. */
export function expectedReceiver(t: Pick<AgencyTransferFacts, 'status' | 'toAgencyId' | 'designatedAgencyId'>): string | null {
  if (t.status === 'pending') return t.toAgencyId;
  if (t.status === 'designated') return t.designatedAgencyId;
  return null;
}

/**
 * The lowest common region of two region paths ('/130000/130300/130322/' and '/130000/130300/' → '/130000/130300/').
 * Its government or justice bureau is the common superior (共同上一级) that designates jurisdiction.
 */
export function commonRegionPath(a: string, b: string): string {
  const sa = a.split('/').filter(Boolean);
  const sb = b.split('/').filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    if (sa[i] !== sb[i]) break;
    out.push(sa[i]!);
  }
  return out.length ? `/${out.join('/')}/` : '/';
}

const CITE_TRANSFER = '市场监督管理行政处罚程序规定 Art.14, Art.17; 行政处罚法 Art.25';
const CITE_DESIGNATE = '行政处罚法 Art.25 para 2; 市场监督管理行政处罚程序规定 Art.16';

/** Table check, then who may take the step (FORBIDDEN) — pure, shared by the API and the buttons. */
export function checkAgencyTransferAction(t: AgencyTransferFacts, action: AgencyTransferAction, actor: TransferActor): Refusal | null {
  const to = nextAgencyTransferStatus(t.status, action);
  if (!to) {
    return {
      code: 'INVALID_TRANSITION',
      message: `'${action}' is not allowed while the transfer is ${t.status}.`,
      messageZh: `移送${AGENCY_TRANSFER_STATUS_LABELS[t.status].zh}状态下不能执行该操作。`,
      details: { status: t.status, action, allowedActions: Object.keys(AGENCY_TRANSFER_TRANSITIONS[t.status]) },
    };
  }
  if (action === 'designate') {
    if (!actor.canDesignate) return { code: 'FORBIDDEN', message: 'Only a supervisor designates jurisdiction.', messageZh: '只有执法监督机构可以指定管辖。', citation: CITE_DESIGNATE, details: { action } };
    if (!t.commonRegionPath.startsWith(actor.regionPath)) {
      return {
        code: 'RULE_VIOLATION',
        message: 'Jurisdiction is designated by the common superior of both agencies; your region is below it.',
        messageZh: '指定管辖由双方共同的上一级机关作出，您所在层级低于双方共同上级。',
        citation: CITE_DESIGNATE,
        details: { guard: 'commonSuperiorDesignates', commonRegionPath: t.commonRegionPath },
      };
    }
    return null;
  }
  if (!actor.canHandle) return { code: 'FORBIDDEN', message: 'Transfers are handled by agency staff.', messageZh: '无权办理案件移送。', details: { action } };
  const receiver = expectedReceiver(t);
  if (!actor.agencyId || actor.agencyId !== receiver) {
    return {
      code: 'FORBIDDEN',
      message: t.status === 'designated' ? 'Only the designated agency accepts the case.' : 'Only the receiving agency accepts or refuses a transfer.',
      messageZh: t.status === 'designated' ? '只有被指定的机关可以接收该案件。' : '只有接收机关可以接收或者拒收移送的案件。',
      citation: t.status === 'designated' ? CITE_DESIGNATE : CITE_TRANSFER,
      details: { action, receiverAgencyId: receiver },
    };
  }
  return null;
}

/** The steps this caller can take now (the UI's buttons). */
export function availableAgencyTransferActions(t: AgencyTransferFacts, actor: TransferActor): AgencyTransferAction[] {
  return (Object.keys(AGENCY_TRANSFER_TRANSITIONS[t.status]) as AgencyTransferAction[]).filter((a) => checkAgencyTransferAction(t, a, actor) === null);
}

/**
 * SAMR Art.17 (不得再自行移送): a case the agency received by transfer or by designation may not be transferred on; a
 * jurisdiction dispute goes to the common superior instead.
 */
export function retransferRefusal(c: { receivedByTransferId: string | null }): Refusal | null {
  if (!c.receivedByTransferId) return null;
  return {
    code: 'RULE_VIOLATION',
    message: 'This case was received by transfer or designation and may not be transferred on; ask the common superior to designate jurisdiction.',
    messageZh: '本案系移送或者指定管辖而来，受移送机关不得再自行移送；对管辖有异议的，应报请共同上一级机关指定管辖。',
    citation: '市场监督管理行政处罚程序规定 Art.17; 行政处罚法 Art.25',
    details: { guard: 'noRetransfer', receivedByTransferId: c.receivedByTransferId },
  };
}

/** A transfer goes to another agency; the material list names what is handed over (domain-rules T1). */
export function agencyTransferInputRefusal(i: { fromAgencyId: string; toAgencyId: string; reason: string; materials: readonly string[] }): Refusal | null {
  if (i.fromAgencyId === i.toAgencyId) {
    return { code: 'RULE_VIOLATION', message: 'A case is transferred to another agency.', messageZh: '案件只能移送其他机关。', citation: CITE_TRANSFER, details: { guard: 'otherAgency' } };
  }
  if (!i.reason.trim() || i.materials.filter((m) => m.trim()).length === 0) {
    return { code: 'RULE_VIOLATION', message: 'State the reason and list the materials handed over.', messageZh: '须写明移送理由并列明移送材料。', citation: CITE_TRANSFER, details: { guard: 'reasonAndMaterials' } };
  }
  return null;
}
