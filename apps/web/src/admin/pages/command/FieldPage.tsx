import { CameraOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { useAuth } from '../../../auth/auth.tsx';
import { COMMAND_KEY, EVENT_KINDS, STATUS_COLOR, uploadFieldPhoto, useCommandStream, useCommandText, type CommandEvent } from '../../../components/command/index.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { ActionButtons, useCommandEvent } from './CommandEventPage.tsx';

/** Handle with a photo: the on-site record plus the photo into the evidence store, in one step for a phone. */
function HandleWithPhoto({ event }: { event: CommandEvent }) {
  const x = useCommandText();
  const me = useAuth();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [note, setNote] = useState('');
  const run = useMutation({
    mutationFn: async () => {
      const evidenceIds = file ? [await uploadFieldPhoto(file, { caseRef: `command:${event.eventNo}`, maker: me.user.displayName, place: event.address ?? `${event.lng},${event.lat}`, proves: `${event.eventNo} 现场处置情况` })] : [];
      return api.post(`/command/events/${event.id}/handle`, { note, evidenceIds, version: event.version });
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: COMMAND_KEY }),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ErrorAlert error={run.error} />
      <Input.TextArea rows={2} value={note} onChange={(e) => setNote(e.target.value)} placeholder={x.zh ? '现场处置情况' : 'On-site record'} data-testid="field-handle-note" />
      <input type="file" accept="image/*" capture="environment" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="field-handle-photo" />
      <Button type="primary" block loading={run.isPending} disabled={!note.trim()} onClick={() => run.mutate()} data-testid="field-handle-submit">
        {x.zh ? '提交处置（含照片）' : 'Submit with photo'}
      </Button>
    </Space>
  );
}

function MyEvent({ id }: { id: string }) {
  const x = useCommandText();
  const q = useCommandEvent(id);
  const e = q.data;
  if (!e) return null;
  return (
    <Card size="small" style={{ marginBottom: 8 }} data-testid={`field-event-${e.eventNo}`}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Link to={`/admin/command/events/${e.id}`}>{e.eventNo}</Link>
          <Tag color={STATUS_COLOR[e.status]}>{x.status(e.status)}</Tag>
          {e.isLate ? <Tag color="red">{x.zh ? '超时' : 'Late'}</Tag> : null}
        </Space>
        <Typography.Text>
          {x.kind(e.kind)} · {e.description}
        </Typography.Text>
        <Typography.Text type="secondary">{e.address ?? `${e.lng.toFixed(5)}, ${e.lat.toFixed(5)}`}</Typography.Text>
        {e.availableActions.includes('handle') ? <HandleWithPhoto event={e} /> : <ActionButtons event={{ ...e, availableActions: e.availableActions }} />}
      </Space>
    </Card>
  );
}

/** 移动执法: a phone page for field officers — report what they find on patrol (photo + location), work their events. */
export default function FieldPage() {
  const x = useCommandText();
  const me = useAuth();
  const qc = useQueryClient();
  useCommandStream();
  const mine = useQuery({
    queryKey: [...COMMAND_KEY, 'mine'],
    queryFn: async ({ signal }) => (await api.get<CommandEvent[]>('/command/events', { mine: true, limit: 50 }, signal)).filter((e) => e.status !== 'closed' && e.status !== 'merged'),
  });
  const [form] = Form.useForm();
  const [file, setFile] = useState<File | null>(null);
  const [locError, setLocError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const report = useMutation({
    mutationFn: async (v: { kind: string; description: string; lng: number; lat: number; address?: string }) => {
      const evidenceIds = file ? [await uploadFieldPhoto(file, { caseRef: 'command:patrol', maker: me.user.displayName, place: v.address || `${v.lng},${v.lat}`, proves: `巡查发现：${v.description}` })] : [];
      return api.post<CommandEvent>('/command/events', { ...v, address: v.address || null, evidenceIds });
    },
    onSuccess: (e) => {
      setDone(e.status === 'merged' ? (x.zh ? `已上报 ${e.eventNo}（与已有事件重复，已合并）` : `Reported ${e.eventNo} (a duplicate, merged)`) : x.zh ? `已上报 ${e.eventNo}` : `Reported ${e.eventNo}`);
      form.resetFields(['description']);
      setFile(null);
      void qc.invalidateQueries({ queryKey: COMMAND_KEY });
    },
  });
  const locate = () => {
    setLocError(null);
    if (!navigator.geolocation) return setLocError(x.zh ? '此设备不支持定位，请手工填写' : 'No location on this device; type it in');
    navigator.geolocation.getCurrentPosition(
      (p) => form.setFieldsValue({ lng: Number(p.coords.longitude.toFixed(6)), lat: Number(p.coords.latitude.toFixed(6)) }),
      (err) => setLocError(err.message),
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  };
  return (
    <div style={{ maxWidth: 520, margin: '0 auto' }} data-testid="field-page">
      <Typography.Title level={4}>{x.zh ? '移动执法' : 'Field'}</Typography.Title>
      <Card size="small" title={x.zh ? `我的任务（${mine.data?.length ?? 0}）` : `My events (${mine.data?.length ?? 0})`} style={{ marginBottom: 12 }}>
        <ErrorAlert error={mine.error} />
        <List dataSource={mine.data ?? []} locale={{ emptyText: x.zh ? '暂无派给我的事件' : 'Nothing dispatched to you' }} renderItem={(e) => <MyEvent key={e.id} id={e.id} />} />
      </Card>
      <Card size="small" title={x.zh ? '巡查上报' : 'Patrol report'}>
        {done ? <Alert type="success" message={done} showIcon closable onClose={() => setDone(null)} style={{ marginBottom: 8 }} data-testid="field-report-done" /> : null}
        <ErrorAlert error={report.error} />
        <Form form={form} layout="vertical" onFinish={(v) => report.mutate(v)} initialValues={{ kind: 'street_vending' }}>
          <Form.Item name="kind" label={x.zh ? '事件类型' : 'Kind'} rules={[{ required: true }]}>
            <Select options={Object.keys(EVENT_KINDS).map((k) => ({ value: k, label: x.kind(k) }))} />
          </Form.Item>
          <Form.Item name="description" label={x.zh ? '情况描述' : 'What you found'} rules={[{ required: true }]}>
            <Input.TextArea rows={2} maxLength={2000} data-testid="field-description" />
          </Form.Item>
          <Space align="end" wrap>
            <Form.Item name="lng" label={x.zh ? '经度' : 'Lng'} rules={[{ required: true }]}>
              <InputNumber min={-180} max={180} step={0.0001} style={{ width: 130 }} data-testid="field-lng" />
            </Form.Item>
            <Form.Item name="lat" label={x.zh ? '纬度' : 'Lat'} rules={[{ required: true }]}>
              <InputNumber min={-90} max={90} step={0.0001} style={{ width: 130 }} data-testid="field-lat" />
            </Form.Item>
            <Form.Item>
              <Button icon={<EnvironmentOutlined />} onClick={locate}>
                {x.zh ? '定位' : 'Locate'}
              </Button>
            </Form.Item>
          </Space>
          {locError ? <Alert type="warning" message={locError} style={{ marginBottom: 8 }} /> : null}
          <Form.Item name="address" label={x.zh ? '地址' : 'Address'}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item label={<span><CameraOutlined /> {x.zh ? '现场照片' : 'Photo'}</span>}>
            <input type="file" accept="image/*" capture="environment" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="field-photo" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={report.isPending} data-testid="field-report-submit">
            {x.zh ? '上报' : 'Report'}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
