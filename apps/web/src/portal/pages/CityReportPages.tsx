import { useMutation, useQuery } from '@tanstack/react-query';
import { COMMAND_EVENT_KINDS, type GridGeometry } from '@zhifa/domain';
import { Alert, Button, Card, Descriptions, Form, Input, Select, Space, Timeline, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, rawRequest } from '../../api/client.ts';
import { GridMap } from '../../components/command/GridMap.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useLocale } from '../../i18n/index.tsx';
import { fmtDateTime } from '../../lib/format.ts';
import { usePT } from '../messages.ts';
import { FiledReceipt } from './FiledReceipt.tsx';

interface PublicGrid {
  code: string;
  name: string;
  geometry: GridGeometry;
  agencyName: string;
}
interface Filed {
  eventNo: string;
  code: string;
  agencyName: string;
  status: string;
  merged: boolean;
}
interface Progress {
  eventNo: string;
  kindName: string;
  statusName: string;
  agencyName: string;
  gridName: string | null;
  address: string | null;
  reportedAt: string;
  photoCount: number;
  steps: { action: string; label: string; at: string }[];
  feedback: string | null;
  feedbackAt: string | null;
  isClosed: boolean;
}

const MAX_PHOTOS = 3;
const MAX_BYTES = 5 * 1024 * 1024;

/** A point inside a grid (the mean of its outer ring's corners; the demo grids are convex). */
function centreOf(g: GridGeometry): [number, number] {
  const ring = (g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0]?.[0]) ?? [];
  const pts = ring.slice(0, -1);
  const n = Math.max(1, pts.length);
  return [Number((pts.reduce((a, p) => a + p[0], 0) / n).toFixed(6)), Number((pts.reduce((a, p) => a + p[1], 0) / n).toFixed(6))];
}

/**
 * 城市管理问题上报 (issue #7): a citizen reports a city-management problem without logging in. The place is picked on the
 * offline grid map, taken from the phone's location, or given as an area plus a typed address; up to three photos. The
 * answer is the event number and a code (shown once — the server keeps only a hash); the contact is never shown publicly.
 */
