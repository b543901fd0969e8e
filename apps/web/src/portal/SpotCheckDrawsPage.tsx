import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { SPOT_CHECK_OUTCOME_LABELS, drawSpotCheck, inputHashes, parseInspectors, parseRecusals, parseTargets, verifySeed, type DrawParams, type SpotCheckOutcome } from '@zhifa/domain';
import { Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api, rawRequest } from '../api/client.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { LocaleSwitch } from '../components/LocaleSwitch.tsx';
import { useLocale } from '../i18n/index.tsx';
import { fmtDateTime } from '../lib/format.ts';
import { browserSha256 } from './verify-ledger.ts';

interface PublicDraw {
  id: string;
  planName: string;
  agencyName: string;
  round: number;
  status: string;
  algorithm: string;
  drawDate: string;
  commitment: string;
  seed: string | null;
  hashes: Record<'targets' | 'inspectors' | 'recusals' | 'params', string>;
  counts: { targets: number; inspectors: number; recusals: number };
  committedAt: string;
  revealedAt: string | null;
  voidReason: string | null;
  selected?: number | null;
  items?: { code: string; name: string }[];
  selections?: { targetId: string; targetName: string; team: string[]; unstaffed: boolean; stratum: string; outcome: string | null; inspectedOn: string | null }[] | null;
}
interface Recipe {
  algorithm: string;
  description: string;
  commitment: string;
  seed: string | null;
  files: { kind: 'targets' | 'inspectors' | 'recusals' | 'params'; name: string; sha256: string; url: string }[];
  steps: string[];
  expected: { targetId: string; team: string[] }[] | null;
}

function useL() {
  const { locale } = useLocale();
  return (zh: string, en: string) => (locale.startsWith('zh') ? zh : en);
}

function Shell({ children }: { children: React.ReactNode }) {
  const L = useL();
  return (
    <div className="zf-portal">
      <div className="zf-portal-band" />
      <div className="zf-portal-hero" style={{ maxWidth: 1100 }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Link to="/">{L('← 返回公示平台', '← Portal home')}</Link>
          <LocaleSwitch />
        </Space>
        {children}
      </div>
    </div>
  );
}

const STATUS: Record<string, [string, string, string]> = {
  committed: ['gold', '已公布承诺值', 'committed'],
  drawn: ['blue', '已抽取', 'drawn'],
  revealed: ['green', '已公开种子', 'revealed'],
  voided: ['red', '已作废（重新抽取）', 'voided (redrawn)'],
};

/** 双随机抽取公示: every draw with its commitment, published before the draw, and its seed once revealed. */
export function SpotCheckDrawsPage() {
  const L = useL();
  const draws = useQuery({ queryKey: ['public', 'spot-checks'], queryFn: ({ signal }) => api.get<PublicDraw[]>('/public/spot-checks/draws', undefined, signal) });
  return (
    <Shell>
      <div data-testid="portal-draws">
        <Typography.Title level={2}>{L('双随机抽取公示', 'Published random draws')}</Typography.Title>
        <Typography.Paragraph type="secondary">
          {L('抽取前公布种子的哈希值（承诺值）和名录文件的哈希值，抽取后公开种子。任何人都可以下载名录文件，按公开的算法重新计算抽取结果。', 'Before each draw the hash of a secret seed and the hashes of the directory files are published; afterwards the seed is revealed, so anyone can recompute the selection.')}
        </Typography.Paragraph>
        <ErrorAlert error={draws.error} />
        <Table<PublicDraw>
          rowKey="id"
          loading={draws.isPending}
          dataSource={draws.data ?? []}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: L('抽查计划', 'Plan'), render: (_: unknown, r) => <Link to={`/spot-checks/${r.id}`}>{r.planName}（{L(`第${r.round}次`, `round ${r.round}`)}）</Link> },
            { title: L('实施部门', 'Agency'), dataIndex: 'agencyName' },
            { title: L('抽取日期', 'Date'), dataIndex: 'drawDate', width: 110 },
            { title: L('状态', 'Status'), dataIndex: 'status', width: 150, render: (v: string) => <Tag color={STATUS[v]?.[0]}>{L(STATUS[v]?.[1] ?? v, STATUS[v]?.[2] ?? v)}</Tag> },
            { title: L('承诺值', 'Commitment'), dataIndex: 'commitment', render: (v: string) => <Typography.Text code>{v.slice(0, 20)}…</Typography.Text> },
            { title: L('抽中', 'Drawn'), dataIndex: 'selected', width: 80, render: (v: number | null) => v ?? '—' },
          ]}
        />
      </div>
    </Shell>
  );
}

