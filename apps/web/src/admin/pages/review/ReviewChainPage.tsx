import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DEFAULT_REVIEW_CHAIN, QINHUANGDAO_FOUR_LEVEL_CHAIN, REVIEW_SIGNER_POSITIONS, type ReviewChain } from '@zhifa/domain';
import { App, Button, Card, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client.ts';
import type { AgencyReviewChain } from '../../../api/types.ts';
import { Permission, useAuth, useCan } from '../../../auth/auth.tsx';
import { positionLabel } from '../../../components/cases/ReviewChainCard.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { SubjectSelect } from '../../../components/RemoteSelects.tsx';
import { useLocale, useT } from '../../../i18n/index.tsx';
import { fmtDateTime } from '../../../lib/format.ts';

type Level = AgencyReviewChain['chain']['levels'][number];
interface PositionRow {
  officerId: string;
  name: string;
  post: string;
  onDuty: boolean;
  isLegalReviewer: boolean;
  positions: string[];
  version: number;
}

/**
 * 审核层级设置: the agency's legal-review chain (levels, who signs each, which cases each applies to) and the review
 * positions of its people. The head switches between the national default and the 四级审核 preset; the server checks
 * the chain (ReviewChainSchema) and keeps every version.
 */
export default function ReviewChainPage() {
  const t = useT();
  const { locale } = useLocale();
  const zh = locale === 'zh-CN';
  const me = useAuth();
  const can = useCan();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const agencyId = me.user.agencyId ?? picked;
  const key = ['review-chain', agencyId] as const;
  const chain = useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<AgencyReviewChain>(`/agencies/${agencyId}/review-chain`, undefined, signal), enabled: !!agencyId });
  const people = useQuery({
    queryKey: ['review-positions', agencyId],
    queryFn: ({ signal }) => api.get<{ items: PositionRow[] }>(`/agencies/${agencyId}/review-positions`, undefined, signal),
    enabled: !!agencyId,
  });
  const canWrite = can(Permission.REGISTRY_WRITE_AGENCY);
  const setChain = useMutation({
    mutationFn: (c: ReviewChain) => api.put<AgencyReviewChain>(`/agencies/${agencyId}/review-chain`, { chain: c, version: chain.data?.latestVersion ?? null }),
    onSuccess: (d) => {
      qc.setQueryData(key, d);
      void message.success(t('reviewChain.saved'));
    },
  });
  const setPositions = useMutation({
    mutationFn: (v: { officerId: string; positions: string[]; version: number }) => api.put(`/officers/${v.officerId}/review-positions`, { positions: v.positions, version: v.version }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['review-positions', agencyId] });
      void message.success(t('reviewChain.positionsSaved'));
    },
  });

  const condition = (l: Level) => {
    const c = l.when;
    if (!c) return t('reviewChain.always');
    const parts = [
      c.isMajor ? t('reviewChain.whenMajor') : null,
      c.fineAtLeast !== undefined ? t('reviewChain.whenFine', { n: c.fineAtLeast }) : null,
      c.hearingHeld ? t('reviewChain.whenHearing') : null,
      c.penaltyTypes?.length ? t('reviewChain.whenTypes', { types: c.penaltyTypes.join(zh ? '、' : ', ') }) : null,
    ].filter(Boolean);
    return parts.join(zh ? '或' : ' or ');
  };
  const d = chain.data;
  const choose = (c: ReviewChain, label: string, testId: string) => (
    <Popconfirm title={t('reviewChain.confirm')} onConfirm={() => setChain.mutate(c)}>
      <Button data-testid={testId} disabled={!d || d.chain.code === c.code} loading={setChain.isPending}>
        {label}
      </Button>
    </Popconfirm>
  );

  return (
    <div data-testid="review-chain-page">
      <PageHeader title={t('reviewChain.settings')} sub={t('reviewChain.settingsHint')} />
      {!me.user.agencyId ? (
        <Space style={{ marginBottom: 12 }}>
          {t('reviewChain.agency')}
          <SubjectSelect value={picked ?? null} onChange={(v) => setPicked(v)} placeholder={t('reviewChain.pickAgency')} style={{ width: 360 }} testId="review-chain-agency" />
        </Space>
      ) : null}
      <ErrorAlert error={chain.error ?? setChain.error ?? people.error ?? setPositions.error} />
      {d ? (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Card
            size="small"
            title={
              <Space wrap>
                {t('reviewChain.inForce')}
                <Tag color={d.isDefault ? undefined : 'blue'} data-testid="review-chain-code" data-code={d.chain.code}>
                  {d.isDefault ? t('reviewChain.default') : d.chain.zh}
                </Tag>
                {d.version ? <Typography.Text type="secondary">{t('reviewChain.version', { n: d.version })}</Typography.Text> : null}
              </Space>
            }
            extra={
              canWrite ? (
                <Space wrap>
                  {choose(QINHUANGDAO_FOUR_LEVEL_CHAIN, t('reviewChain.useFourLevel'), 'use-four-level')}
                  {choose(DEFAULT_REVIEW_CHAIN, t('reviewChain.useDefault'), 'use-default')}
                </Space>
              ) : null
            }
          >
            <Table<Level>
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={d.chain.levels}
              onRow={(l) => ({ 'data-testid': `chain-level-${l.key}` }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { title: '#', key: 'i', width: 48, render: (_, __, i) => i + 1 },
                { title: t('reviewChain.title'), key: 'name', render: (_, l) => <Space>{zh ? l.zh : l.en}{l.isLegalReview ? <Tag color="purple">{t('reviewChain.legalLevel')}</Tag> : null}</Space> },
                { title: t('reviewChain.signers'), key: 'signers', render: (_, l) => l.signers.map((s) => positionLabel(s, zh)).join(zh ? '、' : ', ') },
                { title: t('reviewChain.condition'), key: 'when', render: (_, l) => condition(l) },
              ]}
            />
            {d.chain.citation ? (
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
                {t('reviewChain.citation')}：{d.chain.citation}
              </Typography.Paragraph>
            ) : null}
          </Card>
          <Card size="small" title={t('reviewChain.positions')} extra={<Typography.Text type="secondary">{t('reviewChain.positionsHint')}</Typography.Text>}>
            <Table<PositionRow>
              rowKey="officerId"
              size="small"
              loading={people.isFetching}
              dataSource={people.data?.items ?? []}
              pagination={{ pageSize: 20, showSizeChanger: false }}
              onRow={(r) => ({ 'data-testid': 'position-row', 'data-officer-id': r.officerId }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { title: t('common.name'), dataIndex: 'name', width: 140 },
                { title: t('officer.post'), dataIndex: 'post', width: 140 },
                {
                  title: t('reviewChain.signers'),
                  key: 'positions',
                  render: (_, r) =>
                    canWrite ? (
                      <Select
                        mode="multiple"
                        size="small"
                        style={{ minWidth: 320 }}
                        value={r.positions.filter((p) => p !== 'legal_reviewer')}
                        onChange={(v: string[]) => setPositions.mutate({ officerId: r.officerId, positions: v, version: r.version })}
                        options={REVIEW_SIGNER_POSITIONS.filter((p) => p !== 'legal_reviewer').map((p) => ({ value: p, label: positionLabel(p, zh) }))}
                        suffixIcon={r.isLegalReviewer ? <Tag color="purple">{positionLabel('legal_reviewer', zh)}</Tag> : undefined}
                      />
                    ) : (
                      r.positions.map((p) => <Tag key={p}>{positionLabel(p, zh)}</Tag>)
                    ),
                },
              ]}
            />
          </Card>
          {d.history.length ? (
            <Card size="small" title={t('reviewChain.history')}>
              <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="review-chain-history">
                {d.history.map((h) => (
                  <li key={h.version}>
                    {t('reviewChain.version', { n: h.version })} · {h.zh} · {h.effectiveFrom} · {fmtDateTime(h.createdAt)}
                    {h.reason ? ` · ${h.reason}` : ''}
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
        </Space>
      ) : null}
    </div>
  );
}
