import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { INSPECTION_ACTIONS } from '@zhifa/domain';
import { App, Button, Card, Checkbox, Col, DatePicker, Descriptions, Drawer, Form, Grid, Input, Radio, Row, Select, Skeleton, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { Permission, useCan } from '../../../auth/auth.tsx';
import { DeadlinesCard } from '../../../components/cases/DeadlinesCard.tsx';
import { EvidencePanel } from '../../../components/cases/EvidencePanel.tsx';
import { AgencyOfficerSelect } from '../../../components/cases/OfficerPickers.tsx';
import { PenaltyItemSelect } from '../../../components/cases/PenaltyItemSelect.tsx';
import { INSPECTION_ACTION_LABELS, NoticesAlert, ProcedureActions, ProcedureErrorAlert, ProcedureStatusTag, ProcedureTimeline, useZh, type ProcedureEvent } from '../../../components/enforcement/procedure.tsx';
import { ProcedureDocuments } from '../../../components/cases/ProcedureDocuments.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { CommandSourceLink } from '../../../components/command/ConvertPanel.tsx';
import { BackButton } from '../../../components/RecordActions.tsx';
import { dash, DATE, fmtDateTime } from '../../../lib/format.ts';
import type { Inspection } from './types.ts';
import '../../../components/cases/cases.css';

const key = (id: string) => ['inspections', 'detail', id] as const;
const lines = (s: string | undefined) => (s ?? '').split('\n').map((x) => x.trim()).filter(Boolean);

/** The form of one inspection step: only what the step carries; the on-site forms are laid out for a phone. */
function StepForm({ action, insp, onSubmit, pending }: { action: string; insp: Inspection; onSubmit: (payload: Record<string, unknown>) => void; pending: boolean }) {
  const zh = useZh();
  const [form] = Form.useForm();
  const outcome = Form.useWatch('outcome', form);
  const submit = (v: Record<string, unknown>) => {
    const p: Record<string, unknown> = {};
    if (action === 'cancel') p.reason = v.reason;
    if (action === 'send_notice') p.noticeMethod = v.noticeMethod;
    if (action === 'start_on_site') {
      const officerIds = v.officerIds as string[] | undefined;
      const changed = officerIds && officerIds.join() !== insp.facts.officerIds.join();
      Object.assign(p, { ...(changed ? { officerIds } : {}), areCertificatesShown: !!v.areCertificatesShown, conflictedOfficerIds: ((v.conflictedOfficerIds as string[] | undefined) ?? []).filter((id) => (officerIds ?? insp.facts.officerIds).includes(id)), place: v.place || undefined, notes: v.notes || undefined });
    }
    if (action === 'record_result') {
      const signed = (v.signatures as string[] | undefined) ?? [];
      Object.assign(p, {
        onSiteRecord: { officersSigned: signed.includes('officers'), partySigned: signed.includes('party'), partyRefusalOrAbsenceNoted: signed.includes('refusal'), witnessSigned: signed.includes('witness') },
        outcome: v.outcome,
        findings: lines(v.findings as string),
        followUps: v.outcome === 'problems_found' ? (v.followUps ?? []) : [],
        ...(v.notes ? { notes: v.notes } : {}),
      });
    }
    if (action === 'order_rectification') Object.assign(p, { rectificationItems: lines(v.items as string), rectificationDueOn: (v.dueOn as Dayjs | undefined)?.format(DATE) });
    if (action === 'record_rectification_check') Object.assign(p, { isRectified: v.isRectified === 'yes', ...(v.notes ? { notes: v.notes } : {}) });
    onSubmit(p);
  };
  const big = { style: { fontSize: 16, padding: '6px 0' } };
  return (
    <Form form={form} layout="vertical" onFinish={submit} data-testid={`form-${action}`} initialValues={{ officerIds: insp.facts.officerIds, noticeMethod: '书面通知', areCertificatesShown: true, outcome: 'no_problem', signatures: ['officers', 'party'], isRectified: 'yes', dueOn: dayjs().add(15, 'day') }}>
      {action === 'approve' ? <Typography.Paragraph>{zh('由行政机关负责人审批本次检查（行政检查审批表）。', 'The agency head approves this inspection.')}</Typography.Paragraph> : null}
      {action === 'close' ? <Typography.Paragraph>{zh('确认检查办结：需立案的已立案并关联，责令改正的已复查。', 'Close: any penalty case opened and linked, any rectification re-checked.')}</Typography.Paragraph> : null}
      {action === 'cancel' ? (
        <Form.Item name="reason" label={zh('取消理由', 'Reason')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} data-testid="field-reason" />
        </Form.Item>
      ) : null}
      {action === 'send_notice' ? (
        <Form.Item name="noticeMethod" label={zh('通知方式', 'Method')}>
          <Select options={['书面通知', '电话通知', '短信通知', '电子送达'].map((x) => ({ value: x, label: x }))} />
        </Form.Item>
      ) : null}
      {action === 'start_on_site' ? (
        <>
          <Form.Item name="officerIds" label={zh('现场检查人员（两名以上持证）', 'Officers on site (two or more certified)')} rules={[{ required: true, type: 'array', min: 2 }]}>
            <AgencyOfficerSelect agencyId={insp.agencyId} testId="field-officers" />
          </Form.Item>
          <Form.Item name="areCertificatesShown" valuePropName="checked">
            <Checkbox {...big} data-testid="field-certificates-shown">{zh('已出示执法证件（行政处罚法 Art.55）', 'Certificates shown (Art.55)')}</Checkbox>
          </Form.Item>
          <Form.Item name="conflictedOfficerIds" label={zh('申请回避的人员', 'Officers declaring a conflict')}>
            <Checkbox.Group options={insp.officers.map((o) => ({ value: o.id, label: o.name }))} />
          </Form.Item>
          <Form.Item name="place" label={zh('检查场所', 'Place')}>
            <Input size="large" data-testid="field-place" />
          </Form.Item>
          <Form.Item name="notes" label={zh('现场情况', 'Notes')}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </>
      ) : null}
      {action === 'record_result' ? (
        <>
          <Form.Item name="signatures" label={zh('现场检查笔录签名', 'Signatures on the on-site record')}>
            <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="field-signatures">
              <Checkbox value="officers" {...big}>{zh('执法人员已签名', 'Officers signed')}</Checkbox>
              <Checkbox value="party" {...big}>{zh('当事人已签名', 'Party signed')}</Checkbox>
              <Checkbox value="refusal" {...big}>{zh('当事人拒签或不在场，已注明', 'Party refused or absent: noted')}</Checkbox>
              <Checkbox value="witness" {...big}>{zh('见证人已签名', 'Witness signed')}</Checkbox>
            </Checkbox.Group>
          </Form.Item>
          <Form.Item name="outcome" label={zh('检查结果', 'Result')}>
            <Radio.Group optionType="button" buttonStyle="solid" size="large" data-testid="field-outcome" options={[{ value: 'no_problem', label: zh('未发现问题', 'No problem') }, { value: 'problems_found', label: zh('发现问题', 'Problems found') }]} />
          </Form.Item>
          {outcome === 'problems_found' ? (
            <>
              <Form.Item name="findings" label={zh('发现的问题（每行一项）', 'Findings (one per line)')} rules={[{ required: true }]}>
                <Input.TextArea rows={4} data-testid="field-findings" />
              </Form.Item>
              <Form.Item name="followUps" label={zh('处理措施', 'Follow-up')} rules={[{ required: true, type: 'array', min: 1 }]}>
                <Checkbox.Group data-testid="field-followups" options={[{ value: 'rectification', label: zh('责令改正', 'Rectification order') }, { value: 'penalty_case', label: zh('立案查处', 'Penalty case') }]} />
              </Form.Item>
            </>
          ) : null}
          <Form.Item name="notes" label={zh('笔录摘要', 'Record summary')}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </>
      ) : null}
      {action === 'order_rectification' ? (
        <>
          <Form.Item name="items" label={zh('改正事项（每行一项）', 'What to correct (one per line)')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} data-testid="field-rectification-items" />
          </Form.Item>
          <Form.Item name="dueOn" label={zh('改正期限', 'Correct by')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </>
      ) : null}
      {action === 'record_rectification_check' ? (
        <>
          <Form.Item name="isRectified" label={zh('复查结论', 'Re-check')}>
            <Radio.Group optionType="button" options={[{ value: 'yes', label: zh('已改正', 'Corrected') }, { value: 'no', label: zh('未改正（转立案查处）', 'Not corrected (penalty case)') }]} />
          </Form.Item>
          <Form.Item name="notes" label={zh('复查情况', 'Notes')}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </>
      ) : null}
      <Button type="primary" htmlType="submit" loading={pending} block size="large" data-testid="step-submit">
        {zh('提交', 'Submit')}
      </Button>
    </Form>
  );
}

/** 由检查立案: the penalty item and the violation date; the case opens against the inspected party with the same officers. */
function OpenCaseForm({ insp, onDone }: { insp: Inspection; onDone: (i: Inspection) => void }) {
  const zh = useZh();
  const save = useMutation({
    mutationFn: (v: { itemId: string; violationOn: Dayjs }) => api.post<Inspection>(`/inspections/${insp.id}/open-case`, { itemId: v.itemId, violationOn: v.violationOn.format(DATE), version: insp.version }),
    onSuccess: onDone,
  });
  return (
    <Form layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="form-open-case" initialValues={{ violationOn: dayjs(insp.facts.onSiteOn ?? undefined) }}>
      <ProcedureErrorAlert error={save.error} labels={INSPECTION_ACTION_LABELS} />
      <Form.Item name="itemId" label={zh('处罚事项', 'Penalty item')} rules={[{ required: true }]}>
        <PenaltyItemSelect testId="open-case-item" />
      </Form.Item>
      <Form.Item name="violationOn" label={zh('违法行为发生日期', 'Violation on')} rules={[{ required: true }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending} block size="large" data-testid="open-case-submit">
        {zh('立案（登记案源）并关联', 'Open and link the case')}
      </Button>
    </Form>
  );
}

/** 行政检查详情: where it stands, the steps open now with their forms, refusals with citations, deadlines and history. */
export default function InspectionDetailPage() {
  const { id = '' } = useParams();
  const zh = useZh();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [action, setAction] = useState<string | null>(null);
  const [openCase, setOpenCase] = useState(false);
  const q = useQuery({ queryKey: key(id), queryFn: ({ signal }) => api.get<Inspection>(`/inspections/${id}`, undefined, signal) });
  const events = useQuery({ queryKey: ['inspections', 'events', id], queryFn: ({ signal }) => api.get<ProcedureEvent[]>(`/inspections/${id}/events`, undefined, signal) });
  const step = useMutation({
    mutationFn: (v: { action: string; payload: Record<string, unknown> }) => api.post<Inspection>(`/inspections/${id}/actions/${v.action}`, { payload: v.payload, version: q.data!.version }),
    onSuccess: (i, v) => done(i, INSPECTION_ACTION_LABELS[v.action] ? zh(INSPECTION_ACTION_LABELS[v.action]!.zh, INSPECTION_ACTION_LABELS[v.action]!.en) : v.action),
  });
  const done = (i: Inspection, what: string) => {
    qc.setQueryData(key(id), i);
    void qc.invalidateQueries({ queryKey: ['inspections'], predicate: (x) => x.queryKey[1] !== 'detail' });
    void qc.invalidateQueries({ queryKey: ['cases'] });
    void message.success(zh(`已办理：${what}`, `Done: ${what}`));
    setAction(null);
    setOpenCase(false);
    step.reset();
  };
  if (q.isPending) return <Skeleton active />;
  if (q.isError || !q.data) return <ErrorAlert error={q.error} />;
  const i = q.data;
  const f = i.facts;
  const identifier = i.target.type === 'individual' ? i.target.idNumber : i.target.uscc;
  const canOpenCase = can(Permission.CASE_HANDLE) && !!f.result?.linkedCaseRequired && !i.linkedCase && ['result_recorded', 'rectification_ordered'].includes(i.status);
  const actionLabel = (a: string) => (INSPECTION_ACTION_LABELS[a] ? zh(INSPECTION_ACTION_LABELS[a]!.zh, INSPECTION_ACTION_LABELS[a]!.en) : a);
  return (
    <div data-testid="inspection-detail" className="zf-case-page" data-status={i.status} data-version={i.version}>
      <PageHeader
        title={
          <Space wrap size={8}>
            <BackButton to="/admin/inspections" />
            <span>{zh('行政检查', 'Inspection')}</span>
            <ProcedureStatusTag kind="inspection" status={i.status} />
            <CommandSourceLink targetId={i.id} />
          </Space>
        }
        sub={`${i.target.name} · ${i.itemName || i.itemCode}`}
      />
      <Card size="small" title={zh('可办理步骤', 'Steps')} style={{ marginBottom: 12 }}>
        <ProcedureActions view={i} labels={INSPECTION_ACTION_LABELS} order={INSPECTION_ACTIONS} canAct={can(Permission.CASE_HANDLE)} onAction={setAction} danger={['cancel']} />
        {canOpenCase ? (
          <Button type="primary" danger style={{ marginTop: 8 }} onClick={() => setOpenCase(true)} data-testid="action-open-case">
            {zh('发现问题：立案查处', 'Open the penalty case')}
          </Button>
        ) : null}
      </Card>
      <NoticesAlert notices={i.notices} />
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={16}>
          <Card size="small" title={zh('基本信息', 'Details')} data-testid="inspection-info">
            <Descriptions
              bordered
              size="small"
              layout={screens.sm === false ? 'vertical' : 'horizontal'}
              column={{ xs: 1, sm: 1, md: 2 }}
              items={[
                { key: 'target', label: zh('被检查对象', 'Inspected party'), children: `${i.target.name}（${identifier ?? ''}）` },
                { key: 'item', label: zh('检查事项', 'Item'), children: <Link to={`/admin/items/${i.itemId}`}>{[i.itemCode, i.itemName].filter(Boolean).join(' ')}</Link> },
                { key: 'basis', label: zh('检查依据', 'Legal basis'), children: dash(f.legalBasis) },
                { key: 'agency', label: zh('实施机关', 'Agency'), children: i.agencyName },
                { key: 'officers', label: zh('检查人员', 'Officers'), children: <span data-testid="inspection-officers">{i.officers.map((o) => `${o.name}${o.certificateNo ? `（${o.certificateNo}）` : ''}`).join('、')}</span> },
                { key: 'approval', label: zh('审批', 'Approval'), children: f.approval ? `${f.approval.approvedOn}${f.approval.isAgencyHead ? '' : zh('（非负责人）', ' (not the head)')}` : '—' },
                { key: 'notice', label: zh('事先通知', 'Notice'), children: f.isNoticeRequired ? (f.noticeSentOn ? `${f.noticeSentOn} · ${i.content.noticeMethod ?? ''}` : zh('须通知，未发送', 'Required, not sent')) : zh('无须通知', 'Not required') },
                { key: 'onsite', label: zh('现场检查', 'On site'), children: i.content.onSite ? `${fmtDateTime(i.content.onSite.startedAt)} · ${i.content.onSite.place ?? ''}` : '—' },
                {
                  key: 'result',
                  label: zh('检查结果', 'Result'),
                  children: f.result ? (
                    <div data-testid="inspection-result">
                      <Tag color={f.result.outcome === 'no_problem' ? 'green' : 'volcano'}>{f.result.outcome === 'no_problem' ? zh('未发现问题', 'No problem') : zh('发现问题', 'Problems found')}</Tag>
                      {f.result.followUps.map((x) => (
                        <Tag key={x}>{x === 'penalty_case' ? zh('立案查处', 'Penalty case') : zh('责令改正', 'Rectification')}</Tag>
                      ))}
                      {f.result.findings.length ? (
                        <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
                          {f.result.findings.map((x, n) => (
                            <li key={n}>{x}</li>
                          ))}
                        </ul>
                      ) : null}
                    </div>
                  ) : (
                    '—'
                  ),
                },
                ...(f.rectification
                  ? [{ key: 'rect', label: zh('责令改正', 'Rectification'), children: `${f.rectification.items.join('；')} · ${zh('期限', 'by')} ${f.rectification.dueOn}${f.rectification.checkedOn ? ` · ${zh('复查', 're-checked')} ${f.rectification.checkedOn}：${f.rectification.isRectified ? zh('已改正', 'corrected') : zh('未改正', 'not corrected')}` : ''}` }]
                  : []),
                {
                  key: 'case',
                  label: zh('关联案件', 'Linked case'),
                  children: i.linkedCase ? (
                    <Link to={`/admin/cases/${i.linkedCase.id}`} data-testid="inspection-linked-case">
                      {i.linkedCase.caseNo ?? zh('案源（待立案）', 'Lead (not filed yet)')}
                    </Link>
                  ) : (
                    '—'
                  ),
                },
                { key: 'year', label: zh('本年度检查次数', 'Inspections this year'), children: String(f.inspectionsThisYear) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <DeadlinesCard deadlines={i.deadlines} />
          <div style={{ marginTop: 12 }}>
            <ProcedureDocuments subject="inspection" id={i.id} refreshKey={i.version} />
          </div>
        </Col>
        <Col xs={24}>
          <ProcedureTimeline events={events} labels={INSPECTION_ACTION_LABELS} kind="inspection" />
        </Col>
        <Col xs={24}>
          <EvidencePanel caseId={i.id} onChanged={() => void q.refetch()} />
        </Col>
      </Row>
      <Drawer open={!!action} onClose={() => { setAction(null); step.reset(); }} title={action ? actionLabel(action) : ''} size={screens.md ? 600 : '100%'} destroyOnHidden>
        {action ? (
          <>
            <ProcedureErrorAlert error={step.error} labels={INSPECTION_ACTION_LABELS} />
            <StepForm action={action} insp={i} pending={step.isPending} onSubmit={(payload) => step.mutate({ action, payload })} />
          </>
        ) : null}
      </Drawer>
      <Drawer open={openCase} onClose={() => setOpenCase(false)} title={zh('由检查立案', 'Open the penalty case')} size={screens.md ? 600 : '100%'} destroyOnHidden>
        <OpenCaseForm insp={i} onDone={(x) => done(x, zh('立案并关联', 'case opened'))} />
      </Drawer>
    </div>
  );
}
