import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { SPOT_CHECK_OUTCOMES, SPOT_CHECK_OUTCOME_LABELS, type SpotCheckOutcome } from '@zhifa/domain';
import { App, Checkbox, DatePicker, Form, Input, Modal, Select, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { Permission, useCan } from '../../../auth/auth.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useServerToday } from '../../../lib/useServerToday.ts';
import { useZhEn, type Task } from './spot-checks.ts';

/** 检查任务: the drawn teams' tasks; a team member records the result (§8 I6: published within 20 working days). */
export default function SpotCheckTasksPage() {
  const L = useZhEn();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const planId = params.get('planId') ?? undefined;
  const mine = params.get('mine') === 'true';
  const status = params.get('status') ?? undefined;
  const tasks = useQuery({ queryKey: ['spot-checks', 'tasks', planId, mine, status], queryFn: ({ signal }) => api.get<Task[]>('/spot-checks/tasks', { planId, mine: mine || undefined, status }, signal) });
  const [open, setOpen] = useState<Task | null>(null);
  const [form] = Form.useForm<{ outcome: SpotCheckOutcome; inspectedOn: Dayjs; note?: string; caseId?: string }>();
  // Inspected today by the server's (Beijing) date, not the browser's.
  const today = useServerToday();
  const save = useMutation({
    mutationFn: (v: { outcome: SpotCheckOutcome; inspectedOn: Dayjs; note?: string; caseId?: string }) =>
      api.post<Task>(`/spot-checks/tasks/${open!.id}/result`, { outcome: v.outcome, inspectedOn: v.inspectedOn.format('YYYY-MM-DD'), note: v.note || undefined, caseId: v.caseId || null, version: open!.version }),
    onSuccess: () => {
      setOpen(null);
      void message.success(L('已录入检查结果', 'Result recorded'));
      void qc.invalidateQueries({ queryKey: ['spot-checks', 'tasks'] });
    },
  });
  const set = (k: string, v: string | undefined) => {
    const n = new URLSearchParams(params);
    if (v) n.set(k, v);
    else n.delete(k);
    setParams(n);
  };
  const outcome = Form.useWatch('outcome', form);
  return (
    <div data-testid="spot-check-tasks-page">
      <PageHeader title={L('双随机检查任务', 'Random inspection tasks')} sub={L('抽中的检查组实施检查并录入结果；结果在检查结束后20个工作日内公示', 'Drawn teams inspect and record the result; results are published within 20 working days')} />
      <div className="zf-filters">
        <Checkbox checked={mine} onChange={(e) => set('mine', e.target.checked ? 'true' : undefined)} data-testid="tasks-mine">
          {L('只看我参加的', 'Only my tasks')}
        </Checkbox>
        <Select
          allowClear
          placeholder={L('状态', 'Status')}
          value={status}
          onChange={(v) => set('status', v)}
          style={{ width: 160 }}
          options={[
            { value: 'assigned', label: L('待检查', 'Assigned') },
            { value: 'done', label: L('已完成', 'Done') },
            { value: 'cancelled', label: L('已取消', 'Cancelled') },
          ]}
        />
      </div>
      <ErrorAlert error={tasks.error} />
      <Table<Task>
        rowKey="id"
        loading={tasks.isPending}
        dataSource={tasks.data ?? []}
        data-testid="tasks-table"
        columns={[
          { title: L('检查对象', 'Target'), render: (_: unknown, r) => `${r.targetName ?? ''}（${r.uscc ?? ''}）` },
          { title: L('行业', 'Industry'), dataIndex: 'industry', width: 70 },
          { title: L('计划', 'Plan'), dataIndex: 'planName' },
          { title: L('检查组', 'Team'), render: (_: unknown, r) => (r.officers ?? []).map((o) => o.name).join('、') },
          { title: L('状态', 'Status'), dataIndex: 'status', width: 90, render: (v: string) => <Tag color={v === 'done' ? 'green' : v === 'cancelled' ? 'red' : 'blue'}>{v === 'done' ? L('已完成', 'done') : v === 'cancelled' ? L('已取消', 'cancelled') : L('待检查', 'assigned')}</Tag> },
          { title: L('结果', 'Result'), dataIndex: 'outcome', render: (v: string | null) => (v ? SPOT_CHECK_OUTCOME_LABELS[v as SpotCheckOutcome] : '—') },
          { title: L('公示期限', 'Publish by'), dataIndex: 'publishDueOn', width: 110, render: (v: string | null) => v ?? '—' },
          {
            title: '',
            width: 110,
            render: (_: unknown, r) =>
              r.status === 'assigned' && can(Permission.SPOT_CHECK_WORK) ? (
                <a
                  data-testid="task-record"
                  onClick={() => {
                    form.setFieldsValue({ outcome: 'no_problem', inspectedOn: today ?? undefined, note: '', caseId: '' });
                    save.reset();
                    setOpen(r);
                  }}
                >
                  {L('录入结果', 'Record result')}
                </a>
              ) : null,
          },
        ]}
      />
      <Modal open={!!open} title={L('录入检查结果', 'Record the result')} onCancel={() => setOpen(null)} onOk={() => void form.validateFields().then((v) => save.mutate(v))} okButtonProps={{ loading: save.isPending, 'data-testid': 'result-submit' }}>
        <ErrorAlert error={save.error} />
        <Form form={form} layout="vertical">
          <Form.Item name="outcome" label={L('检查结果', 'Outcome')} rules={[{ required: true }]}>
            <Select options={SPOT_CHECK_OUTCOMES.map((o) => ({ value: o, label: SPOT_CHECK_OUTCOME_LABELS[o] }))} data-testid="result-outcome" />
          </Form.Item>
          <Form.Item name="inspectedOn" label={L('检查日期', 'Inspected on')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          {outcome === 'case_opened' ? (
            <Form.Item name="caseId" label={L('立案案件ID', 'Linked case id')} rules={[{ required: true }]}>
              <Input placeholder="UUID" />
            </Form.Item>
          ) : null}
          <Form.Item name="note" label={L('检查情况', 'Notes')}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
