import { addPeriod, computeDeadline, type HolidayCalendar } from '../calendar/index.ts';
import { formatDay, parseDay } from '../calendar/day-math.ts';
import { AppError, type Refusal } from '../errors/index.ts';
import { PENALTY_DEADLINE_RULES } from './deadlines.ts';
import type { Guard, PenaltyFacts } from './penalty-guards.ts';

/**
 * Execution of a penalty decision (执行, domain-rules §5.8): payment within 15 days of service (行政处罚法 Art.67),
 * the 3%/day late-payment surcharge capped at the fine (Art.72(1)), deferral or instalments on application with the
 * head's approval (Art.66 para 2), surcharge paused while reconsideration or litigation is pending (Art.73 para 3),
 * the reminder (催告, 行政强制法 Art.54, 10 working days by Art.69) and the application to the court (Art.53: within
 * three months after the remedy windows lapse). Money is counted in fen (integers) so that no rounding drifts.
 */

export const PaymentMethod = { BANK: 'bank', E_PAYMENT: 'e_payment', ON_SITE_CASH: 'on_site_cash' } as const;
export type PaymentMethod = (typeof PaymentMethod)[keyof typeof PaymentMethod];
export const PAYMENT_METHODS = Object.values(PaymentMethod) as PaymentMethod[];

/**
 * The statutory grounds for collecting a fine on the spot (罚缴分离 exceptions): Art.68(1) a fine of 100 yuan or less and
 * Art.68(2) a fine hard to collect later — both only for on-the-spot (simplified) decisions; Art.69 a remote, water or
 * poorly connected area where paying at the bank is truly difficult and the party asks — for simplified and ordinary
 * decisions (Art.51, Art.57).
 */
export const OnSiteCollectionGround = { SMALL_FINE: 'small_fine', HARD_TO_COLLECT_LATER: 'hard_to_collect_later', REMOTE_AREA: 'remote_area' } as const;
export type OnSiteCollectionGround = (typeof OnSiteCollectionGround)[keyof typeof OnSiteCollectionGround];
export const ON_SITE_COLLECTION_GROUNDS = Object.values(OnSiteCollectionGround) as OnSiteCollectionGround[];

export interface ExecutionPayment {
  /** Yuan, at most two decimals. */
  amount: number;
  paidOn: string;
  method: PaymentMethod;
  /** Bank / e-payment reference. */
  reference: string | null;
  /** On-site cash only: the statutory ground and the number of the official finance receipt (Art.70). */
  onSiteGround?: OnSiteCollectionGround | null;
  receiptNo?: string | null;
}

export type PaymentScheduleKind = 'deferral' | 'instalments';
/** An approved deferral (暂缓, one later due date) or instalment plan (分期) for the principal outstanding at approval. */
export interface PaymentSchedule {
  kind: PaymentScheduleKind;
  appliedOn: string;
  approvedOn: string;
  entries: readonly { dueOn: string; amount: number }[];
}

export interface SurchargePause {
  reason: 'reconsideration' | 'litigation';
  from: string;
  /** Inclusive; null while the challenge is pending. */
  to: string | null;
}

/** What execution has recorded, from the service of the decision on. */
export interface ExecutionFacts {
  /** The fine decided, in yuan (the principal the surcharge is computed on). */
  principal: number;
  payments: readonly ExecutionPayment[];
  /** Approved schedules in the order approved; the latest governs from the day after its approval. */
  schedules: readonly PaymentSchedule[];
  surchargePauses: readonly SurchargePause[];
  reminderServedOn: string | null;
  courtApplicationOn: string | null;
  /** Inputs of the step being checked (a payment or a schedule), applied before the guards run, cleared after. */
  pendingPayment?: ExecutionPayment | null;
  pendingSchedule?: PaymentSchedule | null;
}

export const SURCHARGE_RATE_PERCENT_PER_DAY = 3;

export const toFen = (yuan: number): number => Math.round(yuan * 100);
export const toYuan = (fen: number): number => fen / 100;

/** The fine payment due date: 15 calendar days after the decision was served (行政处罚法 Art.67 para 3). */
export function paymentDueOn(decisionServedOn: string, cal: HolidayCalendar): string {
  return computeDeadline(PENALTY_DEADLINE_RULES.finePayment, decisionServedOn, cal).due;
}

