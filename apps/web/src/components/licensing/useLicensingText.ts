import { LICENSING_STATUS_INFO, type LicensingAction, type LicensingStatus } from '@zhifa/domain';
import { useMemo } from 'react';
import { useLocale } from '../../i18n/index.tsx';

type Pair = readonly [zh: string, en: string];

/** Steps of the domain table plus the records kept beside it (excluded periods, renewal, register). */
export const LICENSING_ACTION_LABELS: Record<LicensingAction | 'register' | 'start_exclusion' | 'end_exclusion' | 'apply_renewal' | 'decide_renewal', Pair> = {
  register: ['收件登记', 'Register application'],
  request_supplement: ['一次告知补正', 'One-time supplement notice'],
  receive_supplement: ['收到补正材料', 'Supplement received'],
  accept: ['受理', 'Accept'],
  not_accept: ['不予受理', 'Do not accept'],
  start_review: ['开始审查', 'Start review'],
  extend_period: ['延长办理期限', 'Extend the period'],
  notify_hearing_rights: ['告知听证权利', 'Notify hearing rights'],
  request_hearing: ['申请听证', 'Hearing requested'],
  schedule_hearing: ['通知听证', 'Schedule hearing'],
  hold_hearing: ['举行听证', 'Hold hearing'],
  grant: ['准予许可', 'Grant'],
  refuse: ['不予许可', 'Refuse'],
  issue_certificate: ['颁发许可证件', 'Issue certificate'],
  close: ['办结', 'Close'],
  withdraw: ['申请人撤回', 'Withdrawn by applicant'],
  start_exclusion: ['除外期间开始', 'Excluded period starts'],
  end_exclusion: ['除外期间结束', 'Excluded period ends'],
  apply_renewal: ['延续申请', 'Renewal application'],
  decide_renewal: ['延续决定', 'Renewal decision'],
};

export const DANGER_ACTIONS: readonly string[] = ['not_accept', 'refuse', 'withdraw'];

const TEXT = {
  title: ['行政许可', 'Licensing'],
  list: ['许可申请', 'Applications'],
  new: ['收件登记', 'Register application'],
  bans: ['禁止申请登记', 'Ban register'],
  todo: ['许可待办', 'Licensing to-do'],
  applicationNo: ['受理编号', 'Application no.'],
  applicant: ['申请人', 'Applicant'],
  item: ['许可事项', 'Licence item'],
  agency: ['实施机关', 'Agency'],
  receivedOn: ['收件日期', 'Received on'],
  acceptedOn: ['受理日期', 'Accepted on'],
  materials: ['申请材料', 'Materials'],
  submitted: ['已提交', 'Submitted'],
  missing: ['缺少', 'Missing'],
  noMissing: ['材料齐全', 'Complete'],
  notices: ['提示', 'Notices'],
  actions: ['办理操作', 'Actions'],
  noActions: ['当前没有可办理的操作', 'No step is open now'],
  readOnly: ['只读', 'Read only'],
  timeline: ['办理过程', 'Timeline'],
  reviewers: ['审查人员', 'Reviewers'],
  verifiers: ['核查人员', 'Verifiers'],
  presider: ['听证主持人', 'Hearing presider'],
  decision: ['许可决定', 'Decision'],
  licence: ['许可证件', 'Licence'],
  renewal: ['延续', 'Renewal'],
  exclusions: ['除外期间', 'Excluded periods'],
  startExclusion: ['记录除外期间', 'Record excluded period'],
  endExclusion: ['结束除外期间', 'End excluded period'],
  applyRenewal: ['登记延续申请', 'Record renewal application'],
  decideRenewal: ['作出延续决定', 'Decide renewal'],
  verificationCode: ['查询码', 'Verification code'],
  codeOnce: ['请将受理编号和查询码告知申请人，查询码只显示这一次。', 'Give the applicant the number and code; the code is shown only once.'],
  reason: ['理由', 'Reason'],
  refusedTitle: ['不能办理：', 'Refused: '],
  citation: ['依据：', 'Basis: '],
  allowedNow: ['当前可办理：', 'Allowed now: '],
  confirm: ['确认', 'Confirm'],
  cancel: ['取消', 'Cancel'],
  done: ['已办理：', 'Done: '],
  search: ['编号或申请人', 'Number or applicant'],
  status: ['状态', 'Status'],
  nextDue: ['最近期限', 'Next deadline'],
  open: ['打开', 'Open'],
  joint: ['联合办理', 'Joint handling'],
  overdue: ['已逾期', 'Overdue'],
  kind: ['类型', 'Kind'],
  decidedOn: ['决定日期', 'Decided on'],
  safety: ['涉及公共安全、人身健康、生命财产安全', 'Safety-related'],
  banUntil: ['禁止申请', 'Barred'],
} satisfies Record<string, Pair>;
export type LicensingTextKey = keyof typeof TEXT;