function Check({ ok, label }: { ok: boolean; label: string }) {
  return (
    <Space data-ok={ok ? 'true' : 'false'} data-testid="draw-check">
      {ok ? <CheckCircleFilled style={{ color: '#389e0d' }} /> : <CloseCircleFilled style={{ color: '#cf1322' }} />}
      <span>{label}</span>
    </Space>
  );
}

/** One draw: its inputs, the recipe, and a check that re-runs the whole draw here in the browser. */
export function SpotCheckDrawPage() {
  const { id } = useParams<{ id: string }>();
  const L = useL();
  const draw = useQuery({ queryKey: ['public', 'spot-checks', id], queryFn: ({ signal }) => api.get<PublicDraw>(`/public/spot-checks/draws/${id}`, undefined, signal) });
  const recipe = useQuery({ queryKey: ['public', 'spot-checks', id, 'recipe'], queryFn: ({ signal }) => api.get<Recipe>(`/public/spot-checks/draws/${id}/recipe`, undefined, signal) });
  // Downloads the four files, checks their hashes, the seed against the commitment, and recomputes the selection.
  const verify = useMutation({
    mutationFn: async () => {
      const r = recipe.data!;
      const text = async (k: string) => (await rawRequest(`/public/spot-checks/draws/${id}/files/${k}`, { method: 'GET' })).text();
      const files = { targets: await text('targets'), inspectors: await text('inspectors'), recusals: await text('recusals'), params: await text('params') };
      const hashes = inputHashes(browserSha256, files);
      const filesOk = r.files.every((f) => hashes[f.kind] === f.sha256);
      const seedOk = !!r.seed && verifySeed(browserSha256, r.seed, r.commitment);
      let selectionOk = false;
      let count = 0;
      if (r.seed && r.expected) {
        const result = drawSpotCheck({ hash: browserSha256, seedHex: r.seed, hashes, params: JSON.parse(files.params) as DrawParams, targets: parseTargets(files.targets), inspectors: parseInspectors(files.inspectors), recusals: parseRecusals(files.recusals) });
        count = result.selections.length;
        selectionOk = JSON.stringify(result.selections.map((s) => ({ targetId: s.targetId, team: s.team }))) === JSON.stringify(r.expected);
      }
      return { filesOk, seedOk, selectionOk, count };
    },
  });
  const d = draw.data;
  const r = recipe.data;
  return (
    <Shell>
      <div data-testid="portal-draw">
        <ErrorAlert error={draw.error ?? recipe.error} />
        {d ? (
          <>
            <Typography.Title level={3}>
              {d.planName}（{L(`第${d.round}次抽取`, `round ${d.round}`)}）
            </Typography.Title>
            <Descriptions bordered size="small" column={1} style={{ marginBottom: 16 }}>
              <Descriptions.Item label={L('实施部门', 'Agency')}>{d.agencyName}</Descriptions.Item>
              <Descriptions.Item label={L('抽查事项', 'Items')}>{(d.items ?? []).map((i) => `${i.code} ${i.name}`).join('；')}</Descriptions.Item>
              <Descriptions.Item label={L('状态', 'Status')}>
                <Tag color={STATUS[d.status]?.[0]}>{L(STATUS[d.status]?.[1] ?? d.status, STATUS[d.status]?.[2] ?? d.status)}</Tag>
                {d.voidReason ? `${L('理由', 'reason')}：${d.voidReason}` : ''}
              </Descriptions.Item>
              <Descriptions.Item label={L('承诺值（抽取前公布）', 'Commitment (published before the draw)')}>
                <Typography.Text code copyable data-testid="portal-commitment">{d.commitment}</Typography.Text> {fmtDateTime(d.committedAt)}
              </Descriptions.Item>
              <Descriptions.Item label={L('种子', 'Seed')}>
                {d.seed ? <Typography.Text code copyable data-testid="portal-seed">{d.seed}</Typography.Text> : L('尚未公开', 'not yet revealed')}
              </Descriptions.Item>
              {r?.files.map((f) => (
                <Descriptions.Item key={f.kind} label={f.name}>
                  <a href={`/api/v1/public/spot-checks/draws/${d.id}/files/${f.kind}`}>{L('下载', 'download')}</a> · SHA-256 <Typography.Text code>{f.sha256}</Typography.Text>
                </Descriptions.Item>
              ))}
            </Descriptions>
            <Card title={L('在浏览器中复现本次抽取', 'Reproduce this draw in your browser')} style={{ marginBottom: 16 }}>
              <Space direction="vertical">
                <Button type="primary" disabled={!d.seed} loading={verify.isPending} onClick={() => verify.mutate()} data-testid="portal-verify-draw">
                  {L('下载文件并重新计算', 'Download the files and recompute')}
                </Button>
                <ErrorAlert error={verify.error} />
                {verify.data ? (
                  <Space direction="vertical" data-testid="portal-verify-result">
                    <Check ok={verify.data.filesOk} label={L('四个输入文件的哈希值与公布值一致', 'The four files match their published hashes')} />
                    <Check ok={verify.data.seedOk} label={L('种子的SHA-256等于抽取前公布的承诺值', 'SHA-256 of the seed equals the commitment published before the draw')} />
                    <Check ok={verify.data.selectionOk} label={L(`重新计算得到相同的抽取结果（${verify.data.count}户及其检查组）`, `Recomputed the same selection (${verify.data.count} targets and their teams)`)} />
                  </Space>
                ) : null}
              </Space>
            </Card>
            {d.selections ? (
              <Card title={L('抽取结果', 'Selection')} style={{ marginBottom: 16 }}>
                <Table size="small" rowKey="targetId" dataSource={d.selections} pagination={{ pageSize: 20 }} data-testid="portal-selections" columns={[
                  { title: L('统一社会信用代码', 'Credit code'), dataIndex: 'targetId' },
                  { title: L('名称', 'Name'), dataIndex: 'targetName' },
                  { title: L('分层', 'Stratum'), dataIndex: 'stratum' },
                  { title: L('检查组（人员编号）', 'Team (officer ids)'), render: (_: unknown, s) => (s.unstaffed ? L('无法组队', 'unstaffed') : s.team.map((x) => x.slice(0, 8)).join('、')) },
                  { title: L('检查结果', 'Result'), render: (_: unknown, s) => (s.outcome ? `${SPOT_CHECK_OUTCOME_LABELS[s.outcome as SpotCheckOutcome]}（${s.inspectedOn}）` : L('待检查', 'pending')) },
                ]} />
              </Card>
            ) : null}
            {r ? (
              <Card title={L('复现方法', 'Recipe')}>
                {r.steps.map((s) => (
                  <Typography.Paragraph key={s}>{s}</Typography.Paragraph>
                ))}
                <pre style={{ whiteSpace: 'pre-wrap', fontSize: 12, background: '#fafafa', padding: 12 }} data-testid="portal-recipe">{r.description}</pre>
              </Card>
            ) : null}
          </>
        ) : null}
      </div>
    </Shell>
  );
}