export interface ExecutionAccount {
  principal: number;
  /** Due date of the original 15-day period. */
  dueOn: string;
  /** Due date of the last amount under the schedule in force (the deferral end, the last instalment). */
  finalDueOn: string;
  /** Principal overdue as of `asOf` (already due and not paid). */
  overduePrincipal: number;
  /** 加处罚款 accrued up to `asOf`, capped at the principal. */
  surcharge: number;
  surchargeCapped: boolean;
  /** Days on which surcharge accrued (overdue principal > 0, not paused). */
  lateDays: number;
  paid: number;
  /** principal + surcharge − paid (never negative). */
  balance: number;
  isSettled: boolean;
}

/**
 * The account of an execution on `asOf`.
 * - 行政处罚法 Art.72(1): "每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额". The daily 3% is taken on the
 *   principal that is overdue that day; with nothing paid this is exactly 3% of the fine per day, and a part payment
 *   never makes it larger (it only stops accrual on what was paid). Payments go to the principal first for the same
 *   reason. Rounded down to the fen, in the party's favour.
 * - A day counts as late when it is after the due date of an unpaid amount, up to and including the day of payment.
 * - Art.66 para 2: from the day after a schedule's approval, what is due is what was paid before that day plus the
 *   schedule's entries already due; days before stay under the schedule that governed them.
 * - Art.73 para 3: no surcharge on the days a reconsideration or lawsuit is pending.
 */
export function executionAccount(exec: ExecutionFacts, decisionServedOn: string, asOf: string, cal: HolidayCalendar): ExecutionAccount {
  const principalFen = toFen(exec.principal);
  const dueOn = paymentDueOn(decisionServedOn, cal);
  const due = parseDay(dueOn, 'dueOn');
  const end = parseDay(asOf, 'asOf');
  const payments = exec.payments.map((p) => ({ day: parseDay(p.paidOn, 'paidOn'), fen: toFen(p.amount) })).sort((a, b) => a.day - b.day);
  const schedules = exec.schedules.map((s) => {
    const approved = parseDay(s.approvedOn, 'approvedOn');
    const paidBefore = payments.filter((p) => p.day <= approved).reduce((n, p) => n + p.fen, 0);
    return { approved, paidAtApproval: Math.min(paidBefore, principalFen), entries: s.entries.map((e) => ({ day: parseDay(e.dueOn, 'dueOn'), fen: toFen(e.amount) })) };
  });
  const pauses = exec.surchargePauses.map((p) => ({ from: parseDay(p.from, 'from'), to: p.to === null ? end : parseDay(p.to, 'to') }));
  const requiredBy = (day: number): number => {
    const s = schedules.filter((x) => x.approved < day).at(-1);
    if (!s) return day > due ? principalFen : 0;
    return Math.min(principalFen, s.paidAtApproval + s.entries.filter((e) => e.day < day).reduce((n, e) => n + e.fen, 0));
  };
  // Paid before the day: the payment made on a late day does not remove that day (it is counted up to the payment).
  const paidBefore = (day: number): number => Math.min(principalFen, payments.filter((p) => p.day < day).reduce((n, p) => n + p.fen, 0));

  let fenDays = 0;
  let lateDays = 0;
  const cap = principalFen;
  for (let d = due + 1; d <= end; d++) {
    if (pauses.some((p) => d >= p.from && d <= p.to)) continue;
    const overdue = Math.max(0, requiredBy(d) - paidBefore(d));
    if (overdue === 0) continue;
    fenDays += overdue;
    lateDays++;
    if ((fenDays * SURCHARGE_RATE_PERCENT_PER_DAY) / 100 >= cap) break;
  }
  const surchargeFen = Math.min(cap, Math.floor((fenDays * SURCHARGE_RATE_PERCENT_PER_DAY) / 100));
  const paidFen = payments.filter((p) => p.day <= end).reduce((n, p) => n + p.fen, 0);
  // Overdue at the end of `asOf`: amounts whose last day has passed (the due day itself is still in time).
  const overdueNow = Math.max(0, requiredBy(end) - Math.min(principalFen, paidFen));
  const balanceFen = Math.max(0, principalFen + surchargeFen - paidFen);
  const last = schedules.at(-1);
  const finalDue = last && last.entries.length ? formatDay(Math.max(...last.entries.map((e) => e.day))) : dueOn;
  return {
    principal: exec.principal,
    dueOn,
    finalDueOn: finalDue,
    overduePrincipal: toYuan(overdueNow),
    surcharge: toYuan(surchargeFen),
    surchargeCapped: surchargeFen >= cap && cap > 0,
    lateDays,
    paid: toYuan(paidFen),
    balance: toYuan(balanceFen),
    isSettled: balanceFen === 0,
  };
}

function refuse(citation: string, message: string, messageZh: string, details?: Record<string, unknown>): Refusal {
  return { code: 'RULE_VIOLATION', message, messageZh, citation, ...(details ? { details } : {}) };
}

