import { LockOutlined } from '@ant-design/icons';
import { PENALTY_ACTIONS, PENALTY_TRANSITIONS, type PenaltyAction, type PenaltyStatus } from '@zhifa/domain';
import { Button, Popover, Typography } from 'antd';
import type { CaseRefusal, PenaltyCase } from '../../api/types.ts';
import { Permission, useAuth, useCan } from '../../auth/auth.tsx';
import { useLocale, useT } from '../../i18n/index.tsx';
import { ACTION_FORMS, HEAD_STEP_ACTIONS, isResolvableInForm, isReviewAction } from './action-forms.ts';
import { useCaseLabels } from './useCaseLabels.ts';
import './cases.css';

export interface ActionButton {
  action: PenaltyAction;
  /** Why it cannot be taken now (guard refusals, or not the assigned reviewer); empty = enabled. */
  refusals: CaseRefusal[];
}

const isPenaltyAction = (a: string): a is PenaltyAction => (PENALTY_ACTIONS as string[]).includes(a);

/**
 * The buttons of a case: the server's `availableActions` (enabled) and `refusedActions` (disabled, with the reasons),
 * both computed by the domain's one `availablePenaltyActions`, in the order the transition table lists them for the
 * status. Steps outside the user's permission are left out (a supervisor reads only); a review step offered to a
 * reviewer the case was not submitted to is shown refused, as the server would refuse it (行政处罚法 Art.58).
 */
/** The head's steps inside a review: the extension (SAMR Art.55) and the decision on a disagreement (内蒙古办法 Art.32). */
const HEAD_REVIEW_CITATION = '市场监督管理行政处罚程序规定 Art.55; 内蒙古办法 Art.31–32';

export function caseActionButtons(
  pc: Pick<PenaltyCase, 'status' | 'availableActions' | 'refusedActions' | 'facts' | 'reviewChain'>,
  who: { canHandle: boolean; canReview: boolean; officerId: string | null; isHead?: boolean },
  notAssigned: CaseRefusal,
  /** Shown on a step only the agency head takes (approving a deferral, 行政处罚法 Art.66 para 2) to anyone else. */
  headOnly?: CaseRefusal,
): ActionButton[] {
  const table = Object.keys((PENALTY_TRANSITIONS as Record<string, object>)[pc.status as PenaltyStatus] ?? {});
  const rank = (a: string) => {
    const i = table.indexOf(a);
    return i >= 0 ? i : table.length + PENALTY_ACTIONS.indexOf(a as PenaltyAction);
  };
  const out: ActionButton[] = [];
  const seen = new Set<string>();
  const add = (a: string, refusals: CaseRefusal[]) => {
    if (!isPenaltyAction(a) || seen.has(a)) return;
    const review = isReviewAction(a);
    // A review chain level is signed by its position holders (a unit head logs in as an officer): the server's
    // per-user answer (`reviewChain.canSign`, the refusals) decides, not the login role.
    const chain = pc.reviewChain && pc.reviewChain.currentIndex !== null ? pc.reviewChain : null;
    if (review ? !(who.canReview || chain?.canSign) : !who.canHandle) return;
    seen.add(a);
    const reviewerId = pc.facts.reviewerId ?? null;
    const extra = review && !chain && reviewerId && who.officerId !== reviewerId ? [notAssigned] : headOnly && !who.isHead && (HEAD_STEP_ACTIONS as readonly string[]).includes(a) ? [a === 'approve_deferral' ? headOnly : { ...headOnly, citation: HEAD_REVIEW_CITATION }] : [];
    out.push({ action: a, refusals: [...refusals, ...extra] });
  };
  // 移送 has its own page (案件移送, the transfer card on the case page): not a plain step here.
  for (const a of pc.availableActions) if (a !== 'transfer') add(a, []);
  for (const r of pc.refusedActions) {
    if (r.action === 'transfer') continue;
    // A refusal the step's own form answers (no reviewer chosen yet) leaves the button enabled; the form shows it.
    if (isPenaltyAction(r.action) && isResolvableInForm(r.action, r.refusals)) add(r.action, []);
    else add(r.action, r.refusals.length ? r.refusals : [notAssigned]);
  }
  return out.sort((x, y) => rank(x.action) - rank(y.action));
}

/** Why a step is refused: each reason in the user's language with its legal citation. */
export function RefusalList({ refusals }: { refusals: CaseRefusal[] }) {
  const t = useT();
  const { locale } = useLocale();
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18, maxWidth: 340 }}>
      {refusals.map((r, i) => (
        <li key={i} data-testid="refusal">
          <div>{locale === 'zh-CN' ? r.messageZh : r.message}</div>
          {r.citation ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="refusal-citation">
              {t('case.citationLine', { citation: r.citation })}
            </Typography.Text>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function CaseActionBar({ pc, onAction }: { pc: PenaltyCase; onAction: (a: PenaltyAction) => void }) {
  const t = useT();
  const can = useCan();
  const me = useAuth();
  const labels = useCaseLabels();
  const notAssigned: CaseRefusal = { code: 'FORBIDDEN', message: t('case.notAssignedReviewer'), messageZh: t('case.notAssignedReviewer'), citation: '行政处罚法 Art.58' };
  const headOnly: CaseRefusal = { code: 'FORBIDDEN', message: t('case.headOnly'), messageZh: t('case.headOnly'), citation: '行政处罚法 Art.66 para 2' };
  const buttons = caseActionButtons(pc, { canHandle: can(Permission.CASE_HANDLE), canReview: can(Permission.CASE_REVIEW), officerId: me.user.officerId, isHead: me.user.role === 'agency_head' }, notAssigned, headOnly);
  if (buttons.length === 0) {
    return (
      <Typography.Text type="secondary" data-testid="no-actions">
        {can(Permission.CASE_HANDLE) || can(Permission.CASE_REVIEW) ? t('case.noActions') : t('case.readOnly')}
      </Typography.Text>
    );
  }
  // The first enabled step that moves the case forward is the primary button.
  const primary = buttons.find((b) => b.refusals.length === 0 && !ACTION_FORMS[b.action].danger)?.action;
  return (
    <div className="zf-case-actions" data-testid="case-actions">
      {buttons.map((b) => {
        const refused = b.refusals.length > 0;
        const button = (
          <Button
            key={b.action}
            type={b.action === primary ? 'primary' : 'default'}
            danger={!!ACTION_FORMS[b.action].danger}
            disabled={refused}
            icon={refused ? <LockOutlined /> : undefined}
            onClick={() => onAction(b.action)}
            data-testid={`action-${b.action}`}
            data-refused={refused ? 'true' : 'false'}
          >
            {labels.action(b.action)}
          </Button>
        );
        if (!refused) return button;
        // A disabled button gets no pointer events: the wrapper carries the popover (hover on desktop, tap on a phone).
        return (
          <Popover key={b.action} title={t('case.refusedTitle', { action: labels.action(b.action) })} content={<RefusalList refusals={b.refusals} />} trigger={['hover', 'click']}>
            <span style={{ display: 'inline-block', cursor: 'not-allowed' }} data-testid={`action-refused-${b.action}`} tabIndex={0}>
              {button}
            </span>
          </Popover>
        );
      })}
    </div>
  );
}
