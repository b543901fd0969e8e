import { useQuery } from '@tanstack/react-query';
import { Input, List, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { usePT } from '../messages.ts';
import type { DecisionPage } from './types.ts';

export default function PortalHome() {
  const t = usePT();
  const navigate = useNavigate();
  const latest = useQuery({ queryKey: ['public', 'decisions', 'latest'], queryFn: ({ signal }) => api.get<DecisionPage>('/public/decisions', { pageSize: 8 }, signal) });
  return (
    <div data-testid="portal-home">
      <Typography.Title level={1}>{t('site.title')}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ fontSize: 16, maxWidth: 720 }}>
        {t('site.intro')}
      </Typography.Paragraph>
      <Input.Search
        size="large"
        aria-label={t('search.placeholder')}
        placeholder={t('search.placeholder')}
        enterButton={t('search.button')}
        onSearch={(q) => navigate(`/decisions?q=${encodeURIComponent(q)}`)}
        style={{ maxWidth: 640, margin: '16px 0 32px' }}
        data-testid="home-search"
      />
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('home.latest')}
      </Typography.Title>
      <List
        loading={latest.isLoading}
        dataSource={latest.data?.items ?? []}
        renderItem={(d) => (
          <List.Item>
            <List.Item.Meta title={<Link to={`/decisions/${d.id}`}>{d.title}</Link>} description={`${d.partyName} · ${d.itemName} · ${d.result} · ${d.decidedOn}`} />
          </List.Item>
        )}
        footer={<Link to="/decisions">{t('home.more')}</Link>}
      />
    </div>
  );
}
