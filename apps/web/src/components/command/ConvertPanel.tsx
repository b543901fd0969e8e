import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { COMMAND_CONVERSION_LABELS, CONVERTIBLE_STATUSES, type CommandConversion, type CommandStatus } from '@zhifa/domain';
import { Button, Card, Form, Input, Radio, Select, Space, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.ts';
import type { Item, Page } from '../../api/types.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';
import { COMMAND_KEY, useCommandText, type CommandEvent } from './command-api.ts';

export interface CommandLink {
  conversion: CommandConversion;
  targetId: string;
  targetNo: string | null;
  targetStatus: string | null;
  createdAt: string;
}

const targetPath = (l: { conversion: string; targetId: string }) => (l.conversion === 'inspection' ? `/admin/inspections/${l.targetId}` : `/admin/cases/${l.targetId}`);

/** The inspection / case an event became (its side of the link). */
export function CommandLinks({ links }: { links: CommandLink[] }) {
  const x = useCommandText();
  if (!links.length) return null;
  return (
    <Space wrap data-testid="event-links">
      {links.map((l) => (
        <Link key={l.conversion} to={targetPath(l)} data-testid={`event-link-${l.conversion}`}>
          <Tag color="purple">
            {l.conversion === 'inspection' ? (x.zh ? '行政检查' : 'Inspection') : x.zh ? '案件' : 'Case'} {l.targetNo ?? (x.zh ? '（待立案编号）' : '(number on filing)')} · {l.targetStatus ?? ''}
          </Tag>
        </Link>
      ))}
    </Space>
  );
}

/**
 * 转检查 / 转立案: from an event being handled, the officer on site (or the head) opens an inspection or a penalty-case
 * lead. The server checks the role, the assignee and that the item is one of the agency's own (cited refusals shown).
 */
export function ConvertPanel({ event }: { event: CommandEvent & { links?: CommandLink[] } }) {
  const x = useCommandText();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [conversion, setConversion] = useState<CommandConversion>('inspection');
  const category = conversion === 'inspection' ? 'inspection' : 'penalty';
  // The agency's own items of the category (the server refuses any other with the citation).
  const itemList = useQuery({ queryKey: ['items', 'options', event.agencyId, category], queryFn: ({ signal }) => api.get<Page<Item>>('/items', { category, subjectId: event.agencyId, pageSize: 100 }, signal), staleTime: 60_000 });
  const options = useMemo(() => (itemList.data?.items ?? []).filter((i) => !i.withdrawnAt).map((i) => ({ value: i.id, label: `${i.code} ${i.name}` })), [itemList.data]);
  const run = useMutation({
    mutationFn: (v: { itemId: string; partyType: 'individual' | 'organisation'; name: string; idNumber?: string; uscc?: string; purpose?: string }) =>
      api.post<CommandEvent>(`/command/events/${event.id}/convert/${conversion}`, {
        itemId: v.itemId,
        party: v.partyType === 'individual' ? { type: 'individual', name: v.name, idNumber: v.idNumber } : { type: 'organisation', name: v.name, uscc: v.uscc },
        ...(v.purpose ? { purpose: v.purpose } : {}),
        version: event.version,
      }),
    onSuccess: () => {
      form.resetFields();
      void qc.invalidateQueries({ queryKey: COMMAND_KEY });
    },
  });
  const done = new Set((event.links ?? []).map((l) => l.conversion));
  if (!CONVERTIBLE_STATUSES.includes(event.status as CommandStatus) || done.size === 2) return null;
  return (
    <Card size="small" title={x.zh ? '转行政检查 / 转立案' : 'Convert into an inspection or a case'} style={{ marginBottom: 12 }} data-testid="convert-panel">
      <Form form={form} layout="vertical" initialValues={{ partyType: 'individual' }} onFinish={(v) => run.mutate(v)}>
        <Form.Item label={x.zh ? '转为' : 'Into'}>
          <Radio.Group
            value={conversion}
            onChange={(e) => {
              setConversion(e.target.value as CommandConversion);
              form.setFieldValue('itemId', undefined);
            }}
            options={(['inspection', 'penalty_lead'] as const).map((c) => ({ value: c, label: x.zh ? COMMAND_CONVERSION_LABELS[c].zh : COMMAND_CONVERSION_LABELS[c].en, disabled: done.has(c) }))}
            data-testid="convert-kind"
          />
        </Form.Item>
        <Form.Item name="itemId" label={x.zh ? '执法事项（本机关清单内）' : 'Item (of the agency’s list)'} rules={[{ required: true }]}>
          <Select showSearch optionFilterProp="label" options={options} loading={itemList.isFetching} data-testid="convert-item" />
        </Form.Item>
        <Form.Item name="partyType" label={x.zh ? '当事人类型' : 'Party'}>
          <Radio.Group options={[{ value: 'individual', label: x.zh ? '个人' : 'Person' }, { value: 'organisation', label: x.zh ? '单位' : 'Organisation' }]} />
        </Form.Item>
        <Form.Item name="name" label={x.zh ? '当事人名称' : 'Name'} rules={[{ required: true }]}>
          <Input maxLength={100} data-testid="convert-party-name" />
        </Form.Item>
        <Form.Item noStyle shouldUpdate={(a, b) => a.partyType !== b.partyType}>
          {() =>
            form.getFieldValue('partyType') === 'organisation' ? (
              <Form.Item name="uscc" label={x.zh ? '统一社会信用代码' : 'Credit code'} rules={[{ required: true }]}>
                <Input maxLength={18} data-testid="convert-party-uscc" />
              </Form.Item>
            ) : (
              <Form.Item name="idNumber" label={x.zh ? '身份证号码' : 'ID number'} rules={[{ required: true }]}>
                <Input maxLength={18} data-testid="convert-party-id" />
              </Form.Item>
            )
          }
        </Form.Item>
        {conversion === 'inspection' ? (
          <Form.Item name="purpose" label={x.zh ? '检查目的（选填）' : 'Purpose (optional)'}>
            <Input maxLength={500} />
          </Form.Item>
        ) : null}
        <ErrorAlert error={run.error} />
        <Button type="primary" htmlType="submit" loading={run.isPending} data-testid="convert-submit">
          {x.zh ? COMMAND_CONVERSION_LABELS[conversion].zh : COMMAND_CONVERSION_LABELS[conversion].en}
        </Button>
      </Form>
    </Card>
  );
}

/** On a case or inspection page: the command event it came from, if any (the other side of the link). */
export function CommandSourceLink({ targetId }: { targetId: string }) {
  const q = useQuery({ queryKey: [...COMMAND_KEY, 'case-source', targetId], queryFn: ({ signal }) => api.get<{ eventId: string; eventNo: string } | null>(`/command/case-source/${targetId}`, undefined, signal), retry: false });
  if (!q.data) return null;
  return (
    <Link to={`/admin/command/events/${q.data.eventId}`} data-testid="case-command-source">
      <Tag color="purple">指挥中心事件 {q.data.eventNo}</Tag>
    </Link>
  );
}

/** Photos the citizen sent with the report (staff only, in scope). */
export function CitizenPhotos({ eventId, count }: { eventId: string; count: number }) {
  const q = useQuery({ queryKey: [...COMMAND_KEY, 'attachments', eventId], queryFn: ({ signal }) => api.get<{ id: string; fileName: string }[]>(`/command/events/${eventId}/attachments`, undefined, signal), enabled: count > 0 });
  if (!count) return null;
  return (
    <Space wrap data-testid="citizen-photos">
      {(q.data ?? []).map((a) => (
        <a key={a.id} href={`/api/v1/command/events/${eventId}/attachments/${a.id}`} target="_blank" rel="noreferrer">
          <img src={`/api/v1/command/events/${eventId}/attachments/${a.id}`} alt={a.fileName} style={{ width: 96, height: 96, objectFit: 'cover', borderRadius: 4, border: '1px solid #eee' }} />
        </a>
      ))}
    </Space>
  );
}