export function CityReportPage() {
  const t = usePT();
  const { locale } = useLocale();
  const en = locale === 'en-US';
  const grids = useQuery({ queryKey: ['public', 'command-grids'], queryFn: ({ signal }) => api.get<PublicGrid[]>('/public/command/grids', undefined, signal) });
  const [pick, setPick] = useState<{ at: [number, number]; by: 'map' | 'grid' | 'device'; area?: string } | null>(null);
  const [photos, setPhotos] = useState<File[]>([]);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const [geoError, setGeoError] = useState<string | null>(null);
  const mapGrids = useMemo(() => (grids.data ?? []).map((g) => ({ id: g.code, code: g.code, name: g.name, geometry: g.geometry, officerIds: [] })), [grids.data]);
  const file = useMutation({
    mutationFn: async (v: Record<string, string | undefined>) => {
      const fd = new FormData();
      for (const [k, x] of Object.entries(v)) if (x !== undefined && x !== '') fd.append(k, x);
      fd.append('lng', String(pick!.at[0]));
      fd.append('lat', String(pick!.at[1]));
      fd.append('locatedBy', pick!.by);
      for (const p of photos) fd.append('photo', p, p.name);
      const res = await rawRequest('/public/command/reports', { method: 'POST', form: fd });
      return (await res.json()) as Filed;
    },
  });

  if (file.data) {
    const f = file.data;
    return (
      <FiledReceipt
        title={t('cm.done', { agency: f.agencyName })}
        testId="city-report-filed"
        numberLabel={t('cm.eventNo')}
        number={f.eventNo}
        numberTestId="city-report-no"
        code={f.code}
        codeTestId="city-report-code"
        notes={
          <>
            <div>{t('cm.keepCode')}</div>
            {f.merged ? <div>{t('cm.merged')}</div> : null}
          </>
        }
        statusHref={`/city-report/status?no=${f.eventNo}`}
      />
    );
  }

  const useMyLocation = () => {
    setGeoError(null);
    if (!navigator.geolocation) return setGeoError(t('cm.geoUnavailable'));
    navigator.geolocation.getCurrentPosition(
      (p) => setPick({ at: [Number(p.coords.longitude.toFixed(6)), Number(p.coords.latitude.toFixed(6))], by: 'device' }),
      () => setGeoError(t('cm.geoUnavailable')),
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  };
  return (
    <div data-testid="city-report-form" style={{ maxWidth: 720 }}>
      <Typography.Title level={1} style={{ fontSize: 26 }}>
        {t('cm.title')}
      </Typography.Title>
      <Alert type="info" showIcon message={t('cm.intro')} style={{ marginBottom: 16 }} />
      <Form layout="vertical" onFinish={(v: Record<string, string | undefined>) => (pick ? file.mutate(v) : undefined)}>
        <Form.Item name="kind" label={t('cm.kind')} rules={[{ required: true, message: t('cm.kindRequired') }]}>
          <Select
            data-testid="city-report-kind"
            placeholder={t('cm.kindRequired')}
            options={Object.entries(COMMAND_EVENT_KINDS).map(([value, k]) => ({ value, label: en ? k.en : k.zh }))}
          />
        </Form.Item>
        <Form.Item name="description" label={t('cm.description')} rules={[{ required: true, min: 5, message: t('cm.descriptionRule') }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="city-report-description" />
        </Form.Item>
        <fieldset style={{ border: 0, padding: 0, margin: '0 0 16px' }}>
          <legend style={{ fontSize: 14, marginBottom: 8 }}>
            <span style={{ color: '#ff4d4f' }}>* </span>
            {t('cm.where')}
          </legend>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('cm.whereHelp')}
          </Typography.Paragraph>
          <div data-testid="city-report-map" aria-label={t('cm.mapLabel')} role="group">
            <GridMap grids={mapGrids} events={[]} pick={pick?.at ?? null} onPick={(p) => setPick({ at: p, by: 'map' })} />
          </div>
          <Space wrap style={{ marginTop: 8 }}>
            <Button onClick={useMyLocation} data-testid="city-report-geolocate">
              {t('cm.myLocation')}
            </Button>
            <Select
              style={{ minWidth: 220 }}
              placeholder={t('cm.area')}
              aria-label={t('cm.area')}
              data-testid="city-report-area"
              value={pick?.by === 'grid' ? (pick.area ?? null) : null}
              onChange={(code: string) => {
                const g = mapGrids.find((x) => x.code === code);
                if (g) setPick({ at: centreOf(g.geometry), by: 'grid', area: g.code });
              }}
              options={(grids.data ?? []).map((g) => ({ value: g.code, label: `${g.name}（${g.agencyName}）` }))}
            />
          </Space>
          <div aria-live="polite" style={{ marginTop: 8 }} data-testid="city-report-picked">
            {pick ? t('cm.picked', { lng: pick.at[0], lat: pick.at[1] }) : <Typography.Text type="secondary">{t('cm.notPicked')}</Typography.Text>}
          </div>
          {geoError ? <Alert type="warning" showIcon message={geoError} style={{ marginTop: 8 }} /> : null}
        </fieldset>
        <Form.Item name="address" label={t('cm.address')} extra={pick?.by === 'grid' ? t('cm.addressNeeded') : undefined} rules={pick?.by === 'grid' ? [{ required: true, message: t('cm.addressNeeded') }] : []}>
          <Input maxLength={300} autoComplete="street-address" data-testid="city-report-address" />
        </Form.Item>
        <Form.Item label={t('cm.photos')} extra={t('cm.photosHelp')}>
          <input
            type="file"
            accept="image/jpeg,image/png,image/webp"
            capture="environment"
            multiple
            aria-label={t('cm.photos')}
            data-testid="city-report-photos"
            onChange={(ev) => {
              const fs = Array.from(ev.target.files ?? []);
              const err = fs.length > MAX_PHOTOS ? t('cm.tooMany') : fs.some((f) => f.size > MAX_BYTES) ? t('cm.tooBig') : null;
              setPhotoError(err);
              setPhotos(err ? [] : fs);
            }}
          />
          {photos.length ? <div data-testid="city-report-photo-count">{t('cm.photoCount', { n: photos.length })}</div> : null}
          {photoError ? <Alert type="error" showIcon message={photoError} style={{ marginTop: 8 }} /> : null}
        </Form.Item>
        <Card size="small" title={t('cm.contact')} style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">{t('cm.contactHelp')}</Typography.Paragraph>
          <Form.Item name="contactName" label={t('cp.contactName')}>
            <Input maxLength={50} autoComplete="name" />
          </Form.Item>
          <Form.Item name="contactPhone" label={t('cp.contactPhone')} style={{ marginBottom: 0 }}>
            <Input maxLength={30} autoComplete="tel" inputMode="tel" data-testid="city-report-phone" />
          </Form.Item>
        </Card>
        {file.error ? <ErrorAlert error={file.error} /> : null}
        <Button type="primary" htmlType="submit" size="large" loading={file.isPending} disabled={!pick} data-testid="city-report-submit">
          {t('common.submit')}
        </Button>
      </Form>
    </div>
  );
}

/** 城市管理事件进度: the event number and the code; the public steps and the feedback — nothing personal. */
export function CityReportStatusPage() {
  const t = usePT();
  const [params] = useSearchParams();
  const [no, setNo] = useState(params.get('no') ?? '');
  const [code, setCode] = useState('');
  const look = useMutation({ mutationFn: () => api.get<Progress>(`/public/command/reports/${encodeURIComponent(no.trim())}`, { code: code.trim() }) });
  const s = look.data;
  return (
    <div data-testid="city-report-status" style={{ maxWidth: 680 }}>
      <Typography.Title level={1} style={{ fontSize: 26 }}>
        {t('cm.statusTitle')}
      </Typography.Title>
      <Form layout="vertical" onFinish={() => look.mutate()}>
        <Form.Item label={t('cm.eventNo')} required>
          <Input value={no} onChange={(e) => setNo(e.target.value)} data-testid="city-status-no" autoCapitalize="characters" />
        </Form.Item>
        <Form.Item label={t('cp.code')} required>
          <Input value={code} onChange={(e) => setCode(e.target.value)} inputMode="numeric" maxLength={6} data-testid="city-status-code" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={look.isPending} data-testid="city-status-submit">
          {t('search.button')}
        </Button>
      </Form>
      {look.error ? <Alert style={{ marginTop: 16 }} type="error" showIcon message={t('cm.notFound')} role="alert" /> : null}
      {s ? (
        <Card style={{ marginTop: 16 }} data-testid="city-status-result">
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('cm.eventNo')}>{s.eventNo}</Descriptions.Item>
            <Descriptions.Item label={t('cm.kind')}>{s.kindName}</Descriptions.Item>
            <Descriptions.Item label={t('cp.agency')}>
              {s.agencyName}
              {s.gridName ? ` · ${s.gridName}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('st.status')}>
              <span data-testid="city-status-name">{s.statusName}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('cm.feedback')}>
              <span data-testid="city-status-feedback">{s.feedback ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('cm.photos')}>{s.photoCount}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            {t('st.history')}
          </Typography.Title>
          <Timeline items={s.steps.map((h) => ({ children: `${fmtDateTime(h.at)} ${h.label}` }))} data-testid="city-status-steps" />
        </Card>
      ) : null}
    </div>
  );
}
