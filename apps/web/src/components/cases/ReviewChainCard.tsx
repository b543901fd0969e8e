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