const twoDecimals = (n: number) => Number.isFinite(n) && Math.abs(toFen(n) - n * 100) < 1e-6;

/**
 * 行政处罚法 Art.66 para 2 (SAMR 程序规定 Art.74): a deferral has one later due date, instalments at least two; the
 * dates follow the approval and each other; the amounts are positive, in fen, and add up to exactly the principal
 * still outstanding. Null when the schedule is valid.
 */
export function scheduleRefusal(s: PaymentSchedule, outstandingPrincipal: number): Refusal | null {
  const citation = '行政处罚法 Art.66 para 2';
  const problems: string[] = [];
  if (s.kind === 'deferral' && s.entries.length !== 1) problems.push('deferral_has_one_date');
  if (s.kind === 'instalments' && s.entries.length < 2) problems.push('instalments_need_two');
  if (s.appliedOn > s.approvedOn) problems.push('approved_before_application');
  let prev = s.approvedOn;
  for (const e of s.entries) {
    if (e.dueOn <= prev) problems.push('dates_not_increasing');
    prev = e.dueOn;
    if (!(e.amount > 0) || !twoDecimals(e.amount)) problems.push('amount_invalid');
  }
  const sum = s.entries.reduce((n, e) => n + toFen(e.amount), 0);
  if (sum !== toFen(outstandingPrincipal)) problems.push('sum_not_outstanding');
  if (problems.length === 0) return null;
  return refuse(
    citation,
    `The ${s.kind === 'deferral' ? 'deferral' : 'instalment plan'} is not valid: the dates must follow the approval in order and the amounts must add up to the ${outstandingPrincipal} yuan outstanding.`,
    `${s.kind === 'deferral' ? '延期' : '分期'}缴纳方案不成立：缴纳日期须晚于批准日期并依次递增，各期金额之和须等于尚欠罚款${outstandingPrincipal}元。`,
    { problems: [...new Set(problems)], outstandingPrincipal, scheduled: toYuan(sum) },
  );
}

/**
 * 罚缴分离 (行政处罚法 Art.67 para 1): the deciding agency and its officers do not collect fines themselves; the party pays
 * at the designated bank or electronically. Cash on the spot only on a statutory ground (Art.68: a simplified-procedure
 * fine ≤ 100 yuan or one hard to collect later; Art.69: a remote area, on the party's request) and against the official
 * finance receipt (Art.70).
 */
export function onSiteCollectionRefusal(p: ExecutionPayment, opts: { procedure: 'ordinary' | 'simplified'; fineAmount: number }): Refusal | null {
  if (p.method !== 'on_site_cash') return null;
  const problems: string[] = [];
  const g = p.onSiteGround ?? null;
  if (!g) problems.push('no_ground');
  if ((g === 'small_fine' || g === 'hard_to_collect_later') && opts.procedure !== 'simplified') problems.push('ground_only_for_simplified');
  if (g === 'small_fine' && opts.fineAmount > 100) problems.push('fine_over_100');
  if (!p.receiptNo?.trim()) problems.push('no_receipt');
  if (problems.length === 0) return null;
  return refuse(
    '行政处罚法 Art.67–70',
    'Fines are paid at the designated bank or electronically (separation of decision and collection); cash may be collected on the spot only on a ground of Art.68–69 and against the official finance receipt.',
    '罚缴分离：罚款应当到指定银行或者通过电子支付系统缴纳；执法人员当场收缴罚款仅限第六十八条、第六十九条规定的情形，并须出具财政部门统一制发的专用票据。',
    { problems, procedure: opts.procedure, fineAmount: opts.fineAmount },
  );
}

/** The window to apply to the court (行政强制法 Art.53–54; domain-rules EX5). */
export interface CourtEnforcementWindow {
  /** Last day of the reconsideration (60 days, 行政复议法 Art.20) and litigation (6 months, 行政诉讼法 Art.46) windows. */
  remedyWindowEndsOn: string;
  /** The window opens after this day: the later of the remedy windows and the end of any deferral or instalment plan. */
  opensAfter: string;
  /** Three months from then (Art.53). */
  closesOn: string;
  /** The 10 working days after the reminder was served (Art.54, Art.69); null without a reminder. */
  reminderWaitEndsOn: string | null;
}

