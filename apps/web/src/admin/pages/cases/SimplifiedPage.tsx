import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Alert, Button, Card, Checkbox, Col, DatePicker, Descriptions, Empty, Form, Input, InputNumber, Radio, Row, Select, Skeleton, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, type ApiIssue } from '../../../api/client.ts';
import type { CaseRefusal } from '../../../api/types.ts';
import { Permission, useAuth, useCan } from '../../../auth/auth.tsx';
import { RefusalList } from '../../../components/cases/CaseActionBar.tsx';
import { AgencyOfficerSelect } from '../../../components/cases/OfficerPickers.tsx';
import { PenaltyItemSelect } from '../../../components/cases/PenaltyItemSelect.tsx';
import { useCaseLabels } from '../../../components/cases/useCaseLabels.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { ProcedureDocuments } from '../../../components/cases/ProcedureDocuments.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BackButton } from '../../../components/RecordActions.tsx';
import { RegionSelect } from '../../../components/RemoteSelects.tsx';
import { useLocale, useT } from '../../../i18n/index.tsx';
import { applyFieldErrors } from '../../../lib/errors.ts';
import { DATE, fmtMoney } from '../../../lib/format.ts';
import { enumText } from '../../../lib/labels.ts';
import { afterServerToday, useServerTodayField } from '../../../lib/useServerToday.ts';
import '../../../components/cases/cases.css';

/** An on-the-spot decision as `GET /cases/simplified/:id` returns it. */
export interface SimplifiedCase {
  id: string;
  decisionNo: string | null;
  status: string;
  statusZh: string;
  itemName: string;
  agencyName: string;
  party: { type: string; name: string };
  officers: { id: string; name: string }[];
  penalty: { types: string[]; fineAmount: number | null };
  violationOn: string;
  findings: string;
  legalBasis: string;
  partyStatement: string | null;
  decidedOn: string | null;
  servedOn: string | null;
  filedOn: string | null;
  isPaymentSettled: boolean;
  filingDeadline: { dueOn: string; citation: string; state: 'running' | 'met' | 'overdue'; calendarProvisional: boolean } | null;
  availableActions: string[];
  refusedActions: { action: string; refusals: CaseRefusal[] }[];
  version: number;
  today: string;
}

const STATE_COLOR = { running: 'blue', met: 'green', overdue: 'red' } as const;
const ACTIONS = ['serve', 'file_with_agency', 'close'] as const;

/** 当场处罚: the on-the-spot decisions of my agency, newest first, each with its 7-working-day filing deadline. */
export function SimplifiedListPage() {
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const { locale } = useLocale();
  const labels = useCaseLabels();
  const [page, setPage] = useState(1);
  const q = useQuery({ queryKey: ['cases', 'simplified', page], queryFn: ({ signal }) => api.get<{ items: SimplifiedCase[]; total: number }>('/cases/simplified', { page, pageSize: 20 }, signal) });
  return (
    <div data-testid="simplified-list-page" className="zf-case-page">
      <PageHeader
        title={t('nav.simplified')}
        sub={t('simplified.listHint')}
        extra={
          can(Permission.CASE_HANDLE) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/admin/cases/simplified/new')} data-testid="simplified-new">
              {t('simplified.new')}
            </Button>
          ) : null
        }
      />
      <ErrorAlert error={q.error} />
      {q.isPending ? <Skeleton active /> : null}
      {q.data && q.data.items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : null}
      <div className="zf-list">
        {(q.data?.items ?? []).map((c) => (
          <div key={c.id} className="zf-list-row" style={{ display: 'block' }} data-testid="simplified-row">
            <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', gap: 4 }}>
              <Link to={`/admin/cases/simplified/${c.id}`}>{c.decisionNo ?? c.id}</Link>
              {c.filingDeadline ? <Tag color={STATE_COLOR[c.filingDeadline.state]}>{t('simplified.filingBy', { date: c.filingDeadline.dueOn })}</Tag> : null}
            </div>
            <Typography.Text type="secondary">
              {c.party.name} · {labels.penalty(c.penalty)} · {c.statusZh} · {c.decidedOn ?? ''}
              {c.penalty.fineAmount ? ` · ${fmtMoney(c.penalty.fineAmount, locale)} ${t('common.yuan')}` : ''}
            </Typography.Text>
          </div>
        ))}
      </div>
      {q.data && q.data.total > 20 ? (
        <Space style={{ marginTop: 12 }}>
          <Button disabled={page <= 1} onClick={() => setPage(page - 1)}>
            {t('simplified.prev')}
          </Button>
          <Button disabled={page * 20 >= q.data.total} onClick={() => setPage(page + 1)}>
            {t('simplified.next')}
          </Button>
        </Space>
      ) : null}
    </div>
  );
}

