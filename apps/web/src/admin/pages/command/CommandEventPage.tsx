import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Form, Input, Modal, Select, Space, Table, Tag, Timeline } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { CitizenPhotos, COMMAND_KEY, CommandLinks, ConvertPanel, STATUS_COLOR, useCommandStream, useCommandText, type CommandEvent, type CommandLink, type CommandOfficer, type Grid } from '../../../components/command/index.ts';
import { useCan } from '../../../auth/auth.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';

const t = (v: string | null) => (v ? dayjs(v).format('MM-DD HH:mm:ss') : '—');
const STATE_COLOR: Record<string, string> = { met: 'green', met_late: 'orange', running: 'blue', late: 'red', pending: 'default' };
const STATE_ZH: Record<string, string> = { met: '按时完成', met_late: '超时完成', running: '计时中', late: '已超时', pending: '未开始' };

/** What each action asks for, if anything. */
const NEEDS: Record<string, 'officer' | 'note' | 'feedback' | 'reason' | 'merge' | null> = {
  dispatch: 'officer',
  handle: 'note',
  give_feedback: 'feedback',
  escalate: 'reason',
  dismiss: 'reason',
  merge: 'merge',
};

type EventDetail = CommandEvent & { links?: CommandLink[]; attachmentCount?: number };
export function useCommandEvent(id: string) {
  return useQuery({ queryKey: [...COMMAND_KEY, 'event', id], queryFn: ({ signal }) => api.get<EventDetail>(`/command/events/${id}`, undefined, signal) });
}

