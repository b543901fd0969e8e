import { useQuery } from '@tanstack/react-query';
import { Card, Col, Collapse, Descriptions, Input, List, Pagination, Row, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { fmtDateTime } from '../../lib/format.ts';
import { usePT, type PortalKey } from '../messages.ts';
import type { Listed } from './types.ts';

function Updated({ at }: { at: string | null | undefined }) {
  const t = usePT();
  return (
    <Typography.Paragraph type="secondary" data-testid="last-updated">
      {t('common.updated', { t: at ? fmtDateTime(at) : '—' })}
    </Typography.Paragraph>
  );
}

interface PublicSubject {
  id: string;
  name: string;
  sectorName: string;
  regionName: string | null;
  legalBasis: string;
  address: string | null;
  phone: string | null;
  officeHours: string | null;
  complaintPhone: string | null;
}

/** 执法主体 (P1, P2 item 1): who may enforce, where to find them, how to complain. */
export function SubjectsPublicPage() {
  const t = usePT();
  const res = useQuery({ queryKey: ['public', 'subjects'], queryFn: ({ signal }) => api.get<Listed<PublicSubject>>('/public/subjects', undefined, signal) });
  return (
    <div data-testid="public-subjects">
      <Typography.Title level={1} style={{ fontSize: 26 }}>
        {t('nav.subjects')}
      </Typography.Title>
      <Updated at={res.data?.lastUpdated} />
      {res.error ? <ErrorAlert error={res.error} /> : null}
      <Row gutter={[16, 16]}>
        {(res.data?.items ?? []).map((s) => (
          <Col xs={24} md={12} key={s.id}>
            <Card size="small" title={s.name} extra={<Tag>{s.sectorName}</Tag>}>
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('subj.address')}>{s.address ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('subj.phone')}>{s.phone ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('subj.hours')}>{s.officeHours ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('subj.complaintPhone')}>{s.complaintPhone ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('subj.basis')}>{s.legalBasis}</Descriptions.Item>
              </Descriptions>
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  );
}

interface PublicOfficer {
  id: string;
  name: string;
  agencyName: string;
  post: string;
  certificateNo: string;
  categoryNames: string[];
  areaName: string | null;
}

/** 执法人员 (P2 item 3): the public card — name, unit, post, certificate, category, area; never the ID number. */
export function OfficersPublicPage() {
  const t = usePT();
  const [name, setName] = useState('');
  const [page, setPage] = useState(1);
  const res = useQuery({ queryKey: ['public', 'officers', name, page], queryFn: ({ signal }) => api.get<Listed<PublicOfficer>>('/public/officers', { name, page, pageSize: 24 }, signal) });
  return (
    <div data-testid="public-officers">
      <Typography.Title level={1} style={{ fontSize: 26 }}>
        {t('nav.officers')}
      </Typography.Title>
      <Updated at={res.data?.lastUpdated} />
      <Input.Search
        aria-label={t('off.search')}
        placeholder={t('off.search')}
        onSearch={(v) => {
          setName(v.trim());
          setPage(1);
        }}
        style={{ maxWidth: 320, marginBottom: 16 }}
      />
      {res.error ? <ErrorAlert error={res.error} /> : null}
      <Row gutter={[12, 12]}>
        {(res.data?.items ?? []).map((o) => (
          <Col xs={24} sm={12} lg={8} key={`${o.id}-${o.certificateNo}`}>
            <Card size="small" title={o.name}>
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('off.agency')}>{o.agencyName}</Descriptions.Item>
                <Descriptions.Item label={t('off.post')}>{o.post}</Descriptions.Item>
                <Descriptions.Item label={t('off.cert')}>{o.certificateNo}</Descriptions.Item>
                <Descriptions.Item label={t('off.category')}>{o.categoryNames.join('、')}</Descriptions.Item>
                <Descriptions.Item label={t('off.area')}>{o.areaName ?? '—'}</Descriptions.Item>
              </Descriptions>
            </Card>
          </Col>
        ))}
      </Row>
      {res.data?.total && res.data.total > 24 ? <Pagination style={{ marginTop: 16 }} current={page} pageSize={24} total={res.data.total} showSizeChanger={false} onChange={setPage} /> : null}
    </div>
  );
}

interface PublicItem {
  id: string;
  code: string;
  name: string;
  categoryName: string;
  sectorName: string;
  legalBasis: { law: string; article: string; version: string }[];
  serviceGuide: { conditions?: string; materials?: string[]; timeLimitDays?: number | null; timeLimitDayType?: string | null; fees?: string } | null;
  flowchart: { step: string; description?: string }[];
  discretionTiers: { level: string; circumstance: string; fineMin?: number | null; fineMax?: number | null; description?: string }[];
  subjects: { id: string; name: string }[];
}

const LISTS: [string, PortalKey][] = [
  ['', 'items.all'],
  ['random', 'items.random'],
  ['av', 'items.av'],
  ['major', 'items.major'],
  ['discretion', 'items.discretion'],
];

/** 执法事项 and the lists (P1, P3, P4; §11 discretion benchmarks). */
export function ItemsPublicPage() {
  const t = usePT();
  const [list, setList] = useState('');
  const [page, setPage] = useState(1);
  const res = useQuery({ queryKey: ['public', 'items', list, page], queryFn: ({ signal }) => api.get<Listed<PublicItem>>('/public/items', { list, page, pageSize: 20 }, signal) });
  return (
    <div data-testid="public-items">
      <Typography.Title level={1} style={{ fontSize: 26 }}>
        {t('nav.items')}
      </Typography.Title>
      <Tabs
        activeKey={list}
        onChange={(k) => {
          setList(k);
          setPage(1);
        }}
        items={LISTS.map(([k, label]) => ({ key: k, label: t(label) }))}
      />
      <Updated at={res.data?.lastUpdated} />
      {res.error ? <ErrorAlert error={res.error} /> : null}
      <List
        loading={res.isLoading}
        dataSource={res.data?.items ?? []}
        renderItem={(it) => (
          <List.Item>
            <div style={{ width: '100%' }}>
              <Typography.Text strong>
                {it.code} {it.name}
              </Typography.Text>{' '}
              <Tag>{it.categoryName}</Tag>
              <Tag>{it.sectorName}</Tag>
              <Collapse
                ghost
                size="small"
                items={[
                  {
                    key: 'd',
                    label: t('items.basis'),
                    children: (
                      <Descriptions column={1} size="small">
                        <Descriptions.Item label={t('items.basis')}>{it.legalBasis.map((b) => `《${b.law}》${b.article}`).join('；')}</Descriptions.Item>
                        <Descriptions.Item label={t('items.subjects')}>{it.subjects.map((s) => s.name).join('、')}</Descriptions.Item>
                        {it.serviceGuide ? (
                          <Descriptions.Item label={t('items.guide')}>
                            {it.serviceGuide.conditions}
                            {it.serviceGuide.timeLimitDays ? ` ${t('items.timeLimit', { n: it.serviceGuide.timeLimitDays, unit: it.serviceGuide.timeLimitDayType === 'CALENDAR' ? '日' : '工作日' })}` : ''}
                            {it.serviceGuide.materials?.length ? ` ${t('items.materials')}：${it.serviceGuide.materials.join('、')}` : ''}
                          </Descriptions.Item>
                        ) : null}
                        {it.flowchart.length ? <Descriptions.Item label={t('items.flow')}>{it.flowchart.map((s) => s.step).join(' → ')}</Descriptions.Item> : null}
                        {it.discretionTiers.length ? (
                          <Descriptions.Item label={t('items.tiers')}>
                            {it.discretionTiers.map((d) => (
                              <div key={d.level}>
                                {d.level}：{d.circumstance}
                                {d.fineMin != null || d.fineMax != null ? `（${d.fineMin ?? 0}–${d.fineMax ?? '∞'}元）` : ''}
                              </div>
                            ))}
                          </Descriptions.Item>
                        ) : null}
                      </Descriptions>
                    ),
                  },
                ]}
              />
            </div>
          </List.Item>
        )}
      />
      {res.data?.total && res.data.total > 20 ? <Pagination current={page} pageSize={20} total={res.data.total} showSizeChanger={false} onChange={setPage} /> : null}
    </div>
  );
}
