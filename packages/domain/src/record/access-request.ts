import { z } from 'zod';

/**
 * 当事人查阅、复制执法记录 (domain-rules REC7): the party, or an interested party, may consult and copy the records that
 * concern them (内蒙古办法 Art.24; 118号 §三(九)). Records touching state secrets, trade secrets or another person's
 * privacy follow confidentiality rules, so the agency decides per item what it releases and says why it withholds.
 *
 * The requester proves who they are by the case's number plus the party's own identifier (ID number for a person,
 * unified social credit code for an organisation) — both must match the case. The answer never says which of the two
 * was wrong.
 */
export const AccessRequestStatus = { SUBMITTED: 'submitted', APPROVED: 'approved', PARTLY_APPROVED: 'partly_approved', REFUSED: 'refused', UNMATCHED: 'unmatched' } as const;
export type AccessRequestStatus = (typeof AccessRequestStatus)[keyof typeof AccessRequestStatus];

export const ACCESS_REQUEST_STATUS_INFO: Record<AccessRequestStatus, { zh: string; en: string }> = {
  submitted: { zh: '已提交，待办理', en: 'Submitted' },
  approved: { zh: '准予查阅', en: 'Approved' },
  partly_approved: { zh: '部分准予查阅', en: 'Partly approved' },
  refused: { zh: '不予查阅', en: 'Refused' },
  unmatched: { zh: '身份或案件信息不符', en: 'Identity or case does not match' },
};

/** Only a submitted request is decided, once; a new request is the way to ask again (nothing is overwritten). */
export const ACCESS_REQUEST_TRANSITIONS = {
  submitted: { approve: 'approved', approve_partly: 'partly_approved', refuse: 'refused' },
  approved: {},
  partly_approved: {},
  refused: {},
  unmatched: {},
} as const satisfies Record<AccessRequestStatus, Partial<Record<'approve' | 'approve_partly' | 'refuse', AccessRequestStatus>>>;

/** Grounds for withholding a record (REC7; 政府信息公开条例 Art.14–15 by analogy), each shown to the requester. */
export const WITHHOLD_GROUNDS = {
  state_secret: { zh: '涉及国家秘密', en: 'State secret' },
  trade_secret: { zh: '涉及商业秘密', en: 'Trade secret' },
  third_party_privacy: { zh: '涉及他人个人隐私', en: 'Another person’s privacy' },
  ongoing_investigation: { zh: '案件尚在调查中，公开可能妨碍调查', en: 'Investigation still running' },
  not_related: { zh: '与申请人无关', en: 'Not related to the requester' },
} as const;
export type WithholdGround = keyof typeof WITHHOLD_GROUNDS;

export const AccessRequestInput = z.object({
  caseNo: z.string().trim().min(3).max(100).describe('案件编号 or the decision’s 文号'),
  partyType: z.enum(['individual', 'organisation']),
  name: z.string().trim().min(1).max(100),
  /** ID number (individual) or unified social credit code (organisation): proves the requester is the party. */
  identifier: z.string().trim().min(15).max(18).transform((s) => s.toUpperCase()),
  phone: z.string().trim().regex(/^[0-9+\-\s]{7,20}$/).nullish().transform((v) => v ?? null),
  kind: z.enum(['consult', 'copy']).describe('查阅 or 复制'),
  purpose: z.string().trim().min(2).max(500),
});
export type AccessRequestInput = z.infer<typeof AccessRequestInput>;

export const AccessDecisionInput = z
  .object({
    decision: z.enum(['approve', 'refuse']),
    /** Items released; any item of the case not listed is withheld, and then a ground is required. */
    evidenceIds: z.array(z.uuid()).max(500).default([]),
    withheldGround: z.enum(Object.keys(WITHHOLD_GROUNDS) as [WithholdGround, ...WithholdGround[]]).nullish().transform((v) => v ?? null),
    reason: z.string().trim().min(2).max(1000),
    /** How long the released records stay available to the requester. */
    validDays: z.number().int().min(1).max(90).default(15),
  })
  .refine((d) => d.decision === 'refuse' || d.evidenceIds.length > 0, { path: ['evidenceIds'], message: 'approve at least one record, or refuse' });
export type AccessDecisionInput = z.infer<typeof AccessDecisionInput>;

/** The case's party, as stored with the case. */
export type CasePartyIdentity = { type: 'individual'; idNumber: string } | { type: 'organisation'; uscc: string };

/** Whether the requester's identifier is the case party's own (case-insensitive for the X check digit). */
export function requesterIsParty(party: CasePartyIdentity, claim: Pick<AccessRequestInput, 'partyType' | 'identifier'>): boolean {
  if (party.type !== claim.partyType) return false;
  const own = party.type === 'individual' ? party.idNumber : party.uscc;
  return own.trim().toUpperCase() === claim.identifier;
}

/**
 * The outcome of a decision: approve with every record → approved; approve with some withheld → partly approved (a
 * ground is then required, REC7); refuse → refused (a ground is required).
 */
export function decideAccessRequest(
  decision: AccessDecisionInput,
  caseEvidenceIds: readonly string[],
): { status: AccessRequestStatus; released: string[]; withheld: string[] } | { refusal: { field: string; message: string; messageZh: string } } {
  const known = new Set(caseEvidenceIds);
  const unknown = decision.evidenceIds.filter((id) => !known.has(id));
  if (unknown.length) return { refusal: { field: 'evidenceIds', message: 'Only records of this case can be released.', messageZh: '只能准予查阅本案的执法记录。' } };
  const released = decision.decision === 'refuse' ? [] : [...new Set(decision.evidenceIds)];
  const withheld = caseEvidenceIds.filter((id) => !released.includes(id));
  if (withheld.length && !decision.withheldGround) {
    return { refusal: { field: 'withheldGround', message: 'Withholding a record needs a stated ground (secret, privacy…).', messageZh: '不予提供的记录须说明理由（涉密、隐私等）。' } };
  }
  const status: AccessRequestStatus = decision.decision === 'refuse' ? 'refused' : withheld.length ? 'partly_approved' : 'approved';
  return { status, released, withheld };
}

/** Tracking number shown to the requester: CX + date + 6 digits (not guessable alone: the code is the secret). */
export function formatAccessTrackingNo(date: string, serial: number): string {
  return `CX${date.replaceAll('-', '')}${String(serial).padStart(6, '0')}`;
}
