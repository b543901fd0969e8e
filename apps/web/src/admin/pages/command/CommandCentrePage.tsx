import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Card, Col, Empty, Form, Input, InputNumber, List, Modal, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, downloadFile } from '../../../api/client.ts';
import { Permission, useCan } from '../../../auth/auth.tsx';
import { COMMAND_KEY, EVENT_KINDS, GridMap, ResponseStatsPanel, STATUS_COLOR, useCommandStream, useCommandText, type CommandEvent, type CommandOfficer, type Grid } from '../../../components/command/index.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';

/** Queues of the command screen, by state (seed 004: 发现—派遣—处置—反馈). */
const QUEUES: { key: string; zh: string; en: string; statuses: string[] }[] = [
  { key: 'new', zh: '待派遣', en: 'To dispatch', statuses: ['reported', 'escalated'] },
  { key: 'field', zh: '处置中', en: 'In the field', statuses: ['dispatched', 'acknowledged', 'arrived'] },
  { key: 'feedback', zh: '待反馈', en: 'Awaiting feedback', statuses: ['handled'] },
  { key: 'done', zh: '待办结 / 已办结', en: 'To close / closed', statuses: ['feedback_given', 'closed'] },
];

/** The event's grid officers (网格责任人) first: they are the ones on the spot. */
function DispatchModal({ event, officers, gridOfficers, onClose }: { event: CommandEvent | null; officers: CommandOfficer[]; gridOfficers: string[]; onClose: () => void }) {
  const x = useCommandText();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ officerId?: string; team?: string }>();
  const run = useMutation({
    mutationFn: (v: { officerId?: string; team?: string }) => api.post(`/command/events/${event!.id}/dispatch`, { ...v, version: event!.version }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: COMMAND_KEY });
      onClose();
    },
  });
  return (
    <Modal open={!!event} title={`${x.action('dispatch')} ${event?.eventNo ?? ''}`} onCancel={onClose} onOk={() => form.submit()} confirmLoading={run.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'dispatch-submit' } as Record<`data-${string}`, string>}>
      <ErrorAlert error={run.error} />
      <Form form={form} layout="vertical" onFinish={(v) => run.mutate(v)}>
        <Form.Item name="officerId" label={x.zh ? '执法人员' : 'Officer'}>
          <Select
            showSearch
            optionFilterProp="label"
            allowClear
            options={[...officers]
              .sort((a, b) => Number(gridOfficers.includes(b.id)) - Number(gridOfficers.includes(a.id)))
              .map((o) => ({ value: o.id, label: `${o.name}（${o.post}）${gridOfficers.includes(o.id) ? (x.zh ? ' · 本网格' : ' · this grid') : ''}` }))}
            data-testid="dispatch-officer"
          />
        </Form.Item>
        <Form.Item name="team" label={x.zh ? '或派给队组' : 'Or to a team'}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReportModal({ open, point, onClose }: { open: boolean; point: [number, number] | null; onClose: () => void }) {
  const x = useCommandText();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const run = useMutation({
    mutationFn: (v: { kind: string; description: string; lng: number; lat: number; address?: string; name?: string; phone?: string }) =>
      api.post<CommandEvent>('/command/events', { kind: v.kind, description: v.description, lng: v.lng, lat: v.lat, address: v.address || null, reporter: { name: v.name || null, phone: v.phone || null } }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: COMMAND_KEY });
      form.resetFields();
      onClose();
    },
  });
  return (
    <Modal open={open} title={x.zh ? '受理事件' : 'Take a report'} onCancel={onClose} onOk={() => form.submit()} confirmLoading={run.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'report-submit' } as Record<`data-${string}`, string>}>
      <ErrorAlert error={run.error} />
      <Form form={form} layout="vertical" onFinish={(v) => run.mutate(v)} initialValues={{ kind: 'street_vending', lng: point?.[0], lat: point?.[1] }}>
        <Form.Item name="kind" label={x.zh ? '事件类型' : 'Kind'} rules={[{ required: true }]}>
          <Select options={Object.keys(EVENT_KINDS).map((k) => ({ value: k, label: x.kind(k) }))} />
        </Form.Item>
        <Form.Item name="description" label={x.zh ? '事件描述' : 'Description'} rules={[{ required: true }]}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="report-description" />
        </Form.Item>
        <Space>
          <Form.Item name="lng" label={x.zh ? '经度' : 'Longitude'} rules={[{ required: true }]} extra={x.zh ? '可在地图上点选' : 'Click the map to pick'}>
            <InputNumber min={-180} max={180} step={0.0001} style={{ width: 150 }} data-testid="report-lng" />
          </Form.Item>
          <Form.Item name="lat" label={x.zh ? '纬度' : 'Latitude'} rules={[{ required: true }]}>
            <InputNumber min={-90} max={90} step={0.0001} style={{ width: 150 }} data-testid="report-lat" />
          </Form.Item>
        </Space>
        <Form.Item name="address" label={x.zh ? '地址' : 'Address'}>
          <Input maxLength={300} />
        </Form.Item>
        <Space>
          <Form.Item name="name" label={x.zh ? '上报人' : 'Reporter'}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="phone" label={x.zh ? '联系电话' : 'Phone'}>
            <Input maxLength={40} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

