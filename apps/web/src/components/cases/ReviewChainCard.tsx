import { REVIEW_SIGNER_POSITION_LABELS, type ReviewSignerPosition } from '@zhifa/domain';
import { Alert, Card, Space, Steps, Tag, Typography } from 'antd';
import type { CaseReviewChain } from '../../api/types.ts';
import { useLocale, useT } from '../../i18n/index.tsx';
import { fmtDateTime } from '../../lib/format.ts';

export function positionLabel(p: string, zh: boolean): string {
  const l = REVIEW_SIGNER_POSITION_LABELS[p as ReviewSignerPosition];
  return l ? (zh ? l.zh : l.en) : p;
}

type LevelState = 'signed' | 'current' | 'waiting';
const stateOf = (rc: CaseReviewChain, i: number): LevelState => (rc.levels[i]!.signoff ? 'signed' : rc.currentIndex === i ? 'current' : 'waiting');

/**
 * 审核层级: the case's review round level by level (市场监督管理行政处罚程序规定 Art.49–55; e.g. 秦皇岛 四级审核): who signed
 * each level and when, the level reviewing now and whether it is mine, or where the round was returned.
 */
export function ReviewChainCard({ rc }: { rc: CaseReviewChain }) {
  const t = useT();
  const { locale } = useLocale();
  const zh = locale === 'zh-CN';
  const returnedLevel = rc.returned ? rc.levels.find((l) => l.key === rc.returned!.levelKey) : undefined;
  return (
    <Card
      size="small"
      data-testid="review-chain"
      data-chain={rc.chainCode}
      title={
        <Space size={6} wrap>
          {t('reviewChain.title')}
          <Tag>{rc.chainZh}</Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('reviewChain.round', { n: rc.round })}
          </Typography.Text>
        </Space>
      }
    >
      {rc.canSign ? <Alert type="success" showIcon style={{ marginBottom: 8 }} title={t('reviewChain.yourTurn')} data-testid="review-chain-your-turn" /> : null}
      {rc.returned ? (
        <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('reviewChain.returnedAt', { level: returnedLevel ? (zh ? returnedLevel.zh : returnedLevel.en) : rc.returned.levelKey, reason: rc.returned.reason })} />
      ) : null}
      {rc.passedOn ? <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('reviewChain.passedOn', { date: rc.passedOn })} /> : null}
      <ReviewRoundTrack rc={rc} />
      <Steps
        orientation="vertical"
        size="small"
        current={rc.currentIndex ?? rc.levels.length}
        items={rc.levels.map((l, i) => {
          const state = stateOf(rc, i);
          return {
            status: state === 'signed' ? 'finish' : state === 'current' ? (rc.returned ? 'error' : 'process') : 'wait',
            title: (
              <span data-testid={`review-level-${l.key}`} data-state={state}>
                {zh ? l.zh : l.en}
                {l.isLegalReview ? (
                  <Tag color="purple" style={{ marginInlineStart: 6 }}>
                    {t('reviewChain.legalLevel')}
                  </Tag>
                ) : null}
              </span>
            ),
            description: (
              <div style={{ fontSize: 12 }}>
                <div>
                  <Typography.Text type="secondary">{t('reviewChain.signers')}：</Typography.Text>
                  {l.signers.map((s) => positionLabel(s, zh)).join(zh ? '、' : ', ')}
                </div>
                {l.signoff ? (
                  <div data-testid={`review-level-${l.key}-signoff`}>
                    <Tag color="green">{t('reviewChain.signed')}</Tag>
                    {l.signoff.signerName} · {fmtDateTime(l.signoff.at)}
                    {l.signoff.opinion ? <div style={{ whiteSpace: 'pre-wrap' }}>{l.signoff.opinion}</div> : null}
                  </div>
                ) : (
                  <Tag color={state === 'current' ? 'blue' : undefined}>{state === 'current' ? t('reviewChain.current') : t('reviewChain.waiting')}</Tag>
                )}
              </div>
            ),
          };
        })}
      />
      {rc.citation ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('reviewChain.citation')}：{rc.citation}
        </Typography.Text>
      ) : null}
    </Card>
  );
}

/**
 * Inside the round (内蒙古办法 Art.29, 31, 32; SAMR Art.55): the time limit (paused while materials are awaited,
 * lengthened by the head's extension), each request for materials, and a disagreement with the head's decision.
 */