export function courtEnforcementWindow(exec: ExecutionFacts, decisionServedOn: string, cal: HolidayCalendar): CourtEnforcementWindow {
  const reconsideration = addPeriod(decisionServedOn, 60, 'day', 'CALENDAR', cal);
  const litigation = addPeriod(decisionServedOn, 6, 'month', 'CALENDAR', cal);
  const remedy = reconsideration > litigation ? reconsideration : litigation;
  const lastDue = executionLastDue(exec);
  const opensAfter = lastDue && lastDue > remedy ? lastDue : remedy;
  return {
    remedyWindowEndsOn: remedy,
    opensAfter,
    closesOn: addPeriod(opensAfter, 3, 'month', 'CALENDAR', cal),
    reminderWaitEndsOn: exec.reminderServedOn ? addPeriod(exec.reminderServedOn, 10, 'day', 'WORKING', cal) : null,
  };
}

function executionLastDue(exec: ExecutionFacts): string | null {
  const last = exec.schedules.at(-1);
  if (!last || last.entries.length === 0) return null;
  return last.entries.map((e) => e.dueOn).sort().at(-1)!;
}

// ---- guards (run by the penalty table; see PENALTY_ACTION_GUARDS) ----------------------------------------------------

export type ExecutionGuardFacts = Pick<PenaltyFacts, 'decisionServedOn' | 'isPaymentDue'> & { execution?: ExecutionFacts | null; procedure?: 'ordinary' | 'simplified' };

/** Date maths that may meet a year without holiday data: refuse with CALENDAR_MISSING instead of throwing (G5). */
function guarded(citation: string, fn: () => Refusal | null): Refusal | null {
  try {
    return fn();
  } catch (e) {
    if (e instanceof AppError && e.code === 'CALENDAR_MISSING') return { code: 'CALENDAR_MISSING', message: e.message, messageZh: e.messageZh, citation, ...(e.details ? { details: e.details } : {}) };
    throw e;
  }
}

const noExecution = (citation: string) =>
  refuse(citation, 'Nothing is to be paid under this decision, or its service is not recorded.', '该决定无须缴纳罚款或者尚未记录送达，无执行事项。');

/**
 * 行政处罚法 Art.67 (full payment closes execution; EX1): the payment recorded with `record_payment` must settle the
 * principal and the surcharge accrued by its date; a smaller sum is a part payment.
 */
export const paymentSettlesBalance: Guard<ExecutionGuardFacts> = (f, ctx) =>
  guarded('行政处罚法 Art.67, Art.72', () => {
    const e = f.execution;
    const p = e?.pendingPayment;
    if (!e || !p || !f.decisionServedOn) return null;
    const acc = executionAccount({ ...e, payments: [...e.payments, p] }, f.decisionServedOn, p.paidOn, ctx.calendar);
    if (acc.isSettled) return null;
    return refuse('行政处罚法 Art.67, Art.72', `This payment leaves ${acc.balance} yuan unpaid (fine and surcharge); record it as a part payment.`, `本次缴款后仍欠${acc.balance}元（罚款及加处罚款），请登记为部分缴款。`, {
      balanceAfter: acc.balance,
      surcharge: acc.surcharge,
    });
  });

/** A part payment leaves something to pay; otherwise it is the final payment (`record_payment`). */
export const partPaymentLeavesBalance: Guard<ExecutionGuardFacts> = (f, ctx) =>
  guarded('行政处罚法 Art.67', () => {
    const e = f.execution;
    if (!e || !f.decisionServedOn) return noExecution('行政处罚法 Art.67');
    const p = e.pendingPayment;
    if (!p) return executionAccount(e, f.decisionServedOn, ctx.now, ctx.calendar).isSettled ? refuse('行政处罚法 Art.67', 'Everything due has been paid.', '应缴款项已全部缴清。') : null;
    const acc = executionAccount({ ...e, payments: [...e.payments, p] }, f.decisionServedOn, p.paidOn, ctx.calendar);
    return acc.isSettled ? refuse('行政处罚法 Art.67', 'This payment settles everything due: record it as the payment in full.', '本次缴款已缴清全部款项，请登记为缴清。', { balanceAfter: 0 }) : null;
  });

/** 罚缴分离 on every payment (Art.67–70): see `onSiteCollectionRefusal`. */
export const noOnSiteCashOutsideStatute: Guard<ExecutionGuardFacts> = (f) => {
  const p = f.execution?.pendingPayment;
  if (!p) return null;
  return onSiteCollectionRefusal(p, { procedure: f.procedure ?? 'ordinary', fineAmount: f.execution?.principal ?? 0 });
};

