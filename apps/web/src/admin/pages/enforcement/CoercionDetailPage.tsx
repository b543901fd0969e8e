import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { COERCION_ACTIONS } from '@zhifa/domain';
import { App, Button, Card, Checkbox, Col, DatePicker, Descriptions, Drawer, Form, Grid, Input, InputNumber, Row, Select, Skeleton, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { Permission, useCan } from '../../../auth/auth.tsx';
import { DeadlinesCard } from '../../../components/cases/DeadlinesCard.tsx';
import { EvidencePanel } from '../../../components/cases/EvidencePanel.tsx';
import { COERCION_ACTION_LABELS, MEASURE_KIND_LABELS, NoticesAlert, ProcedureActions, ProcedureErrorAlert, ProcedureStatusTag, ProcedureTimeline, useZh, type ProcedureEvent } from '../../../components/enforcement/procedure.tsx';
import { ProcedureDocuments } from '../../../components/cases/ProcedureDocuments.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BackButton } from '../../../components/RecordActions.tsx';
import { dash, DATE, fmtDateTime } from '../../../lib/format.ts';
import { InventoryEditor, InventoryTable } from './InventoryEditor.tsx';
import type { Measure } from './types.ts';
import '../../../components/cases/cases.css';

const key = (id: string) => ['coercion', 'detail', id] as const;
/** The instant in China time with its offset, as the server takes it (行政强制法 Art.19, Art.43 are read in China time). */
const chinaIso = (d: Dayjs) => new Date(d.valueOf() + 8 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+08:00');

const ON_SITE_STEPS = [
  ['areCertificatesShown', '出示执法身份证件', 'Certificates shown'],
  ['isPartyNotifiedToAttend', '通知当事人到场', 'Party notified to attend'],
  ['areReasonsAndRightsTold', '当场告知理由、依据及权利、救济途径', 'Reasons, basis, rights and remedies told'],
  ['areStatementsHeard', '听取当事人陈述和申辩', 'Statements heard'],
  ['isDecisionAndInventoryHandedOver', '当场交付决定书和清单', 'Decision and inventory handed over'],
  ['isBankNoticeDelivered', '向金融机构交付冻结通知书', 'Freeze notice delivered to the bank'],
] as const;
const RECORD = [
  ['officersSigned', '执法人员签名', 'Officers signed'],
  ['partyPresent', '当事人在场', 'Party present'],
  ['partySigned', '当事人签名', 'Party signed'],
  ['partyRefusalNoted', '当事人拒签，已注明', 'Refusal noted'],
  ['witnessSigned', '见证人签名', 'Witness signed'],
] as const;
const CONTENTS = ['party', 'reasons_and_basis', 'items', 'place', 'account_and_amount', 'period', 'remedies', 'agency_and_date'] as const;
const CONTENT_LABELS: Record<string, [string, string]> = {
  party: ['当事人', 'Party'],
  reasons_and_basis: ['理由和依据', 'Reasons and basis'],
  items: ['财物名称、数量', 'Items'],
  place: ['场所', 'Place'],
  account_and_amount: ['账号和数额', 'Account and amount'],
  period: ['期限', 'Period'],
  remedies: ['救济途径', 'Remedies'],
  agency_and_date: ['机关名称和日期', 'Agency and date'],
};
const RELEASE_REASONS: Record<string, [string, string]> = {
  no_violation: ['当事人没有违法行为', 'No violation'],
  unrelated: ['与违法行为无关', 'Unrelated to the violation'],
  no_longer_needed: ['已作出处理决定，不再需要', 'No longer needed'],
  period_expired: ['期限已经届满', 'Period expired'],
  disapproved: ['负责人不予追认', 'Disapproved by the head'],
  other: ['其他不再需要的情形', 'Other'],
};

function StepForm({ action, m, onSubmit, pending }: { action: string; m: Measure; onSubmit: (payload: Record<string, unknown>) => void; pending: boolean }) {
  const zh = useZh();
  const [form] = Form.useForm();
  const freeze = m.kind === 'freeze';
  const submit = (v: Record<string, unknown>) => {
    const p: Record<string, unknown> = {};
    if (typeof v.reason === 'string' && v.reason.trim()) p.reason = v.reason.trim();
    if (action === 'execute' || action === 'execute_emergency') {
      const done = (v.steps as string[] | undefined) ?? [];
      const rec = (v.record as string[] | undefined) ?? [];
      p.startedAt = chinaIso(v.startedAt as Dayjs);
      if (typeof v.urgencyReason === 'string' && v.urgencyReason.trim()) p.urgencyReason = v.urgencyReason.trim();
      p.onSite = {
        ...Object.fromEntries(ON_SITE_STEPS.map(([k]) => [k, done.includes(k)])),
        record: Object.fromEntries(RECORD.map(([k]) => [k, rec.includes(k)])),
        decisionContents: v.decisionContents ?? [],
      };
      if (!freeze) p.inventory = v.inventory;
    }
    if (action === 'approve' && v.emergencyReportedAt) p.emergencyReportedAt = chinaIso(v.emergencyReportedAt as Dayjs);
    if (action === 'extend') Object.assign(p, { extensionDays: v.extensionDays, extensionReasons: v.extensionReasons, ...(v.notifiedInWritingOn ? { notifiedInWritingOn: (v.notifiedInWritingOn as Dayjs).format(DATE) } : {}) });
    if (action === 'release') p.releaseReason = v.releaseReason;
    if (action === 'confiscate' && typeof v.penaltyDecisionRef === 'string' && v.penaltyDecisionRef.trim()) p.penaltyDecisionRef = v.penaltyDecisionRef.trim();
    if (action === 'destroy') p.legalBasis = v.legalBasis;
    onSubmit(p);
  };
  const initial = {
    startedAt: dayjs(m.now),
    steps: ON_SITE_STEPS.map(([k]) => k).filter((k) => (freeze ? k === 'areCertificatesShown' || k === 'isBankNoticeDelivered' : k !== 'isBankNoticeDelivered')),
    record: freeze ? ['officersSigned'] : ['officersSigned', 'partyPresent', 'partySigned'],
    decisionContents: CONTENTS.filter((c) => (freeze ? c !== 'items' && c !== 'place' : c !== 'account_and_amount')),
    inventory: m.inventory,
    urgencyReason: m.facts.urgencyReason ?? '',
    extensionDays: 30,
    notifiedInWritingOn: dayjs(m.now),
    releaseReason: m.status === 'disapproved' ? 'disapproved' : m.expiry === 'must_release' ? 'period_expired' : undefined,
  };
  const big = { style: { fontSize: 15, padding: '4px 0' } };
  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={initial} data-testid={`form-${action}`}>
      {action === 'execute' || action === 'execute_emergency' ? (
        <>
          <Form.Item name="startedAt" label={zh('实施时间', 'Carried out at')} rules={[{ required: true }]} extra={zh('夜间（22时至次日6时）或法定节假日不得实施，情况紧急的除外（行政强制法 Art.43）', 'Not at night (22:00–06:00) or on a holiday unless urgent (Art.43)')}>
            <DatePicker showTime style={{ width: '100%' }} size="large" data-testid="field-startedAt" />
          </Form.Item>
          <Form.Item name="urgencyReason" label={action === 'execute_emergency' ? zh('紧急情况（必填，行政强制法 Art.19）', 'The emergency (required, Art.19)') : zh('紧急情况（夜间、节假日实施时填写）', 'Emergency (night or holiday)')}>
            <Input.TextArea rows={2} data-testid="field-urgencyReason" />
          </Form.Item>
          <Form.Item name="steps" label={zh('现场程序（行政强制法 Art.18）', 'On-site steps (Art.18)')}>
            <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
              {ON_SITE_STEPS.filter(([k]) => (freeze ? k === 'areCertificatesShown' || k === 'isBankNoticeDelivered' : k !== 'isBankNoticeDelivered')).map(([k, z, e]) => (
                <Checkbox key={k} value={k} {...big}>
                  {zh(z, e)}
                </Checkbox>
              ))}
            </Checkbox.Group>
          </Form.Item>
          <Form.Item name="record" label={zh('现场笔录', 'On-site record')}>
            <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
              {RECORD.map(([k, z, e]) => (
                <Checkbox key={k} value={k} {...big}>
                  {zh(z, e)}
                </Checkbox>
              ))}
            </Checkbox.Group>
          </Form.Item>
          <Form.Item name="decisionContents" label={zh('决定书载明事项', 'The decision states')}>
            <Checkbox.Group options={CONTENTS.map((c) => ({ value: c, label: zh(CONTENT_LABELS[c]![0], CONTENT_LABELS[c]![1]) }))} />
          </Form.Item>
          {!freeze ? (
            <Form.Item label={zh('财物清单（现场核对）', 'Inventory (checked on site)')}>
              <InventoryEditor />
            </Form.Item>
          ) : null}
        </>
      ) : null}
      {action === 'approve' && m.status === 'emergency_executed' ? (
        <Form.Item name="emergencyReportedAt" label={zh('报告负责人的时间（留空为现在）', 'Reported to the head at (empty: now)')} extra={zh('须在实施后24小时内（行政强制法 Art.19）', 'Within 24 hours of the measure (Art.19)')}>
          <DatePicker showTime style={{ width: '100%' }} />
        </Form.Item>
      ) : null}
      {['approve', 'decline', 'disapprove'].includes(action) ? (
        <Form.Item name="reason" label={action === 'approve' ? zh('批准意见', 'Opinion') : zh('不予批准的理由', 'Reasons')} rules={action === 'approve' ? [] : [{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} data-testid="field-reason" />
        </Form.Item>
      ) : null}
      {action === 'extend' ? (
        <>
          <Form.Item name="extensionDays" label={zh('延长天数（不超过30日）', 'Days (≤ 30)')} rules={[{ required: true }]}>
            <InputNumber min={1} max={30} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="extensionReasons" label={zh('延长理由（情况复杂）', 'Reasons')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={2} data-testid="field-extensionReasons" />
          </Form.Item>
          <Form.Item name="notifiedInWritingOn" label={zh('书面告知当事人日期', 'Party told in writing on')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </>
      ) : null}
      {action === 'release' ? (
        <Form.Item name="releaseReason" label={zh('解除情形（行政强制法 Art.28）', 'Ground (Art.28)')} rules={[{ required: true }]}>
          <Select options={Object.entries(RELEASE_REASONS).map(([k, [z, e]]) => ({ value: k, label: zh(z, e) }))} data-testid="field-releaseReason" />
        </Form.Item>
      ) : null}
      {action === 'confiscate' ? (
        <Form.Item name="penaltyDecisionRef" label={zh('行政处罚决定书文号', 'Penalty decision number')} extra={zh('留空则取关联案件的处罚决定书（行政强制法 Art.27）', 'Empty: the linked case’s decision (Art.27)')}>
          <Input data-testid="field-penaltyDecisionRef" />
        </Form.Item>
      ) : null}
      {action === 'destroy' ? (
        <Form.Item name="legalBasis" label={zh('应当销毁的法律、行政法规依据', 'Law requiring destruction')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      ) : null}
      <Button type="primary" htmlType="submit" loading={pending} block size="large" data-testid="step-submit">
        {zh('提交', 'Submit')}
      </Button>
    </Form>
  );
}

function TestingPeriodForm({ m, onDone }: { m: Measure; onDone: (x: Measure) => void }) {
  const zh = useZh();
  const save = useMutation({
    mutationFn: (v: { kind: string; range: [Dayjs, Dayjs]; toldInWritingOn?: Dayjs }) =>
      api.post<Measure>(`/coercive-measures/${m.id}/testing-periods`, { period: { kind: v.kind, from: v.range[0].format(DATE), to: v.range[1].format(DATE), toldInWritingOn: v.toldInWritingOn ? v.toldInWritingOn.format(DATE) : null }, version: m.version }),
    onSuccess: onDone,
  });
  return (
    <Form layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ kind: 'testing', toldInWritingOn: dayjs() }}>
      <ProcedureErrorAlert error={save.error} labels={COERCION_ACTION_LABELS} />
      <Typography.Paragraph type="secondary">{zh('检测、检验、检疫或者技术鉴定的期间不计入查封、扣押期限，须明确并书面告知当事人（行政强制法 Art.25）。', 'Testing periods fixed and told in writing are not counted (Art.25 para 3).')}</Typography.Paragraph>
      <Form.Item name="kind" label={zh('种类', 'Kind')}>
        <Select options={[['testing', '检测'], ['inspection', '检验'], ['quarantine', '检疫'], ['appraisal', '技术鉴定']].map(([v, l]) => ({ value: v, label: l }))} />
      </Form.Item>
      <Form.Item name="range" label={zh('期间', 'Period')} rules={[{ required: true }]}>
        <DatePicker.RangePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="toldInWritingOn" label={zh('书面告知日期', 'Told in writing on')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending} block>
        {zh('登记', 'Record')}
      </Button>
    </Form>
  );
}

/** 行政强制措施详情: clocks (30 (+30) days, 24-hour report), inventory, steps with forms and refusals, history. */
export default function CoercionDetailPage() {
  const { id = '' } = useParams();
  const zh = useZh();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [action, setAction] = useState<string | null>(null);
  const [testing, setTesting] = useState(false);
  const q = useQuery({ queryKey: key(id), queryFn: ({ signal }) => api.get<Measure>(`/coercive-measures/${id}`, undefined, signal) });
  const events = useQuery({ queryKey: ['coercion', 'events', id], queryFn: ({ signal }) => api.get<ProcedureEvent[]>(`/coercive-measures/${id}/events`, undefined, signal) });
  const label = (a: string) => (COERCION_ACTION_LABELS[a] ? zh(COERCION_ACTION_LABELS[a]!.zh, COERCION_ACTION_LABELS[a]!.en) : a);
  const step = useMutation({
    mutationFn: (v: { action: string; payload: Record<string, unknown> }) => api.post<Measure>(`/coercive-measures/${id}/actions/${v.action}`, { payload: v.payload, version: q.data!.version }),
    onSuccess: (x, v) => done(x, label(v.action)),
  });
  const done = (x: Measure, what: string) => {
    qc.setQueryData(key(id), x);
    void qc.invalidateQueries({ queryKey: ['coercion'], predicate: (y) => y.queryKey[1] !== 'detail' });
    void message.success(zh(`已办理：${what}`, `Done: ${what}`));
    setAction(null);
    setTesting(false);
    step.reset();
  };
  if (q.isPending) return <Skeleton active />;
  if (q.isError || !q.data) return <ErrorAlert error={q.error} />;
  const m = q.data;
  const f = m.facts;
  const kindLabel = zh(MEASURE_KIND_LABELS[m.kind]!.zh, MEASURE_KIND_LABELS[m.kind]!.en);
  return (
    <div data-testid="coercion-detail" className="zf-case-page" data-status={m.status} data-version={m.version}>
      <PageHeader
        title={
          <Space wrap size={8}>
            <BackButton to="/admin/coercive-measures" />
            <span>{kindLabel}</span>
            <ProcedureStatusTag kind="coercion" status={m.status} />
            {m.expiry === 'must_release' ? <Tag color="red">{zh('期限届满，应当解除', 'Expired: release')}</Tag> : null}
            {m.expiry === 'paused' ? <Tag color="orange">{zh('检测期间，期限中止', 'Clock paused (testing)')}</Tag> : null}
          </Space>
        }
        sub={`${m.party.name} · ${m.itemName || m.itemCode}`}
      />
      <Card size="small" title={zh('可办理步骤', 'Steps')} style={{ marginBottom: 12 }}>
        <ProcedureActions view={m} labels={COERCION_ACTION_LABELS} order={COERCION_ACTIONS} canAct={can(Permission.CASE_HANDLE)} onAction={setAction} danger={['decline', 'disapprove', 'confiscate', 'destroy']} />
        {can(Permission.CASE_HANDLE) && m.status === 'in_force' && m.kind !== 'freeze' ? (
          <Button style={{ marginTop: 8 }} onClick={() => setTesting(true)} data-testid="action-testing-period">
            {zh('登记检测期间', 'Record a testing period')}
          </Button>
        ) : null}
      </Card>
      <NoticesAlert notices={m.notices} />
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={16}>
          <Card size="small" title={zh('基本信息', 'Details')} data-testid="coercion-info">
            <Descriptions
              bordered
              size="small"
              layout={screens.sm === false ? 'vertical' : 'horizontal'}
              column={{ xs: 1, sm: 1, md: 2 }}
              items={[
                { key: 'party', label: zh('当事人', 'Party'), children: `${m.party.name}（${(m.party.type === 'individual' ? m.party.idNumber : m.party.uscc) ?? ''}）` },
                { key: 'kind', label: zh('措施', 'Measure'), children: kindLabel },
                { key: 'reasons', label: zh('理由', 'Reasons'), children: dash(m.content.reasons) },
                { key: 'basis', label: zh('依据', 'Legal basis'), children: dash(m.content.legalBasis) },
                { key: 'place', label: zh('场所', 'Premises'), children: dash(m.content.place) },
                { key: 'officers', label: zh('实施人员', 'Officers'), children: m.officers.map((o) => `${o.name}${o.certificateNo ? `（${o.certificateNo}）` : ''}`).join('、') },
                { key: 'decision', label: zh('负责人决定', 'Head’s decision'), children: f.headDecision ? `${f.headDecision.isApproved ? zh('批准', 'Approved') : zh('不予批准', 'Not approved')} · ${fmtDateTime(f.headDecision.decidedAt)}${f.headDecision.reason ? ` · ${f.headDecision.reason}` : ''}` : '—' },
                { key: 'executed', label: zh('实施时间', 'Carried out'), children: f.execution ? fmtDateTime(f.execution.startedAt) : '—' },
                ...(f.emergency ? [{ key: 'emergency', label: zh('紧急情况', 'Emergency'), children: `${f.urgencyReason ?? ''}${f.emergency.reportedAt ? ` · ${zh('已报告', 'reported')} ${fmtDateTime(f.emergency.reportedAt)}` : ` · ${zh('未报告负责人', 'not yet reported')}`}` }] : f.urgencyReason ? [{ key: 'urgency', label: zh('紧急情况', 'Emergency'), children: f.urgencyReason }] : []),
                ...(f.extensions.length ? [{ key: 'ext', label: zh('延长', 'Extension'), children: f.extensions.map((e) => `${e.approvedOn} +${e.days}${zh('日', ' days')} · ${e.reasons}`).join('；') }] : []),
                ...(f.testingPeriods.length ? [{ key: 'testing', label: zh('检测期间', 'Testing'), children: f.testingPeriods.map((t) => `${t.from} ~ ${t.to ?? '…'}${t.toldInWritingOn ? '' : zh('（未书面告知，不扣除）', ' (not told: counted)')}`).join('；') }] : []),
                ...(f.disposition ? [{ key: 'disp', label: zh('处理', 'Outcome'), children: `${label(f.disposition.kind)} · ${f.disposition.decidedOn}${f.disposition.releaseReason ? ` · ${zh(RELEASE_REASONS[f.disposition.releaseReason]![0], RELEASE_REASONS[f.disposition.releaseReason]![1])}` : ''}${f.disposition.penaltyDecisionRef ? ` · ${f.disposition.penaltyDecisionRef}` : ''}${f.disposition.legalBasis ? ` · ${f.disposition.legalBasis}` : ''}` }] : []),
                { key: 'case', label: zh('关联案件', 'Linked case'), children: m.linkedCase ? <Link to={`/admin/cases/${m.linkedCase.id}`}>{m.linkedCase.caseNo ?? zh('案源', 'Lead')}</Link> : '—' },
                ...(m.inspectionId ? [{ key: 'insp', label: zh('来源检查', 'From inspection'), children: <Link to={`/admin/inspections/${m.inspectionId}`}>{zh('查看', 'View')}</Link> }] : []),
              ]}
            />
          </Card>
          {m.kind !== 'freeze' ? (
            <Card size="small" title={zh('查封、扣押财物清单', 'Inventory')} style={{ marginTop: 12 }}>
              <InventoryTable rows={m.inventory} />
            </Card>
          ) : null}
        </Col>
        <Col xs={24} lg={8}>
          <DeadlinesCard deadlines={m.deadlines} />
          <div style={{ marginTop: 12 }}>
            <ProcedureDocuments subject="coercive_measure" id={m.id} refreshKey={m.version} />
          </div>
        </Col>
        <Col xs={24}>
          <ProcedureTimeline events={events} labels={COERCION_ACTION_LABELS} kind="coercion" />
        </Col>
        <Col xs={24}>
          <EvidencePanel caseId={m.id} onChanged={() => void q.refetch()} />
        </Col>
      </Row>
      <Drawer open={!!action} onClose={() => { setAction(null); step.reset(); }} title={action ? label(action) : ''} size={screens.md ? 640 : '100%'} destroyOnHidden>
        {action ? (
          <>
            <ProcedureErrorAlert error={step.error} labels={COERCION_ACTION_LABELS} />
            <StepForm action={action} m={m} pending={step.isPending} onSubmit={(payload) => step.mutate({ action, payload })} />
          </>
        ) : null}
      </Drawer>
      <Drawer open={testing} onClose={() => setTesting(false)} title={zh('登记检测期间', 'Record a testing period')} size={screens.md ? 560 : '100%'} destroyOnHidden>
        <TestingPeriodForm m={m} onDone={(x) => done(x, zh('登记检测期间', 'testing period'))} />
      </Drawer>
    </div>
  );
}
