import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { usePT } from '../messages.ts';
import type { DecisionPage } from './types.ts';

/** The portal's front page: plain markup (no UI library) so the first visit stays small and fast on a phone. */
export default function PortalHome() {
  const t = usePT();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const latest = useQuery({ queryKey: ['public', 'decisions', 'latest'], queryFn: ({ signal }) => api.get<DecisionPage>('/public/decisions', { pageSize: 8 }, signal) });
  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/decisions?q=${encodeURIComponent(q.trim())}`);
  };
  return (
    <div data-testid="portal-home">
      <h1 className="zf-pub-title">{t('site.title')}</h1>
      <p className="zf-pub-intro">{t('site.intro')}</p>
      <form className="zf-pub-search" role="search" onSubmit={onSearch} data-testid="home-search">
        <input type="search" aria-label={t('search.placeholder')} placeholder={t('search.placeholder')} value={q} onChange={(e) => setQ(e.target.value)} />
        <button type="submit" className="zf-pub-button">
          {t('search.button')}
        </button>
      </form>
      <h2 className="zf-pub-h2">{t('home.latest')}</h2>
      {latest.isLoading ? (
        <p role="status">{t('loading')}</p>
      ) : (
        <ul className="zf-pub-list" data-testid="home-latest">
          {(latest.data?.items ?? []).map((d) => (
            <li key={d.id}>
              <Link to={`/decisions/${d.id}`}>{d.title}</Link>
              <div className="zf-pub-muted">{`${d.partyName} · ${d.itemName} · ${d.result} · ${d.decidedOn}`}</div>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/decisions">{t('home.more')}</Link>
      </p>
    </div>
  );
}
