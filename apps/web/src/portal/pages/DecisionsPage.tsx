import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, List, Pagination, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api, buildQuery } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { usePT, type PortalKey } from '../messages.ts';
import type { DecisionDetail, DecisionPage } from './types.ts';

const CATEGORIES = ['penalty', 'licence', 'inspection', 'coercion', 'other'] as const;

/** 执法决定公示: bigram full-text search with filters; the state lives in the URL so a search can be shared. */
export function DecisionsPage() {
  const t = usePT();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? 1);
  const filters = { q, category: params.get('category') ?? '', from: params.get('from') ?? '', to: params.get('to') ?? '', region: params.get('region') ?? '' };
  const res = useQuery({
    queryKey: ['public', 'decisions', filters, page],
    queryFn: ({ signal }) => api.get<DecisionPage>('/public/decisions', { ...filters, page, pageSize: 20 }, signal),
  });
  const set = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next);
  };
  const exportQuery = buildQuery(filters);
  return (
    <div data-testid="decisions-page">
      <Typography.Title level={1} style={{ fontSize: 26 }}>
        {t('nav.decisions')}
      </Typography.Title>
      <Input.Search
        size="large"
        defaultValue={q}
        key={q}
        aria-label={t('search.placeholder')}
        placeholder={t('search.placeholder')}
        enterButton={t('search.button')}
        onSearch={(v) => set({ q: v.trim() })}
        data-testid="decisions-search"
      />
      <Space wrap style={{ margin: '12px 0' }}>
        <Select
          aria-label={t('dec.filters.category')}
          style={{ minWidth: 140 }}
          value={filters.category}
          onChange={(v: string) => set({ category: v })}
          options={[{ value: '', label: `${t('dec.filters.category')}：${t('common.any')}` }, ...CATEGORIES.map((c) => ({ value: c, label: t(`cat.${c}` as PortalKey) }))]}
        />
        <label>
          {t('dec.filters.from')} <input type="date" value={filters.from} onChange={(e) => set({ from: e.target.value })} aria-label={t('dec.filters.from')} />
        </label>
        <label>
          {t('dec.filters.to')} <input type="date" value={filters.to} onChange={(e) => set({ to: e.target.value })} aria-label={t('dec.filters.to')} />
        </label>
        <Input style={{ width: 150 }} placeholder={t('dec.filters.region')} aria-label={t('dec.filters.region')} defaultValue={filters.region} onBlur={(e) => set({ region: e.target.value.trim() })} />
        <span>
          {t('dec.export')}: <a href={`/api/v1/public/decisions/export.csv${exportQuery}`}>CSV</a> · <a href={`/api/v1/public/decisions/export.json${exportQuery}`}>JSON</a> ·{' '}
          <a href="/api/v1/public/decisions/feed.atom">Atom</a>
        </span>
      </Space>
      {res.error ? <ErrorAlert error={res.error} /> : null}
      <Typography.Text type="secondary" data-testid="decisions-total">
        {res.data ? (res.data.totalIsCapped ? t('dec.totalCapped', { n: res.data.total }) : t('dec.total', { n: res.data.total })) : ' '}
      </Typography.Text>
      <List
        loading={res.isLoading}
        locale={{ emptyText: t('dec.none') }}
        dataSource={res.data?.items ?? []}
        renderItem={(d) => (
          <List.Item data-testid="decision-row">
            <List.Item.Meta
              title={<Link to={`/decisions/${d.id}`}>{d.title}</Link>}
              description={
                <Space wrap size={4}>
                  <Tag>{t(`cat.${d.category}` as PortalKey)}</Tag>
                  <span>{d.partyName}</span>·<span>{d.itemName}</span>·<span>{d.result}</span>·<span>{d.decidedOn}</span>
                </Space>
              }
            />
          </List.Item>
        )}
      />
      {res.data && res.data.total > 20 ? <Pagination current={page} pageSize={20} total={res.data.total} showSizeChanger={false} onChange={(p) => set({ page: String(p) })} /> : null}
    </div>
  );
}