interface Values {
  itemId: string;
  placeRegionCode: string;
  party: { type: 'individual' | 'organisation'; name: string; idNumber?: string; uscc?: string };
  officerIds: string[];
  violationOn: Dayjs;
  findings: string;
  legalBasis: string;
  penaltyKind: 'warning' | 'fine';
  fineAmount?: number | null;
  partyStatement?: string;
  confirmFacts: boolean;
  confirmBasis: boolean;
  paidOnSpot: boolean;
  paymentMethod?: string;
  onSiteGround?: string;
  receiptNo?: string;
}

/** The body of `POST /cases/simplified`. */
export function toSimplifiedBody(v: Values): Record<string, unknown> {
  const party = v.party.type === 'individual' ? { type: 'individual', name: v.party.name.trim(), idNumber: (v.party.idNumber ?? '').trim().toUpperCase() } : { type: 'organisation', name: v.party.name.trim(), uscc: (v.party.uscc ?? '').trim().toUpperCase() };
  const isFine = v.penaltyKind === 'fine';
  return {
    itemId: v.itemId,
    placeRegionCode: v.placeRegionCode,
    party,
    officerIds: v.officerIds,
    violationOn: v.violationOn.format(DATE),
    findings: v.findings.trim(),
    legalBasis: v.legalBasis.trim(),
    penalty: { types: [v.penaltyKind], fineAmount: isFine ? (v.fineAmount ?? null) : null },
    isFactConclusive: !!v.confirmFacts,
    hasLegalBasis: !!v.confirmBasis,
    ...(v.partyStatement?.trim() ? { partyStatement: v.partyStatement.trim() } : {}),
    ...(isFine && v.paidOnSpot && v.paymentMethod
      ? { payment: { method: v.paymentMethod, ...(v.paymentMethod === 'on_site_cash' ? { onSiteGround: v.onSiteGround, receiptNo: v.receiptNo?.trim() } : {}) } }
      : {}),
  };
}

/**
 * 当场作出行政处罚决定 (行政处罚法 Art.51–52), one column for a phone: the officer shows the certificate, states the facts
 * and basis, hears the party and decides a warning or a fine within the caps. The server refuses anything above them
 * with the citation (the form shows it) and gives the number from the agency's on-the-spot series.
 */