/** Art.66 para 2: a deferral or instalments only while principal is outstanding, on a valid schedule. */
export const deferralScheduleValid: Guard<ExecutionGuardFacts> = (f, ctx) =>
  guarded('行政处罚法 Art.66 para 2', () => {
    const e = f.execution;
    if (!e || !f.decisionServedOn) return noExecution('行政处罚法 Art.66 para 2');
    const acc = executionAccount(e, f.decisionServedOn, ctx.now, ctx.calendar);
    const outstanding = toYuan(toFen(acc.principal) - Math.min(toFen(acc.principal), toFen(acc.paid)));
    if (outstanding <= 0) return refuse('行政处罚法 Art.66 para 2', 'The fine is paid; there is nothing to defer.', '罚款已缴清，无须延期或者分期。');
    return e.pendingSchedule ? scheduleRefusal(e.pendingSchedule, outstanding) : null;
  });

/** 行政强制法 Art.54 (domain-rules EX5): the reminder (催告) comes once the payment is overdue and unpaid. */
export const reminderAfterDefault: Guard<ExecutionGuardFacts> = (f, ctx) =>
  guarded('行政强制法 Art.54', () => {
    const e = f.execution;
    if (!e || !f.decisionServedOn) return noExecution('行政强制法 Art.54');
    const acc = executionAccount(e, f.decisionServedOn, ctx.now, ctx.calendar);
    if (acc.overduePrincipal > 0 || (acc.balance > 0 && ctx.now > acc.finalDueOn)) return null;
    return refuse('行政强制法 Art.54', `Nothing is overdue yet (due on ${acc.finalDueOn}); a reminder comes after the payment period has passed unpaid.`, `尚无逾期未缴款项（缴款期限${acc.finalDueOn}），缴款期限届满仍未缴纳的方可催告。`, {
      dueOn: acc.finalDueOn,
    });
  });

/**
 * 行政强制法 Art.53–54 (EX5): the court is asked only after the reminder was served and 10 working days passed, after the
 * reconsideration and litigation windows (and any deferral) ended, within three months of that, and while unpaid.
 */
export const courtEnforcementReady: Guard<ExecutionGuardFacts> = (f, ctx) =>
  guarded('行政强制法 Art.53, Art.54', () => {
    const e = f.execution;
    if (!e || !f.decisionServedOn) return noExecution('行政强制法 Art.53');
    const w = courtEnforcementWindow(e, f.decisionServedOn, ctx.calendar);
    const acc = executionAccount(e, f.decisionServedOn, ctx.now, ctx.calendar);
    const details = { ...w, today: ctx.now };
    if (acc.balance <= 0) return refuse('行政强制法 Art.53', 'Everything due has been paid.', '应缴款项已全部缴清，无须申请强制执行。', details);
    if (!w.reminderWaitEndsOn) return refuse('行政强制法 Art.54', 'Serve a reminder (催告书) first.', '申请人民法院强制执行前，应当先催告当事人履行义务。', details);
    if (ctx.now <= w.reminderWaitEndsOn) return refuse('行政强制法 Art.54, Art.69', `The party has 10 working days after the reminder, until ${w.reminderWaitEndsOn}.`, `催告书送达十日（工作日）后当事人仍未履行的方可申请，期限至${w.reminderWaitEndsOn}。`, details);
    if (ctx.now <= w.opensAfter) return refuse('行政强制法 Art.53', `The reconsideration and litigation windows run until ${w.opensAfter}.`, `当事人申请行政复议、提起行政诉讼的法定期限至${w.opensAfter}届满，届满后方可申请。`, details);
    if (ctx.now > w.closesOn) return refuse('行政强制法 Art.53', `The three months to apply ended on ${w.closesOn}.`, `申请人民法院强制执行的三个月期限已于${w.closesOn}届满。`, details);
    return null;
  });

/**
 * 行政处罚法 Art.73 para 3: a reconsideration or lawsuit does not stop execution, but the surcharge is not counted while
 * it is pending; one challenge is open at a time (a lawsuit after a reconsideration is recorded when the first ends).
 */
export const challengeNotPending: Guard<ExecutionGuardFacts> = (f) => {
  const e = f.execution;
  if (!e || !f.decisionServedOn) return noExecution('行政处罚法 Art.73');
  const open = e.surchargePauses.find((p) => p.to === null);
  return open
    ? refuse('行政处罚法 Art.73 para 3', `A ${open.reason} is already pending since ${open.from}; record its end first.`, `已登记${open.reason === 'reconsideration' ? '行政复议' : '行政诉讼'}（自${open.from}起），请先登记其结束。`, { pending: open })
    : null;
};

export const challengePending: Guard<ExecutionGuardFacts> = (f) =>
  f.execution?.surchargePauses.some((p) => p.to === null) ? null : refuse('行政处罚法 Art.73 para 3', 'No reconsideration or lawsuit is pending.', '没有正在进行的行政复议或者行政诉讼。');