export function ActionButtons({ event, officers }: { event: CommandEvent; officers?: CommandOfficer[] }) {
  const x = useCommandText();
  const qc = useQueryClient();
  const [action, setAction] = useState<string | null>(null);
  const [form] = Form.useForm();
  const run = useMutation({
    mutationFn: (v: { action: string; body: Record<string, unknown> }) => api.post<CommandEvent>(`/command/events/${event.id}/${v.action}`, { ...v.body, version: event.version }),
    onSuccess: () => {
      setAction(null);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: COMMAND_KEY });
    },
  });
  const need = action ? NEEDS[action] : null;
  return (
    <>
      <Space wrap>
        {event.availableActions.map((a) => (
          <Button key={a} type={a === 'dispatch' || a === 'handle' ? 'primary' : 'default'} danger={a === 'dismiss' || a === 'escalate'} onClick={() => (NEEDS[a] ? setAction(a) : run.mutate({ action: a, body: {} }))} loading={run.isPending && !need} data-testid={`action-${a}`}>
            {x.action(a)}
          </Button>
        ))}
      </Space>
      {!action ? <ErrorAlert error={run.error} /> : null}
      <Modal open={!!action} title={action ? x.action(action) : ''} onCancel={() => setAction(null)} onOk={() => form.submit()} confirmLoading={run.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'action-submit' } as Record<`data-${string}`, string>}>
        <ErrorAlert error={run.error} />
        <Form form={form} layout="vertical" onFinish={(v: Record<string, unknown>) => run.mutate({ action: action!, body: v })}>
          {need === 'officer' ? (
            <>
              <Form.Item name="officerId" label={x.zh ? '执法人员' : 'Officer'}>
                <Select showSearch optionFilterProp="label" allowClear options={(officers ?? []).map((o) => ({ value: o.id, label: `${o.name}（${o.post}）` }))} data-testid="action-officer" />
              </Form.Item>
              <Form.Item name="team" label={x.zh ? '或派给队组' : 'Or to a team'}>
                <Input maxLength={100} />
              </Form.Item>
            </>
          ) : null}
          {need === 'note' ? (
            <Form.Item name="note" label={x.zh ? '现场处置情况' : 'On-site record'} rules={[{ required: true }]}>
              <Input.TextArea rows={3} maxLength={4000} data-testid="action-note" />
            </Form.Item>
          ) : null}
          {need === 'feedback' ? (
            <Form.Item name="feedback" label={x.zh ? '向上报人反馈' : 'Feedback to the reporter'} rules={[{ required: true }]}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="action-feedback" />
            </Form.Item>
          ) : null}
          {need === 'reason' ? (
            <Form.Item name="reason" label={x.zh ? '理由' : 'Reason'} rules={[{ required: true }]}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          ) : null}
          {need === 'merge' ? (
            <Form.Item name="mergeInto" label={x.zh ? '合并到事件（ID）' : 'Merge into event (id)'} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}

/** One command event: facts, SLA timers, the steps taken, and the caller's next actions. */
export default function CommandEventPage() {
  const { id = '' } = useParams();
  const x = useCommandText();
  const can = useCan();
  useCommandStream();
  const q = useCommandEvent(id);
  const grids = useQuery({ queryKey: [...COMMAND_KEY, 'grids'], queryFn: ({ signal }) => api.get<Grid[]>('/command/grids', undefined, signal) });
  const officers = useQuery({ queryKey: [...COMMAND_KEY, 'officers'], queryFn: ({ signal }) => api.get<CommandOfficer[]>('/command/officers', undefined, signal) });
  const e = q.data;
  if (!e) return <ErrorAlert error={q.error} />;
  const grid = grids.data?.find((g) => g.id === e.gridId);
  const officer = officers.data?.find((o) => o.id === e.assigneeOfficerId);
  return (
    <div data-testid="command-event-page">
      <PageHeader
        title={
          <Space>
            {e.eventNo}
            <Tag color={STATUS_COLOR[e.status]} data-testid="event-detail-status">
              {x.status(e.status)}
            </Tag>
            {e.isLate ? <Tag color="red">{x.zh ? '超时' : 'Late'}</Tag> : null}
          </Space>
        }
        sub={`${x.kind(e.kind)} · ${x.source(e.source)}`}
        extra={<ActionButtons event={e} officers={officers.data ?? []} />}
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={x.zh ? '描述' : 'Description'}>{e.description}</Descriptions.Item>
          <Descriptions.Item label={x.zh ? '位置' : 'Location'}>
            {e.address ?? ''} ({e.lng.toFixed(5)}, {e.lat.toFixed(5)})
          </Descriptions.Item>
          <Descriptions.Item label={x.zh ? '网格' : 'Grid'}>{grid ? `${grid.code} ${grid.name}` : x.zh ? '网格外' : 'Outside grids'}</Descriptions.Item>
          <Descriptions.Item label={x.zh ? '上报人' : 'Reporter'}>{[e.reporter.name, e.reporter.phone].filter(Boolean).join(' ') || '—'}</Descriptions.Item>
          <Descriptions.Item label={x.zh ? '承办' : 'Assigned to'}>{officer?.name ?? e.assigneeTeam ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={x.zh ? '上报时间' : 'Reported'}>{t(e.reportedAt)}</Descriptions.Item>
          {e.mergedInto ? <Descriptions.Item label={x.zh ? '合并到' : 'Merged into'}>{e.mergedInto}</Descriptions.Item> : null}
          {e.handling ? <Descriptions.Item label={x.zh ? '现场处置' : 'On-site record'}>{e.handling.note}{e.handling.evidenceIds.length ? ` (${x.zh ? '照片' : 'photos'} ${e.handling.evidenceIds.length})` : ''}</Descriptions.Item> : null}
          {e.feedback ? <Descriptions.Item label={x.zh ? '反馈' : 'Feedback'}>{e.feedback}</Descriptions.Item> : null}
          {e.evidenceIds.length ? <Descriptions.Item label={x.zh ? '上报照片' : 'Report photos'}>{e.evidenceIds.length}</Descriptions.Item> : null}
          {e.attachmentCount ? (
            <Descriptions.Item label={x.zh ? '群众上传照片' : 'Citizen’s photos'}>
              <CitizenPhotos eventId={e.id} count={e.attachmentCount} />
            </Descriptions.Item>
          ) : null}
          {e.links?.length ? (
            <Descriptions.Item label={x.zh ? '已转为' : 'Converted into'}>
              <CommandLinks links={e.links} />
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      {can('case.handle') ? <ConvertPanel event={e} /> : null}
      <Card size="small" title={x.zh ? '时限（可在规则配置中调整）' : 'SLA timers (configurable in rule profiles)'} style={{ marginBottom: 12 }}>
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={e.sla}
          data-testid="sla-table"
          columns={[
            { title: x.zh ? '环节' : 'Stage', dataIndex: 'key', render: (k: string) => x.stage(k) },
            { title: x.zh ? '时限（分钟）' : 'Minutes', dataIndex: 'minutes' },
            { title: x.zh ? '应完成' : 'Due', dataIndex: 'dueAt', render: t },
            { title: x.zh ? '完成' : 'Done', dataIndex: 'doneAt', render: t },
            { title: x.zh ? '状态' : 'State', dataIndex: 'state', render: (s: string) => <Tag color={STATE_COLOR[s]}>{x.zh ? STATE_ZH[s] ?? s : s.replace('_', ' ')}</Tag> },
          ]}
        />
      </Card>
      <Card size="small" title={x.zh ? '办理记录' : 'History'}>
        <Timeline
          items={(e.log ?? []).map((l) => ({
            key: l.seq,
            children: (
              <span>
                {t(l.occurredAt)} · {x.action(l.action)} · {l.actorName ?? l.actorRole} → {x.status(l.toStatus)}
                {typeof l.payload['note'] === 'string' ? ` · ${l.payload['note']}` : ''}
                {typeof l.payload['feedback'] === 'string' ? ` · ${l.payload['feedback']}` : ''}
                {typeof l.payload['reason'] === 'string' ? ` · ${l.payload['reason']}` : ''}
              </span>
            ),
          }))}
        />
      </Card>
    </div>
  );
}