export function SimplifiedNewPage() {
  const t = useT();
  const { locale } = useLocale();
  const me = useAuth();
  const labels = useCaseLabels();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  // The violation happened today by the server's (Beijing) date, not the browser's.
  const serverToday = useServerTodayField(form, 'violationOn');
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const partyType = Form.useWatch(['party', 'type'], form) ?? 'individual';
  const kind = Form.useWatch('penaltyKind', form);
  const paidOnSpot = Form.useWatch('paidOnSpot', form);
  const method = Form.useWatch('paymentMethod', form);
  const save = useMutation({
    mutationFn: (v: Values) => api.post<SimplifiedCase>('/cases/simplified', toSimplifiedBody(v)),
    onSuccess: (c) => {
      void message.success(t('simplified.decided', { no: c.decisionNo ?? '' }));
      void qc.invalidateQueries({ queryKey: ['cases', 'simplified'] });
      navigate(`/admin/cases/simplified/${c.id}`);
    },
    onError: (e) => setIssues(applyFieldErrors(form, e, locale)),
  });
  const cap = partyType === 'individual' ? 200 : 3000;
  return (
    <div data-testid="simplified-new-page" className="zf-case-page" style={{ maxWidth: 640 }}>
      <PageHeader
        title={
          <Space wrap>
            <BackButton to="/admin/cases/simplified" />
            {t('simplified.new')}
          </Space>
        }
        sub={t('simplified.newHint')}
      />
      <ErrorAlert error={save.error} issues={issues} testId="simplified-error" />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        scrollToFirstError
        data-testid="simplified-form"
        initialValues={{ party: { type: 'individual' }, placeRegionCode: me.scope.regionCode, officerIds: me.user.officerId ? [me.user.officerId] : [], violationOn: serverToday ?? undefined, penaltyKind: 'fine', confirmFacts: false, confirmBasis: false, paidOnSpot: false, paymentMethod: 'e_payment' }}
      >
        <Card size="small" title={t('case.section.matter')} style={{ marginBottom: 12 }}>
          <Form.Item name="itemId" label={t('case.item')} rules={[{ required: true, message: t('case.required', { field: t('case.item') }) }]}>
            <PenaltyItemSelect />
          </Form.Item>
          <Form.Item name="placeRegionCode" label={t('case.place')} rules={[{ required: true, message: t('case.required', { field: t('case.place') }) }]}>
            <RegionSelect testId="simplified-place" />
          </Form.Item>
          <Form.Item name="officerIds" label={t('case.officers')} extra={t('simplified.officerHint')} rules={[{ required: true, type: 'array', min: 1, message: t('case.required', { field: t('case.officers') }) }]}>
            <AgencyOfficerSelect agencyId={me.scope.agencyId} testId="simplified-officers" />
          </Form.Item>
          <Form.Item name="violationOn" label={t('case.violationOn')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={afterServerToday(serverToday)} data-testid="simplified-violation-on" />
          </Form.Item>
        </Card>
        <Card size="small" title={t('case.party')} style={{ marginBottom: 12 }}>
          <Form.Item name={['party', 'type']}>
            <Radio.Group optionType="button" options={(['individual', 'organisation'] as const).map((k) => ({ value: k, label: labels.partyType(k) }))} data-testid="simplified-party-type" />
          </Form.Item>
          <Form.Item name={['party', 'name']} label={partyType === 'individual' ? t('case.partyName') : t('case.orgName')} rules={[{ required: true, whitespace: true, message: t('case.required', { field: t('case.partyName') }) }]}>
            <Input maxLength={200} data-testid="simplified-party-name" />
          </Form.Item>
          {partyType === 'individual' ? (
            <Form.Item name={['party', 'idNumber']} label={t('case.idNumber')} rules={[{ required: true, pattern: /^(\d{15}|\d{17}[\dXx])$/, message: t('validation.idNumber') }]}>
              <Input maxLength={18} autoComplete="off" inputMode="text" data-testid="simplified-party-idNumber" />
            </Form.Item>
          ) : (
            <Form.Item name={['party', 'uscc']} label={t('case.uscc')} rules={[{ required: true, len: 18, message: t('validation.uscc') }]}>
              <Input maxLength={18} autoComplete="off" data-testid="simplified-party-uscc" />
            </Form.Item>
          )}
        </Card>
        <Card size="small" title={t('simplified.decision')} style={{ marginBottom: 12 }}>
          <Form.Item name="findings" label={t('caseField.findings')} rules={[{ required: true, whitespace: true, message: t('case.required', { field: t('caseField.findings') }) }]}>
            <Input.TextArea rows={3} maxLength={5000} data-testid="simplified-findings" />
          </Form.Item>
          <Form.Item name="legalBasis" label={t('caseField.legalBasis')} rules={[{ required: true, whitespace: true, message: t('case.required', { field: t('caseField.legalBasis') }) }]}>
            <Input.TextArea rows={2} maxLength={2000} data-testid="simplified-legalBasis" />
          </Form.Item>
          <Form.Item name="partyStatement" label={t('simplified.partyStatement')}>
            <Input.TextArea rows={2} maxLength={2000} data-testid="simplified-statement" />
          </Form.Item>
          <Form.Item name="penaltyKind" label={t('caseField.proposed')}>
            <Radio.Group optionType="button" options={[{ value: 'warning', label: enumText(t, 'simplifiedPenalty', 'warning') }, { value: 'fine', label: enumText(t, 'simplifiedPenalty', 'fine') }]} data-testid="simplified-penalty-kind" />
          </Form.Item>
          {kind === 'fine' ? (
            <Form.Item name="fineAmount" label={t('caseField.fineAmount')} extra={t('simplified.capHint', { cap })} rules={[{ required: true, message: t('case.fineRequired') }]}>
              <InputNumber min={0.01} precision={2} style={{ width: '100%' }} suffix={t('common.yuan')} inputMode="decimal" data-testid="simplified-fine" />
            </Form.Item>
          ) : null}
          <Form.Item name="confirmFacts" valuePropName="checked" style={{ marginBottom: 4 }}>
            <Checkbox data-testid="simplified-confirm-facts">{t('simplified.confirmFacts')}</Checkbox>
          </Form.Item>
          <Form.Item name="confirmBasis" valuePropName="checked">
            <Checkbox data-testid="simplified-confirm-basis">{t('simplified.confirmBasis')}</Checkbox>
          </Form.Item>
          {kind === 'fine' ? (
            <>
              <Form.Item name="paidOnSpot" valuePropName="checked" style={{ marginBottom: 8 }}>
                <Checkbox data-testid="simplified-paid">{t('simplified.paidOnSpot')}</Checkbox>
              </Form.Item>
              {paidOnSpot ? (
                <>
                  <Form.Item name="paymentMethod" label={t('caseField.paymentMethod')}>
                    <Select data-testid="simplified-payment-method" options={['e_payment', 'on_site_cash'].map((m) => ({ value: m, label: enumText(t, 'paymentMethod', m) }))} />
                  </Form.Item>
                  {method === 'on_site_cash' ? (
                    <>
                      <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('execution.cashWarning')} />
                      <Form.Item name="onSiteGround" label={t('caseField.onSiteGround')} rules={[{ required: true, message: t('case.required', { field: t('caseField.onSiteGround') }) }]}>
                        <Select data-testid="simplified-ground" options={['small_fine', 'hard_to_collect_later', 'remote_area'].map((g) => ({ value: g, label: enumText(t, 'onSiteGround', g) }))} />
                      </Form.Item>
                      <Form.Item name="receiptNo" label={t('caseField.receiptNo')} rules={[{ required: true, whitespace: true, message: t('case.required', { field: t('caseField.receiptNo') }) }]}>
                        <Input maxLength={100} data-testid="simplified-receipt" />
                      </Form.Item>
                    </>
                  ) : null}
                </>
              ) : null}
            </>
          ) : null}
        </Card>
        <Space wrap className="zf-action-buttons">
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="simplified-submit">
            {t('simplified.submit')}
          </Button>
          <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </div>
  );
}

