import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Tag } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import { Permission, useCan } from '../../auth/auth.tsx';
import { MEASURE_KIND_LABELS, ProcedureStatusTag, useZh } from './procedure.tsx';

type Row = { id: string; status: string; kind?: string; party?: { name: string }; target?: { name: string } };

/**
 * On a case page: the inspection that opened it and the coercive measures taken for it (行政强制法 Art.27: a
 * confiscation rests on this case's decision), with a way to propose one.
 */
export function CaseEnforcementCard({ caseId }: { caseId: string }) {
  const zh = useZh();
  const can = useCan();
  const navigate = useNavigate();
  const measures = useQuery({ queryKey: ['coercion', 'list', { caseId }], queryFn: ({ signal }) => api.get<Page<Row>>('/coercive-measures', { caseId, pageSize: 50 }, signal) });
  const insp = useQuery({ queryKey: ['inspections', 'list', { linkedCaseId: caseId }], queryFn: ({ signal }) => api.get<Page<Row>>('/inspections', { linkedCaseId: caseId, pageSize: 10 }, signal) });
  const ms = measures.data?.items ?? [];
  const is = insp.data?.items ?? [];
  return (
    <Card
      size="small"
      title={zh('检查与强制措施', 'Inspection and coercive measures')}
      data-testid="case-enforcement"
      extra={
        can(Permission.CASE_HANDLE) ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => navigate(`/admin/coercive-measures/new?caseId=${caseId}`)} data-testid="case-propose-measure">
            {zh('强制措施', 'Measure')}
          </Button>
        ) : null
      }
    >
      {is.length === 0 && ms.length === 0 ? <span style={{ color: 'rgba(0,0,0,0.45)' }}>—</span> : null}
      <Space orientation="vertical" size={6} style={{ width: '100%' }}>
        {is.map((i) => (
          <div key={i.id}>
            <Link to={`/admin/inspections/${i.id}`}>{zh('来源检查', 'From inspection')}</Link> <ProcedureStatusTag kind="inspection" status={i.status} />
          </div>
        ))}
        {ms.map((m) => (
          <div key={m.id}>
            <Link to={`/admin/coercive-measures/${m.id}`}>
              <Tag>{m.kind && MEASURE_KIND_LABELS[m.kind] ? zh(MEASURE_KIND_LABELS[m.kind]!.zh, MEASURE_KIND_LABELS[m.kind]!.en) : m.kind}</Tag>
            </Link>
            <ProcedureStatusTag kind="coercion" status={m.status} />
          </div>
        ))}
      </Space>
    </Card>
  );
}
