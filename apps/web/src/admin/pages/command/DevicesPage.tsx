import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../../../api/client.ts';
import { COMMAND_KEY, useCommandText, type Grid } from '../../../components/command/index.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useServerNow } from '../../../lib/useServerToday.ts';

interface Source {
  id: string;
  name: string;
  kind: 'camera' | 'sensor';
  status: 'active' | 'revoked';
  gridId: string | null;
  gridCode: string | null;
  gridName: string | null;
  lastSeenAt: string | null;
  tokenRotatedAt: string | null;
  createdAt: string;
}
interface Token {
  id: string;
  name: string;
  token: string;
}

/** A device silent for longer than this is flagged (cameras report every few minutes when something happens). */
const SILENT_HOURS = 24;

/**
 * 设备管理: cameras and sensors that report through the webhook. Registering or rotating answers the secret once (the
 * server keeps only its SHA-256); disabling revokes it at once; last seen shows a silent device.
 */
export default function DevicesPage() {
  const x = useCommandText();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: [...COMMAND_KEY, 'sources'], queryFn: ({ signal }) => api.get<Source[]>('/command/sources', undefined, signal) });
  const grids = useQuery({ queryKey: [...COMMAND_KEY, 'grids'], queryFn: ({ signal }) => api.get<Grid[]>('/command/grids', undefined, signal) });
  const [shown, setShown] = useState<Token | null>(null);
  const [reasonFor, setReasonFor] = useState<{ source: Source; op: 'rotate' | 'revoke' } | null>(null);
  const [form] = Form.useForm();
  const [reasonForm] = Form.useForm();
  const refresh = () => void qc.invalidateQueries({ queryKey: [...COMMAND_KEY, 'sources'] });
  const create = useMutation({
    mutationFn: (v: { name: string; kind: string; gridId?: string }) => api.post<Token>('/command/sources', v),
    onSuccess: (r) => {
      setShown(r);
      form.resetFields();
      refresh();
    },
  });
  const op = useMutation({
    mutationFn: (v: { id: string; op: 'rotate' | 'revoke'; reason: string }) => api.post<Token | { id: string }>(`/command/sources/${v.id}/${v.op}`, { reason: v.reason }),
    onSuccess: (r) => {
      if ('token' in r) setShown(r);
      setReasonFor(null);
      reasonForm.resetFields();
      refresh();
    },
  });
  // Silence is measured on the server's clock, which also stamped the device's last report.
  const now = useServerNow();
  return (
    <div data-testid="devices-page">
      <PageHeader title={x.zh ? '设备管理（摄像头、传感器）' : 'Devices (cameras, sensors)'} sub={x.zh ? '设备通过 Webhook 上报事件：请求头 X-Source-Id 与 Authorization: Bearer <密钥>' : 'Devices report through the webhook: X-Source-Id and Authorization: Bearer <secret>'} />
      <Card size="small" title={x.zh ? '登记设备' : 'Register a device'} style={{ marginBottom: 12 }}>
        <Form form={form} layout="inline" onFinish={(v) => create.mutate(v)} initialValues={{ kind: 'camera' }}>
          <Form.Item name="name" label={x.zh ? '名称' : 'Name'} rules={[{ required: true }]}>
            <Input maxLength={100} data-testid="device-name" />
          </Form.Item>
          <Form.Item name="kind" label={x.zh ? '类型' : 'Kind'}>
            <Select style={{ width: 120 }} options={[{ value: 'camera', label: x.zh ? '摄像头' : 'Camera' }, { value: 'sensor', label: x.zh ? '传感器' : 'Sensor' }]} />
          </Form.Item>
          <Form.Item name="gridId" label={x.zh ? '所在网格' : 'Grid'}>
            <Select allowClear style={{ width: 200 }} options={(grids.data ?? []).map((g) => ({ value: g.id, label: `${g.code} ${g.name}` }))} data-testid="device-grid" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="device-create">
            {x.zh ? '登记并生成密钥' : 'Register and make a secret'}
          </Button>
        </Form>
        <ErrorAlert error={create.error} />
      </Card>
      <Card size="small">
        <ErrorAlert error={list.error ?? op.error} />
        <Table<Source>
          size="small"
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data ?? []}
          pagination={false}
          scroll={{ x: 800 }}
          onRow={(r) => ({ 'data-testid': `device-${r.name}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: x.zh ? '名称' : 'Name', dataIndex: 'name' },
            { title: x.zh ? '类型' : 'Kind', dataIndex: 'kind', render: (k: string) => (k === 'camera' ? (x.zh ? '摄像头' : 'Camera') : x.zh ? '传感器' : 'Sensor') },
            { title: x.zh ? '网格' : 'Grid', render: (_: unknown, r) => (r.gridCode ? `${r.gridCode} ${r.gridName ?? ''}` : '—') },
            {
              title: x.zh ? '最近上报' : 'Last seen',
              dataIndex: 'lastSeenAt',
              render: (v: string | null, r) =>
                v ? (
                  <Space size={4}>
                    {dayjs(v).format('YYYY-MM-DD HH:mm')}
                    {r.status === 'active' && now && now.diff(dayjs(v), 'hour') > SILENT_HOURS ? <Tag color="orange">{x.zh ? '长时间无上报' : 'Silent'}</Tag> : null}
                  </Space>
                ) : (
                  <Typography.Text type="secondary">{x.zh ? '从未上报' : 'Never'}</Typography.Text>
                ),
            },
            { title: x.zh ? '密钥更换' : 'Secret rotated', dataIndex: 'tokenRotatedAt', render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—') },
            { title: x.zh ? '状态' : 'Status', dataIndex: 'status', render: (s: string) => <Tag color={s === 'active' ? 'green' : 'default'}>{s === 'active' ? (x.zh ? '启用' : 'Active') : x.zh ? '已停用' : 'Disabled'}</Tag> },
            {
              title: '',
              render: (_: unknown, r) =>
                r.status === 'active' ? (
                  <Space>
                    <Button size="small" onClick={() => setReasonFor({ source: r, op: 'rotate' })} data-testid={`device-rotate-${r.name}`}>
                      {x.zh ? '更换密钥' : 'Rotate secret'}
                    </Button>
                    <Button size="small" danger onClick={() => setReasonFor({ source: r, op: 'revoke' })} data-testid={`device-revoke-${r.name}`}>
                      {x.zh ? '停用' : 'Disable'}
                    </Button>
                  </Space>
                ) : null,
            },
          ]}
        />
      </Card>
      <Modal
        open={!!reasonFor}
        title={reasonFor ? `${reasonFor.op === 'rotate' ? (x.zh ? '更换密钥' : 'Rotate the secret of') : x.zh ? '停用' : 'Disable'}：${reasonFor.source.name}` : ''}
        onCancel={() => setReasonFor(null)}
        onOk={() => reasonForm.submit()}
        confirmLoading={op.isPending}
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'device-reason-ok' } as Record<`data-${string}`, string>}
      >
        <Form form={reasonForm} layout="vertical" onFinish={(v: { reason: string }) => reasonFor && op.mutate({ id: reasonFor.source.id, op: reasonFor.op, reason: v.reason })}>
          <Form.Item name="reason" label={x.zh ? '理由（记录在案）' : 'Reason (recorded)'} rules={[{ required: true }]}>
            <Input.TextArea rows={2} maxLength={500} data-testid="device-reason" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={!!shown} title={x.zh ? '设备密钥（只显示这一次）' : 'Device secret (shown once)'} onCancel={() => setShown(null)} onOk={() => setShown(null)} cancelButtonProps={{ style: { display: 'none' } }}>
        {shown ? (
          <>
            <Alert type="warning" showIcon message={x.zh ? '请立即配置到设备中。系统只保存密钥的哈希值，关闭后无法再次查看。' : 'Configure it in the device now; only its hash is kept and it cannot be shown again.'} style={{ marginBottom: 12 }} />
            <p>
              X-Source-Id: <Typography.Text copyable code data-testid="device-source-id">{shown.id}</Typography.Text>
            </p>
            <p>
              {x.zh ? '密钥' : 'Secret'}: <Typography.Text copyable code data-testid="device-token">{shown.token}</Typography.Text>
            </p>
          </>
        ) : null}
      </Modal>
    </div>
  );
}