/** 网格责任人: who answers for each grid (seed 004: four officers per grid). */
function GridOfficers({ grids, officers, editable }: { grids: Grid[]; officers: CommandOfficer[]; editable: boolean }) {
  const x = useCommandText();
  const qc = useQueryClient();
  const name = new Map(officers.map((o) => [o.id, o.name]));
  const save = useMutation({
    mutationFn: (v: { id: string; officerIds: string[] }) => api.put<Grid>(`/command/grids/${v.id}/officers`, { officerIds: v.officerIds }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: COMMAND_KEY }),
  });
  return (
    <Card size="small" title={x.zh ? '网格与责任人' : 'Grids and responsible officers'} style={{ marginTop: 12 }}>
      <ErrorAlert error={save.error} />
      <Table<Grid>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={grids}
        data-testid="grid-officers"
        columns={[
          { title: x.zh ? '编码' : 'Code', dataIndex: 'code', width: 90 },
          { title: x.zh ? '名称' : 'Name', dataIndex: 'name', width: 160 },
          {
            title: x.zh ? '责任人' : 'Officers',
            dataIndex: 'officerIds',
            render: (ids: string[], g) =>
              editable ? (
                <Select
                  mode="multiple"
                  style={{ minWidth: 320 }}
                  value={ids}
                  optionFilterProp="label"
                  options={officers.map((o) => ({ value: o.id, label: o.name }))}
                  onChange={(v: string[]) => save.mutate({ id: g.id, officerIds: v })}
                />
              ) : (
                ids.map((i) => name.get(i) ?? i).join('、')
              ),
          },
        ]}
      />
    </Card>
  );
}