export const EXCLUSION_LABELS: Record<string, Pair> = {
  hearing: ['听证', 'Hearing'],
  tender: ['招标', 'Tender'],
  auction: ['拍卖', 'Auction'],
  testing: ['检验、检测', 'Testing'],
  inspection: ['检疫、检查', 'Inspection'],
  quarantine: ['检疫', 'Quarantine'],
  appraisal: ['鉴定', 'Appraisal'],
  expert_review: ['专家评审', 'Expert review'],
};
export const NOT_ACCEPTED_REASONS: Record<string, Pair> = {
  no_licence_required: ['依法不需要取得行政许可', 'No licence required'],
  not_competent: ['不属于本机关职权范围', 'Not within this agency’s competence'],
  false_materials: ['隐瞒有关情况或提供虚假材料', 'False or concealed materials'],
  incomplete: ['补正后材料仍不齐全', 'Still incomplete after the supplement'],
  other: ['其他', 'Other'],
};
export const BAN_KINDS: Record<string, Pair> = {
  false_application: ['隐瞒情况或提供虚假材料（一年，第七十八条）', 'False application (1 year, Art.78)'],
  improper_means: ['以欺骗、贿赂等不正当手段取得（三年，第七十九条）', 'Fraud or bribery (3 years, Art.79)'],
};
export const RENEWAL_STATES: Record<string, Pair> = {
  open: ['可申请延续', 'Open for renewal'],
  application_overdue: ['已过延续申请期限', 'Renewal application overdue'],
  pending: ['延续待决定', 'Renewal pending'],
  late_application: ['逾期申请延续', 'Late renewal application'],
  granted: ['准予延续', 'Renewed'],
  refused: ['不予延续', 'Renewal refused'],
  deemed_granted: ['视为准予延续', 'Deemed renewed'],
  expired: ['有效期届满', 'Expired'],
};

/** Licensing texts in the user's language: zh-CN first, English labels beside (statuses from the domain table). */
export function useLicensingText() {
  const { locale } = useLocale();
  return useMemo(() => {
    const zh = locale === 'zh-CN';
    const pick = (p: Pair | undefined, fallback: string) => (p ? (zh ? p[0] : p[1]) : fallback);
    return {
      zh,
      t: (k: LicensingTextKey) => pick(TEXT[k], k),
      action: (a: string) => pick((LICENSING_ACTION_LABELS as Record<string, Pair>)[a], a),
      status: (s: string) => {
        const i = LICENSING_STATUS_INFO[s as LicensingStatus];
        return i ? (zh ? i.zh : i.en) : s;
      },
      exclusion: (k: string) => pick(EXCLUSION_LABELS[k], k),
      notAccepted: (k: string) => pick(NOT_ACCEPTED_REASONS[k], k),
      banKind: (k: string) => pick(BAN_KINDS[k], k),
      renewal: (k: string) => pick(RENEWAL_STATES[k], k),
      sep: zh ? '、' : ', ',
    };
  }, [locale]);
}

const STATUS_COLOR: Partial<Record<LicensingStatus, string>> = {
  received: 'blue',
  supplement_requested: 'orange',
  supplemented: 'blue',
  accepted: 'cyan',
  not_accepted: 'default',
  under_review: 'geekblue',
  granted: 'green',
  refused: 'volcano',
  certificate_issued: 'green',
  closed: 'default',
  withdrawn: 'default',
};
export const licensingStatusColor = (s: string) => STATUS_COLOR[s as LicensingStatus] ?? 'purple';