export function ReviewRoundTrack({ rc }: { rc: CaseReviewChain }) {
  const t = useT();
  const d = rc.deadline;
  const dispute = rc.dispute;
  if (!d && !(rc.supplements ?? []).length && !rc.extension && !dispute) return null;
  return (
    <div data-testid="review-track" style={{ marginBottom: 8, fontSize: 12 }}>
      {d ? (
        <div data-testid="review-deadline" data-state={d.state}>
          <Typography.Text type="secondary">{t('reviewTrack.deadline')}：</Typography.Text>
          {d.dueOn}
          {d.state === 'paused' ? <Tag color="orange" style={{ marginInlineStart: 6 }}>{t('reviewTrack.paused')}</Tag> : null}
          {d.state === 'overdue' ? <Tag color="red" style={{ marginInlineStart: 6 }}>{t('deadlineState.overdue')}</Tag> : null}
          {d.isExtended ? <Tag color="purple" style={{ marginInlineStart: 6 }}>{t('reviewTrack.extended')}</Tag> : null}
          <Typography.Text type="secondary"> · {d.citation}</Typography.Text>
        </div>
      ) : null}
      {(rc.supplements ?? []).map((s, i) => (
        <div key={i} data-testid="review-supplement" data-supplied={s.suppliedOn ? 'true' : 'false'}>
          <Tag color={s.suppliedOn ? 'green' : 'orange'}>
            {t('reviewTrack.supplements')} · {s.suppliedOn ? t('reviewTrack.supplied') : t('reviewTrack.awaiting')}
          </Tag>
          {s.requestedOn} {s.requestedBy}：{s.materials}
          {s.suppliedOn ? ` → ${s.suppliedOn}${s.suppliedNote ? `：${s.suppliedNote}` : ''}` : ''}
        </div>
      ))}
      {rc.extension ? (
        <div data-testid="review-extension">
          <Tag color="purple">{t('reviewTrack.extension')} +{rc.extension.days}</Tag>
          {rc.extension.approvedOn} {rc.extension.approverName}：{rc.extension.reason}
        </div>
      ) : null}
      {dispute ? (
        <div data-testid="review-dispute" data-decided={dispute.decision ? (dispute.decision.upheld ? 'upheld' : 'overruled') : 'pending'}>
          <Tag color={dispute.decision ? 'blue' : 'red'}>
            {t('reviewTrack.dispute')} · {dispute.decision ? (dispute.decision.upheld ? t('reviewTrack.upheld') : t('reviewTrack.overruled')) : t('reviewTrack.pendingHead')}
          </Tag>
          {dispute.raisedOn} {dispute.raisedByName}：{dispute.reason}
          {dispute.decision ? <div>{dispute.decision.on} {dispute.decision.deciderName}：{dispute.decision.text}</div> : null}
        </div>
      ) : null}
    </div>
  );
}

/** What the reviewer workspace shows of a round: due date and why it waits (materials awaited, head's decision pending). */
export function reviewRoundSummary(rc: CaseReviewChain | null | undefined): { dueOn: string | null; state: 'running' | 'paused' | 'overdue' | null; awaitingMaterials: boolean; extended: boolean; disputePending: boolean } {
  return {
    dueOn: rc?.deadline?.dueOn ?? null,
    state: rc?.deadline?.state ?? null,
    awaitingMaterials: (rc?.supplements ?? []).some((s) => s.suppliedOn === null),
    extended: !!rc?.extension,
    disputePending: !!rc?.dispute && !rc.dispute.decision,
  };
}

/** The workspace cell: the due date, paused or overdue, extended. */
export function ReviewDeadlineCell({ rc }: { rc: CaseReviewChain | null | undefined }) {
  const t = useT();
  const s = reviewRoundSummary(rc);
  if (!s.dueOn) return <>—</>;
  return (
    <Space size={2} wrap data-testid="review-deadline-cell" data-state={s.state}>
      {s.dueOn}
      {s.awaitingMaterials ? <Tag color="orange">{t('reviewTrack.paused')}</Tag> : null}
      {s.state === 'overdue' ? <Tag color="red">{t('deadlineState.overdue')}</Tag> : null}
      {s.extended ? <Tag color="purple">{t('reviewTrack.extended')}</Tag> : null}
    </Space>
  );
}

/** A compact line for tables (the review workspace): one tag per level, the current one highlighted. */
export function ReviewChainTags({ rc }: { rc: CaseReviewChain | null | undefined }) {
  const { locale } = useLocale();
  if (!rc) return <>—</>;
  const zh = locale === 'zh-CN';
  return (
    <Space size={2} wrap data-testid="review-chain-tags">
      {rc.levels.map((l, i) => {
        const state = stateOf(rc, i);
        return (
          <Tag key={l.key} color={state === 'signed' ? 'green' : state === 'current' ? 'blue' : undefined} data-state={state}>
            {zh ? l.zh : l.en}
          </Tag>
        );
      })}
    </Space>
  );
}
