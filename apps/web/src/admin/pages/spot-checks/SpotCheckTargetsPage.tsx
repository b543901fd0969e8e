import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CREDIT_CLASS_LABELS, RISK_LEVEL_LABELS, type CreditClass, type RiskLevel } from '@zhifa/domain';
import { App, Button, Input, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { api, downloadFile, isApiError } from '../../../api/client.ts';
import type { Page } from '../../../api/types.ts';
import { Permission, useCan } from '../../../auth/auth.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useZhEn } from './spot-checks.ts';

interface Target {
  id: string;
  uscc: string;
  name: string;
  kind: string;
  regionCode: string;
  industry: string;
  risk: RiskLevel;
  credit: CreditClass;
  abnormal: boolean;
}

/** 检查对象名录库 (§8 I2): the region's shared directory; Excel import validates the whole file first (all or nothing). */
export default function SpotCheckTargetsPage() {
  const L = useZhEn();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const list = useQuery({ queryKey: ['spot-checks', 'targets', q, page], queryFn: ({ signal }) => api.get<Page<Target>>('/spot-checks/targets', { q: q || undefined, page, pageSize: 20 }, signal) });
  const upload = useMutation({
    mutationFn: (f: File) => api.upload<{ rows: number; created: number; updated: number; skipped: number }>('/spot-checks/targets/import', f),
    onSuccess: (r) => {
      void message.success(L(`已导入 ${r.rows} 行（新增 ${r.created}，更新 ${r.updated}，其他辖区已登记跳过 ${r.skipped}）`, `Imported ${r.rows} rows (${r.created} new, ${r.updated} updated, ${r.skipped} skipped: registered in another region)`));
      void qc.invalidateQueries({ queryKey: ['spot-checks', 'targets'] });
    },
  });
  const importErrors = isApiError(upload.error) && Array.isArray(upload.error.details?.errors) ? (upload.error.details.errors as { row: number; column: string; message: string }[]) : [];
  return (
    <div data-testid="spot-check-targets-page">
      <PageHeader
        title={L('检查对象名录库', 'Inspection target directory')}
        sub={L('企业、个体工商户等市场主体；统一社会信用代码按GB 32100校验', 'Enterprises and sole traders; credit codes checked against GB 32100')}
        extra={
          can(Permission.SPOT_CHECK_PLAN) ? (
            <>
              <Button icon={<DownloadOutlined />} onClick={() => void downloadFile('/spot-checks/targets/template', undefined, 'targets-template.xlsx')}>
                {L('下载模板', 'Template')}
              </Button>
              <Upload accept=".xlsx" showUploadList={false} beforeUpload={(f) => (upload.mutate(f), false)}>
                <Button type="primary" icon={<UploadOutlined />} loading={upload.isPending} data-testid="targets-import">
                  {L('导入Excel', 'Import Excel')}
                </Button>
              </Upload>
            </>
          ) : null
        }
      />
      <ErrorAlert error={upload.error} />
      {importErrors.length ? (
        <Table size="small" rowKey={(r) => `${r.row}-${r.column}`} dataSource={importErrors.slice(0, 50)} pagination={false} style={{ marginBottom: 12 }} columns={[{ title: L('行', 'Row'), dataIndex: 'row' }, { title: L('列', 'Column'), dataIndex: 'column' }, { title: L('问题', 'Problem'), dataIndex: 'message' }]} />
      ) : null}
      <div className="zf-filters">
        <Input.Search allowClear placeholder={L('名称或统一社会信用代码', 'Name or credit code')} onSearch={(v) => (setQ(v.trim()), setPage(1))} style={{ maxWidth: 320 }} />
      </div>
      <ErrorAlert error={list.error} />
      <Table<Target>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, total: list.data?.total ?? 0, pageSize: 20, onChange: setPage, showSizeChanger: false }}
        data-testid="targets-table"
        columns={[
          { title: L('统一社会信用代码', 'Credit code'), dataIndex: 'uscc', width: 200 },
          { title: L('名称', 'Name'), dataIndex: 'name' },
          { title: L('区划', 'Region'), dataIndex: 'regionCode', width: 90 },
          { title: L('行业', 'Industry'), dataIndex: 'industry', width: 70 },
          { title: L('风险等级', 'Risk'), dataIndex: 'risk', width: 100, render: (v: RiskLevel) => <Tag color={v === 'high' ? 'red' : v === 'medium' ? 'orange' : 'green'}>{RISK_LEVEL_LABELS[v]}</Tag> },
          { title: L('信用分类', 'Credit'), dataIndex: 'credit', width: 170, render: (v: CreditClass) => CREDIT_CLASS_LABELS[v] },
          { title: L('经营异常', 'Abnormal'), dataIndex: 'abnormal', width: 90, render: (v: boolean) => (v ? <Tag color="red">{L('是', 'yes')}</Tag> : '') },
        ]}
      />
    </div>
  );
}