/** One on-the-spot decision: what was decided, the filing deadline, and the next steps (hand over, file, close). */
export function SimplifiedDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const { locale } = useLocale();
  const labels = useCaseLabels();
  const can = useCan();
  const qc = useQueryClient();
  const [reference, setReference] = useState('');
  const key = ['cases', 'simplified', 'detail', id];
  const q = useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<SimplifiedCase>(`/cases/simplified/${id}`, undefined, signal) });
  const step = useMutation({
    mutationFn: ({ action, c }: { action: string; c: SimplifiedCase }) =>
      api.post<SimplifiedCase>(`/cases/simplified/${id}/actions/${action}`, { payload: action === 'close' && reference.trim() ? { paymentReference: reference.trim() } : {}, version: c.version }),
    onSuccess: (c) => {
      qc.setQueryData(key, c);
      void qc.invalidateQueries({ queryKey: ['cases', 'simplified'] });
    },
  });
  if (q.isPending) return <Skeleton active />;
  if (q.isError || !q.data) return <ErrorAlert error={q.error} />;
  const c = q.data;
  const refusedOf = (a: string) => c.refusedActions.find((r) => r.action === a)?.refusals ?? [];
  return (
    <div data-testid="simplified-detail" data-status={c.status} className="zf-case-page" style={{ maxWidth: 760 }}>
      <PageHeader
        title={
          <Space wrap>
            <BackButton to="/admin/cases/simplified" />
            <span data-testid="simplified-no">{c.decisionNo}</span>
            <Tag>{c.statusZh}</Tag>
          </Space>
        }
        sub={`${c.party.name} · ${c.itemName}`}
      />
      <Row gutter={[12, 12]}>
        <Col xs={24}>
          {can(Permission.CASE_HANDLE) ? (
            <Card size="small" title={t('case.actions')}>
              <ErrorAlert error={step.error} />
              <Space wrap>
                {ACTIONS.filter((a) => c.availableActions.includes(a) || refusedOf(a).length).map((a) => (
                  <Button key={a} type={c.availableActions.includes(a) ? 'primary' : 'default'} disabled={!c.availableActions.includes(a) && !(a === 'close' && reference.trim())} loading={step.isPending} onClick={() => step.mutate({ action: a, c })} data-testid={`simplified-action-${a}`}>
                    {enumText(t, 'simplifiedAction', a)}
                  </Button>
                ))}
              </Space>
              {c.status === 'filed' && !c.isPaymentSettled ? (
                <Input style={{ marginTop: 8 }} placeholder={t('caseField.paymentReference')} value={reference} onChange={(e) => setReference(e.target.value)} data-testid="simplified-payment-reference" />
              ) : null}
              {ACTIONS.map((a) => (refusedOf(a).length ? <Alert key={a} type="info" showIcon style={{ marginTop: 8 }} title={enumText(t, 'simplifiedAction', a)} description={<RefusalList refusals={refusedOf(a)} />} /> : null))}
            </Card>
          ) : null}
        </Col>
        <Col xs={24}>
          <Card size="small">
            <Descriptions
              bordered
              size="small"
              column={1}
              items={[
                { key: 'no', label: t('simplified.decisionNo'), children: c.decisionNo },
                { key: 'penalty', label: t('caseField.proposed'), children: <span data-testid="simplified-penalty">{labels.penalty(c.penalty)}</span> },
                { key: 'findings', label: t('caseField.findings'), children: c.findings },
                { key: 'basis', label: t('caseField.legalBasis'), children: c.legalBasis },
                ...(c.partyStatement ? [{ key: 'statement', label: t('simplified.partyStatement'), children: c.partyStatement }] : []),
                { key: 'officers', label: t('case.officers'), children: c.officers.map((o) => o.name).join('、') },
                { key: 'decided', label: t('simplified.decidedOn'), children: c.decidedOn ?? '—' },
                { key: 'served', label: t('simplified.servedOn'), children: c.servedOn ?? '—' },
                {
                  key: 'filing',
                  label: t('simplified.filing'),
                  children: c.filingDeadline ? (
                    <span data-testid="simplified-filing" data-state={c.filingDeadline.state}>
                      <Tag color={STATE_COLOR[c.filingDeadline.state]}>{labels.deadlineState(c.filingDeadline.state)}</Tag>
                      {c.filedOn ?? t('simplified.filingBy', { date: c.filingDeadline.dueOn })}
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                        {c.filingDeadline.citation}
                      </Typography.Text>
                    </span>
                  ) : (
                    '—'
                  ),
                },
                { key: 'paid', label: t('execution.paid'), children: c.isPaymentSettled ? <Tag color="green">{t('execution.settled')}</Tag> : c.penalty.fineAmount ? `${fmtMoney(c.penalty.fineAmount, locale)} ${t('common.yuan')}` : '—' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24}>
          <ProcedureDocuments subject="simplified_case" id={c.id} refreshKey={c.version} />
        </Col>
      </Row>
    </div>
  );
}