/** 指挥中心: the map, the queues by state, dispatch; refreshed live from the server-sent event stream. */
export default function CommandCentrePage() {
  const x = useCommandText();
  const can = useCan();
  const navigate = useNavigate();
  const live = useCommandStream();
  const events = useQuery({ queryKey: [...COMMAND_KEY, 'events'], queryFn: ({ signal }) => api.get<CommandEvent[]>('/command/events', { limit: 300 }, signal) });
  const grids = useQuery({ queryKey: [...COMMAND_KEY, 'grids'], queryFn: ({ signal }) => api.get<Grid[]>('/command/grids', undefined, signal) });
  const officers = useQuery({ queryKey: [...COMMAND_KEY, 'officers'], queryFn: ({ signal }) => api.get<CommandOfficer[]>('/command/officers', undefined, signal), enabled: can(Permission.COMMAND_DISPATCH) });
  const stats = useQuery({
    queryKey: [...COMMAND_KEY, 'stats'],
    queryFn: ({ signal }) => api.get<{ gridId: string | null; total: number; done: number; late: number; avgMinutes: number | null }[]>('/command/stats', undefined, signal),
  });
  const { message } = App.useApp();
  const qc = useQueryClient();
  const fileRef = useRef<HTMLInputElement>(null);
  const importGrids = useMutation({
    mutationFn: async (file: File) => api.post<{ created: number; updated: number }>('/command/grids/import', JSON.parse(await file.text()) as unknown),
    onSuccess: (r) => {
      void message.success(x.zh ? `网格导入：新增 ${r.created}，更新 ${r.updated}` : `Grids imported: ${r.created} new, ${r.updated} updated`);
      void qc.invalidateQueries({ queryKey: COMMAND_KEY });
    },
  });
  const [dispatching, setDispatching] = useState<CommandEvent | null>(null);
  const [reporting, setReporting] = useState(false);
  const [point, setPoint] = useState<[number, number] | null>(null);
  const gridName = new Map((grids.data ?? []).map((g) => [g.id, g.name]));
  const officerName = new Map((officers.data ?? []).map((o) => [o.id, o.name]));
  const all = (events.data ?? []).filter((e) => e.status !== 'merged');
  const lateCount = all.filter((e) => e.isLate).length;
  return (
    <div data-testid="command-page">
      <PageHeader
        title={x.zh ? '指挥中心' : 'Command centre'}
        sub={
          <Space>
            <Badge status={live ? 'success' : 'default'} text={live ? (x.zh ? '实时连接' : 'Live') : x.zh ? '未连接' : 'Offline'} data-testid="command-live" />
            <span>{x.zh ? `超时 ${lateCount} 件` : `${lateCount} late`}</span>
          </Space>
        }
        extra={
          <>
            <Button icon={<DownloadOutlined />} onClick={() => void downloadFile('/command/grids/export', undefined, 'grids.geojson')} data-testid="grids-export">
              {x.zh ? '导出网格' : 'Export grids'}
            </Button>
            {can(Permission.COMMAND_DISPATCH) ? (
              <>
                <input ref={fileRef} type="file" accept=".geojson,.json,application/geo+json,application/json" style={{ display: 'none' }} onChange={(e) => e.target.files?.[0] && importGrids.mutate(e.target.files[0])} />
                <Button icon={<UploadOutlined />} loading={importGrids.isPending} onClick={() => fileRef.current?.click()} data-testid="grids-import">
                  {x.zh ? '导入网格（GeoJSON）' : 'Import grids (GeoJSON)'}
                </Button>
                <Link to="/admin/command/devices">
                  <Button data-testid="command-devices">{x.zh ? '设备管理' : 'Devices'}</Button>
                </Link>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setReporting(true)} data-testid="command-report">
                  {x.zh ? '受理事件' : 'Take a report'}
                </Button>
              </>
            ) : null}
          </>
        }
      />
      <ErrorAlert error={events.error ?? grids.error ?? importGrids.error} />
      <Row gutter={12}>
        <Col xs={24} xl={11}>
          <Card size="small" title={x.zh ? '网格地图（离线）' : 'Grid map (offline)'}>
            <GridMap
              grids={grids.data ?? []}
              events={all.filter((e) => e.status !== 'closed')}
              pick={point}
              onPick={(p) => {
                setPoint(p);
                if (can(Permission.COMMAND_DISPATCH)) setReporting(true);
              }}
              onSelect={(id) => navigate(`/admin/command/events/${id}`)}
            />
            <Space wrap size={4} style={{ marginTop: 8 }}>
              {Object.entries(STATUS_COLOR).map(([s, c]) => (
                <Tag key={s} color={c}>
                  {x.status(s)}
                </Tag>
              ))}
            </Space>
          </Card>
        </Col>
        <Col xs={24} xl={13}>
          <Row gutter={8}>
            {QUEUES.map((q) => {
              const items = all.filter((e) => q.statuses.includes(e.status));
              return (
                <Col xs={24} md={12} key={q.key}>
                  <Card size="small" title={`${x.zh ? q.zh : q.en}（${items.length}）`} style={{ marginBottom: 8 }} data-testid={`queue-${q.key}`} styles={{ body: { maxHeight: 320, overflow: 'auto', padding: 8 } }}>
                    {items.length === 0 ? (
                      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
                    ) : (
                      <List
                        size="small"
                        dataSource={items}
                        renderItem={(e) => (
                          <List.Item
                            data-testid={`event-${e.eventNo}`}
                            actions={
                              e.availableActions.includes('dispatch')
                                ? [
                                    <Button key="d" size="small" type="primary" onClick={() => setDispatching(e)} data-testid={`dispatch-${e.eventNo}`}>
                                      {x.action('dispatch')}
                                    </Button>,
                                  ]
                                : []
                            }
                          >
                            <List.Item.Meta
                              title={
                                <Space size={4} wrap>
                                  <Link to={`/admin/command/events/${e.id}`}>{e.eventNo}</Link>
                                  <Tag color={STATUS_COLOR[e.status]} data-testid="event-status">
                                    {x.status(e.status)}
                                  </Tag>
                                  {e.isLate ? <Tag color="red">{x.zh ? '超时' : 'Late'}</Tag> : null}
                                </Space>
                              }
                              description={
                                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                                  {x.kind(e.kind)} · {e.description} · {e.gridId ? gridName.get(e.gridId) : x.zh ? '网格外' : 'outside grids'}
                                  {e.assigneeOfficerId ? ` · ${officerName.get(e.assigneeOfficerId) ?? ''}` : e.assigneeTeam ? ` · ${e.assigneeTeam}` : ''}
                                </Typography.Text>
                              }
                            />
                          </List.Item>
                        )}
                      />
                    )}
                  </Card>
                </Col>
              );
            })}
          </Row>
        </Col>
      </Row>
      <Card size="small" title={x.zh ? '各网格响应情况' : 'Response per grid'} style={{ marginTop: 12 }}>
        <Table
          size="small"
          rowKey={(r) => r.gridId ?? 'none'}
          pagination={false}
          dataSource={stats.data ?? []}
          data-testid="command-stats"
          columns={[
            { title: x.zh ? '网格' : 'Grid', dataIndex: 'gridId', render: (g: string | null) => (g ? gridName.get(g) ?? g : x.zh ? '网格外' : 'Outside grids') },
            { title: x.zh ? '事件数' : 'Events', dataIndex: 'total' },
            { title: x.zh ? '已反馈' : 'Feedback given', dataIndex: 'done' },
            { title: x.zh ? '超时升级' : 'Escalated', dataIndex: 'late' },
            { title: x.zh ? '平均上报至反馈（分钟）' : 'Avg report → feedback (min)', dataIndex: 'avgMinutes', render: (v: number | null) => (v === null ? '—' : v.toFixed(1)) },
          ]}
        />
      </Card>
      <ResponseStatsPanel />
      <GridOfficers grids={grids.data ?? []} officers={officers.data ?? []} editable={can(Permission.COMMAND_DISPATCH)} />
      <DispatchModal event={dispatching} officers={officers.data ?? []} gridOfficers={grids.data?.find((g) => g.id === dispatching?.gridId)?.officerIds ?? []} onClose={() => setDispatching(null)} />
      <ReportModal open={reporting} point={point} onClose={() => setReporting(false)} />
    </div>
  );
}