/** One decision. A withdrawn one states the public reason (行政处罚法 Art.48); a corrected one links to the correction. */
export function DecisionPageView() {
  const t = usePT();
  const { id } = useParams();
  const res = useQuery({ queryKey: ['public', 'decision', id], queryFn: ({ signal }) => api.get<DecisionDetail>(`/public/decisions/${id}`, undefined, signal), enabled: !!id });
  const [text, setText] = useState('');
  const [contact, setContact] = useState('');
  const correction = useMutation({ mutationFn: () => api.post(`/public/decisions/${id}/corrections`, { text, ...(contact ? { contact } : {}) }) });
  if (res.error) return <ErrorAlert error={res.error} />;
  const d = res.data;
  if (!d) return <Card loading />;
  return (
    <div data-testid="decision-detail">
      <Link to="/decisions">← {t('dec.back')}</Link>
      <Typography.Title level={1} style={{ fontSize: 24, marginTop: 12 }}>
        {d.title}
      </Typography.Title>
      {d.withdrawal ? (
        <Alert
          type="warning"
          showIcon
          data-testid="decision-withdrawn"
          message={t('dec.withdrawn')}
          description={`${t('dec.withdrawnReason', { reason: d.withdrawal.publicReason })}（${d.withdrawal.withdrawnAt.slice(0, 10)}）`}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {d.displayEnded ? (
        <Alert type="info" showIcon data-testid="decision-display-ended" message={t('dec.displayEnded', { date: d.displayUntil })} style={{ marginBottom: 16 }} />
      ) : null}
      {d.supersededBy ? <Alert type="info" showIcon message={<Link to={`/decisions/${d.supersededBy}`}>{t('dec.superseded')}</Link>} style={{ marginBottom: 16 }} /> : null}
      <Descriptions bordered column={1} size="middle" styles={{ label: { width: 160 } }}>
        <Descriptions.Item label={t('dec.no')}>{d.decisionNo ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('dec.agency')}>{d.agencyName}</Descriptions.Item>
        {d.displayEnded ? null : (
          <Descriptions.Item label={t('dec.party')}>
            <span data-testid="decision-party">{d.partyName}</span>
          </Descriptions.Item>
        )}
        {d.partyCode ? <Descriptions.Item label={t('dec.partyCode')}>{d.partyCode}</Descriptions.Item> : null}
        <Descriptions.Item label={t('dec.category')}>{t(`cat.${d.category}` as PortalKey)}</Descriptions.Item>
        {d.displayEnded ? null : <Descriptions.Item label={t('dec.item')}>{d.itemName}</Descriptions.Item>}
        {d.displayEnded ? null : (
          <Descriptions.Item label={t('dec.facts')}>
            <span data-testid="decision-facts">{d.facts}</span>
          </Descriptions.Item>
        )}
        {d.displayEnded ? null : <Descriptions.Item label={t('dec.basis')}>{d.legalBasis}</Descriptions.Item>}
        {d.displayEnded ? null : <Descriptions.Item label={t('dec.result')}>{d.result}</Descriptions.Item>}
        <Descriptions.Item label={t('dec.decidedOn')}>{d.decidedOn}</Descriptions.Item>
        <Descriptions.Item label={t('dec.publishedOn')}>{d.publishedOn}</Descriptions.Item>
        <Descriptions.Item label={t('dec.displayUntil')}>{d.displayUntil}</Descriptions.Item>
        <Descriptions.Item label={t('dec.hash')}>
          <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
            {d.contentHash}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      {!d.withdrawal && !d.displayEnded ? (
        <Card size="small" title={t('dec.correction')} style={{ marginTop: 24, maxWidth: 640 }}>
          {correction.isSuccess ? (
            <Alert type="success" showIcon message={t('dec.correctionSent')} />
          ) : (
            <Form layout="vertical" onFinish={() => correction.mutate()}>
              <Form.Item label={t('dec.correctionText')} required>
                <Input.TextArea rows={3} value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} />
              </Form.Item>
              <Form.Item label={t('dec.correctionContact')}>
                <Input value={contact} onChange={(e) => setContact(e.target.value)} maxLength={100} />
              </Form.Item>
              {correction.error ? <ErrorAlert error={correction.error} /> : null}
              <Button htmlType="submit" loading={correction.isPending} disabled={text.trim().length < 10}>
                {t('common.submit')}
              </Button>
            </Form>
          )}
        </Card>
      ) : null}
    </div>
  );
}
