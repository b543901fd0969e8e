import { CheckOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { nextPenaltyStatus, type PenaltyAction, type PenaltyStatus } from '@zhifa/domain';
import { Alert, Button, Checkbox, DatePicker, Drawer, Form, Grid, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, ApiError, type ApiIssue } from '../../api/client.ts';
import type { Item, PenaltyCase } from '../../api/types.ts';
import { useLocale, useT } from '../../i18n/index.tsx';
import { applyFieldErrors, issuePath } from '../../lib/errors.ts';
import { fmtMoney } from '../../lib/format.ts';
import { useLabels } from '../../lib/labels.ts';
import { actionFormFor, CHECKLIST_RESULTS, FIELD_LABEL_KEYS, ON_SITE_COLLECTION_GROUNDS, PAYMENT_METHODS, REVIEW_CHECKLIST_KEYS, SERVICE_METHODS, toActionPayload, type ActionFormValues, type PayloadField } from './action-forms.ts';
import { RefusalList } from './CaseActionBar.tsx';
import { CaseErrorAlert } from './CaseErrorAlert.tsx';
import { ReviewerSelect } from './OfficerPickers.tsx';
import { useCaseLabels } from './useCaseLabels.ts';
import './cases.css';

/** A key for retrying the same submission safely; getRandomValues also works on plain-HTTP intranet hosts, randomUUID does not. */
export function newIdempotencyKey(): string {
  const b = new Uint8Array(16);
  globalThis.crypto.getRandomValues(b);
  return `ui-${Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')}`;
}

/** Server issues name payload fields as `payload.<field>`; the form names them `<field>`. */
export function withoutPayloadPrefix(err: unknown): unknown {
  if (!(err instanceof ApiError) || err.issues.length === 0) return err;
  const issues = err.issues.map((i) => {
    const p = issuePath(i);
    return { ...i, path: p[0] === 'payload' && p.length > 1 ? p.slice(1) : p };
  });
  return new ApiError(err.status, {
    code: err.code,
    message: err.message,
    messageZh: err.messageZh,
    details: { ...err.details, issues },
    ...(err.requestId ? { requestId: err.requestId } : {}),
  });
}

/** What the form starts with: what the case already holds (a corrected proposal, the reviewer it was sent to…). */
function initialValues(pc: PenaltyCase, action: PenaltyAction): ActionFormValues {
  const c = pc.content ?? {};
  const f = pc.facts;
  const previous = new Map((c.review?.checklist ?? []).map((r) => [r.key, r]));
  return {
    findings: c.findings,
    evidenceSummary: c.evidenceSummary?.length ? c.evidenceSummary : [''],
    legalBasis: c.legalBasis,
    proposed: { types: f.proposed?.types ?? [], fineAmount: f.proposed?.fineAmount ?? null },
    discretionTierLevel: f.discretion?.tier?.level ?? null,
    justification: f.discretion?.justification ?? undefined,
    reviewerId: f.reviewerId ?? undefined,
    checklist: REVIEW_CHECKLIST_KEYS.map((key) => {
      const r = action === 'pass_review' || action === 'return_for_supplement' ? previous.get(key) : undefined;
      return { key, ...(r ? { result: r.result, comment: r.comment } : {}) };
    }),
    serviceMethod: 'direct',
    // The server's date, not the browser's: legal dates follow the server clock.
    servedOn: pc.today ? dayjs(pc.today) : dayjs(),
    statementWaiverSigned: false,
    decisionKind: f.decisionKind ?? (f.proposed && f.proposed.types.length === 0 ? 'no_penalty' : 'penalty'),
    penaltyBasis: c.penaltyBasis ?? c.legalBasis,
    // What is owed today (fine + surcharge − paid), from the server's execution account.
    paymentAmount: pc.execution ? pc.execution.balance : (f.proposed?.fineAmount ?? null),
    paymentMethod: 'bank',
    paidOn: pc.today ? dayjs(pc.today) : dayjs(),
    challengeOn: pc.today ? dayjs(pc.today) : dayjs(),
    schedule: {
      kind: 'deferral',
      appliedOn: pc.today ? dayjs(pc.today) : dayjs(),
      entries: [{ dueOn: null, amount: pc.execution ? Math.max(0, Math.round((pc.execution.principal - Math.min(pc.execution.principal, pc.execution.paid)) * 100) / 100) : null }],
    },
  };
}

/** 延期/分期 (行政处罚法 Art.66 para 2): one later date for a deferral, two or more instalments adding up to what is outstanding. */
function ScheduleField({ today }: { today: string | undefined }) {
  const t = useT();
  const labels = useLabels();
  const form = Form.useFormInstance<ActionFormValues>();
  const kind = Form.useWatch(['schedule', 'kind'], form) as string | undefined;
  const base = today ? dayjs(today) : dayjs();
  return (
    <div data-testid="field-schedule">
      <Form.Item name={['schedule', 'kind']} label={t('caseField.scheduleKind')} rules={[{ required: true }]}>
        <Radio.Group data-testid="field-schedule-kind" options={(['deferral', 'instalments'] as const).map((k) => ({ value: k, label: labels.enumText('scheduleKind', k) }))} />
      </Form.Item>
      <Form.Item name={['schedule', 'appliedOn']} label={t('caseField.appliedOn')} rules={[{ required: true, message: t('case.required', { field: t('caseField.appliedOn') }) }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(base, 'day')} data-testid="field-schedule-appliedOn" />
      </Form.Item>
      <Form.List name={['schedule', 'entries']}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Space key={f.key} wrap align="start" style={{ display: 'flex' }}>
                <Form.Item name={[f.name, 'dueOn']} label={t('execution.instalment', { n: i + 1 })} rules={[{ required: true, message: t('case.required', { field: t('execution.dueOn') }) }]}>
                  <DatePicker disabledDate={(d) => !d.isAfter(base, 'day')} data-testid={`field-schedule-due-${i}`} />
                </Form.Item>
                <Form.Item name={[f.name, 'amount']} label={t('caseField.paymentAmount')} rules={[{ required: true, message: t('case.required', { field: t('caseField.paymentAmount') }) }]}>
                  <InputNumber min={0.01} precision={2} suffix={t('common.yuan')} data-testid={`field-schedule-amount-${i}`} />
                </Form.Item>
                {fields.length > 1 ? <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('common.remove')} style={{ marginTop: 30 }} /> : null}
              </Space>
            ))}
            {kind === 'instalments' ? (
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ dueOn: null, amount: null })} data-testid="field-schedule-add">
                {t('execution.addInstalment')}
              </Button>
            ) : null}
          </>
        )}
      </Form.List>
    </div>
  );
}

/**
 * The 11 review points, each with a result; a failed or not-applicable point needs its reason (SAMR Art.54). A return
 * must name at least one failing point, a pass may have none (the server refuses both otherwise).
 */
function ChecklistField() {
  const t = useT();
  const labels = useCaseLabels();
  const form = Form.useFormInstance<ActionFormValues>();
  return (
    <div data-testid="review-checklist">
      <Button
        size="small"
        icon={<CheckOutlined />}
        style={{ marginBottom: 8 }}
        data-testid="checklist-all-pass"
        onClick={() => {
          const rows = (form.getFieldValue('checklist') as ActionFormValues['checklist']) ?? [];
          form.setFieldValue(
            'checklist',
            rows.map((r) => ({ ...r, result: r.result ?? 'pass' })),
          );
        }}
      >
        {t('case.checklistAllPass')}
      </Button>
      {REVIEW_CHECKLIST_KEYS.map((key, i) => (
        <div key={key} className="zf-checklist-row" data-testid={`checklist-${key}`}>
          <Form.Item name={['checklist', i, 'key']} hidden>
            <Input />
          </Form.Item>
          <div className="zf-checklist-label">
            {i + 1}. {labels.checklistItem(key)}
            <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400, display: 'block' }}>
              {labels.checklistCitation(key)}
            </Typography.Text>
          </div>
          <Form.Item
            name={['checklist', i, 'result']}
            rules={[{ required: true, message: t('case.checklistRequired') }]}
            style={{ marginBottom: 4 }}
          >
            <Radio.Group optionType="button" size="small" options={CHECKLIST_RESULTS.map((r) => ({ value: r, label: labels.checklistResult(r) }))} />
          </Form.Item>
          <Form.Item
            name={['checklist', i, 'comment']}
            dependencies={[['checklist', i, 'result']]}
            rules={[
              {
                validator: async (_, v: string | undefined) => {
                  const result = form.getFieldValue(['checklist', i, 'result']) as string | undefined;
                  if (result && result !== 'pass' && !(v && v.trim())) throw new Error(t('case.checklistCommentRequired'));
                },
              },
            ]}
            style={{ marginBottom: 8 }}
          >
            <Input size="small" placeholder={t('case.checklistComment')} maxLength={2000} data-testid={`checklist-comment-${key}`} />
          </Form.Item>
        </div>
      ))}
    </div>
  );
}

/**
 * The form of one procedural step. It sends the case's `version` (a lost race is a 409 with a reload button) and one
 * idempotency key per opening (a retried click cannot act twice). A refusal (409/422) is shown with the server's
 * message and citation and the form stays open with what was typed; field issues land on their fields.
 */
export function ActionForm({ pc, action, onCancel, onDone, onReload }: { pc: PenaltyCase; action: PenaltyAction; onCancel: () => void; onDone: (updated: PenaltyCase, action: PenaltyAction) => void; onReload: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const labels = useLabels();
  const caseLabels = useCaseLabels();
  const [form] = Form.useForm<ActionFormValues>();
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  // One key per opening (this component is keyed by the step): a retry after a lost answer is answered, not repeated.
  const [key] = useState(newIdempotencyKey);
  // Computed when the step opens, not on every refetch of the case: what the user typed stays.
  const [initial] = useState(() => initialValues(pc, action));
  const config = actionFormFor(action, pc);
  const has = (f: PayloadField) => config.fields.includes(f);
  const needs = (f: PayloadField) => config.required.includes(f);
  const label = (f: PayloadField) => t(config.labels?.[f] ?? FIELD_LABEL_KEYS[f]);

  const item = useQuery({
    queryKey: ['items', 'detail', pc.itemId],
    queryFn: ({ signal }) => api.get<Item>(`/items/${pc.itemId}`, undefined, signal),
    enabled: has('discretionTierLevel') || has('legalBasis'),
    staleTime: 300_000,
  });

  const submit = useMutation({
    mutationFn: (v: ActionFormValues) => api.post<PenaltyCase>(`/cases/${pc.id}/actions/${action}`, { payload: toActionPayload(action, v, config), version: pc.version, idempotencyKey: key }),
    onSuccess: (updated) => onDone(updated, action),
    onError: (e) => setIssues(applyFieldErrors(form, withoutPayloadPrefix(e), locale)),
  });

  const types = (Form.useWatch(['proposed', 'types'], form) as string[] | undefined) ?? [];
  const decisionKind = Form.useWatch('decisionKind', form) as string | undefined;
  const paymentMethod = Form.useWatch('paymentMethod', form) as string | undefined;
  const checklist = Form.useWatch('checklist', form) as ActionFormValues['checklist'];
  const failing = action === 'pass_review' && (checklist ?? []).some((r) => r?.result === 'fail');
  // SAMR Art.54(3): a return names what is wrong.
  const noFailure = action === 'return_for_supplement' && (checklist ?? []).length > 0 && (checklist ?? []).every((r) => r?.result) && !(checklist ?? []).some((r) => r?.result === 'fail');

  // A pass at a review level before the last keeps the case under review (the next level signs).
  const rc = pc.reviewChain;
  const midChain = action === 'pass_review' && !!rc && rc.currentIndex !== null && rc.currentIndex < rc.levels.length - 1;
  const to = midChain ? ('under_review' as PenaltyStatus) : nextPenaltyStatus({ status: pc.status as PenaltyStatus, suspendedFrom: (pc.facts.suspendedFrom ?? null) as PenaltyStatus | null }, action);
  const tiers = item.data?.discretionTiers ?? [];
  // What the server would refuse now and this form can fix (e.g. no reviewer assigned yet).
  const pending = pc.refusedActions.find((r) => r.action === action)?.refusals ?? [];
  const legalBasisHint = (item.data?.legalBasis ?? []).map((b) => `《${b.law}》${b.article}`).join('；');

  return (
    <div data-testid="action-form" data-action={action}>
          {to ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('case.nextStatus', { status: caseLabels.status(to) })}
              description={caseLabels.statusCitation(to) ? t('case.citationLine', { citation: caseLabels.statusCitation(to) }) : undefined}
            />
          ) : null}
          {pending.length ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('case.toResolve')}
              description={<RefusalList refusals={pending} />}
              data-testid="action-pending"
            />
          ) : null}
          <CaseErrorAlert error={submit.error} issues={issues} onReload={onReload} />
          <Form<ActionFormValues> form={form} initialValues={initial} layout="vertical" onFinish={(v) => submit.mutate(v)} scrollToFirstError data-testid={`action-form-${action}`}>
            {has('reviewerId') ? (
              <Form.Item name="reviewerId" label={label('reviewerId')} rules={[{ required: needs('reviewerId'), message: t('case.pickReviewer') }]} extra={t('case.reviewerHint')}>
                <ReviewerSelect agencyId={pc.agencyId} investigatorIds={pc.facts.officerIds ?? []} testId="field-reviewerId" />
              </Form.Item>
            ) : null}
            {has('findings') ? (
              <Form.Item name="findings" label={label('findings')} rules={[{ required: needs('findings'), whitespace: true, message: t('case.required', { field: label('findings') }) }]}>
                <Input.TextArea rows={5} maxLength={5000} showCount data-testid="field-findings" />
              </Form.Item>
            ) : null}
            {has('evidenceSummary') ? (
              <Form.Item label={label('evidenceSummary')} required={needs('evidenceSummary')}>
                <Form.List
                  name="evidenceSummary"
                  rules={
                    needs('evidenceSummary')
                      ? [
                          {
                            validator: async (_, rows: (string | undefined)[] | undefined) => {
                              if (!(rows ?? []).some((r) => r && r.trim())) throw new Error(t('case.evidenceRequired'));
                            },
                          },
                        ]
                      : []
                  }
                >
                  {(fields, { add, remove }, { errors }) => (
                    <>
                      {fields.map((f, i) => (
                        <div key={f.key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
                          <Form.Item name={f.name} style={{ flex: 1, marginBottom: 8 }}>
                            <Input placeholder={t('case.evidencePlaceholder', { n: i + 1 })} maxLength={500} data-testid={`field-evidence-${i}`} />
                          </Form.Item>
                          {fields.length > 1 ? <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('common.remove')} /> : null}
                        </div>
                      ))}
                      <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} data-testid="field-evidence-add">
                        {t('case.addEvidence')}
                      </Button>
                      <Form.ErrorList errors={errors} />
                    </>
                  )}
                </Form.List>
              </Form.Item>
            ) : null}
            {has('legalBasis') ? (
              <Form.Item
                name="legalBasis"
                label={label('legalBasis')}
                rules={[{ required: needs('legalBasis'), whitespace: true, message: t('case.required', { field: label('legalBasis') }) }]}
                extra={legalBasisHint ? t('case.itemLegalBasis', { basis: legalBasisHint }) : undefined}
              >
                <Input.TextArea rows={2} maxLength={2000} data-testid="field-legalBasis" />
              </Form.Item>
            ) : null}
            {has('proposed') ? (
              <Form.Item label={label('proposed')} required={needs('proposed')} style={{ marginBottom: 0 }}>
                <Form.Item name={['proposed', 'types']} extra={t('case.proposedHint')}>
                  <Select mode="multiple" options={labels.options.penaltyType} placeholder={t('case.penaltyTypes')} data-testid="field-proposed-types" style={{ width: '100%' }} />
                </Form.Item>
                {types.includes('fine') ? (
                  <Form.Item name={['proposed', 'fineAmount']} label={t('caseField.fineAmount')} rules={[{ required: true, message: t('case.fineRequired') }]}>
                    <InputNumber min={0} precision={2} style={{ width: '100%' }} suffix={t('common.yuan')} data-testid="field-proposed-fine" />
                  </Form.Item>
                ) : null}
              </Form.Item>
            ) : null}
            {has('discretionTierLevel') ? (
              <Form.Item name="discretionTierLevel" label={label('discretionTierLevel')} extra={tiers.length ? t('case.tierHint') : t('case.noTiers')}>
                <Select
                  allowClear
                  disabled={tiers.length === 0}
                  loading={item.isFetching}
                  data-testid="field-discretionTier"
                  style={{ width: '100%' }}
                  options={tiers.map((tier) => ({
                    value: tier.level,
                    label: `${labels.enumText('tierLevel', tier.level)}：${tier.circumstance}${tier.fineMin !== null && tier.fineMin !== undefined ? `（${fmtMoney(tier.fineMin, locale)}–${fmtMoney(tier.fineMax ?? null, locale)} ${t('common.yuan')}）` : ''}`,
                  }))}
                />
              </Form.Item>
            ) : null}
            {has('justification') ? (
              <Form.Item
                name="justification"
                label={label('justification')}
                dependencies={['discretionTierLevel', ['proposed', 'types']]}
                rules={[
                  {
                    // 国办发〔2022〕27号 §五(十二): with a benchmark, a penalty outside any tier needs written reasons, or the decision is refused.
                    validator: async (_, v: string | undefined) => {
                      const noTier = !form.getFieldValue('discretionTierLevel');
                      if (tiers.length > 0 && types.length > 0 && noTier && !(v && v.trim())) throw new Error(t('case.tierOrJustification'));
                    },
                  },
                ]}
              >
                <Input.TextArea rows={2} maxLength={2000} data-testid="field-justification" />
              </Form.Item>
            ) : null}
            {has('checklist') ? (
              <Form.Item label={label('checklist')} required={needs('checklist')}>
                <ChecklistField />
              </Form.Item>
            ) : null}
            {failing ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('case.checklistFailing')} data-testid="checklist-failing" /> : null}
            {noFailure ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('case.checklistNeedsFail')} data-testid="checklist-needs-fail" /> : null}
            {has('opinion') ? (
              <Form.Item name="opinion" label={label('opinion')} rules={[{ required: needs('opinion'), whitespace: true, message: t('case.required', { field: label('opinion') }) }]}>
                <Input.TextArea rows={4} maxLength={2000} showCount data-testid="field-opinion" />
              </Form.Item>
            ) : null}
            {has('decisionKind') ? (
              <Form.Item name="decisionKind" label={label('decisionKind')} rules={[{ required: needs('decisionKind') }]} extra={t('case.proposedNow', { penalty: caseLabels.penalty(pc.facts.proposed) })}>
                <Radio.Group data-testid="field-decisionKind" options={(['penalty', 'no_penalty'] as const).map((k) => ({ value: k, label: caseLabels.decisionKind(k) }))} />
              </Form.Item>
            ) : null}
            {has('penaltyBasis') && decisionKind !== 'no_penalty' ? (
              <Form.Item name="penaltyBasis" label={label('penaltyBasis')} rules={[{ required: true, whitespace: true, message: t('case.required', { field: label('penaltyBasis') }) }]}>
                <Input.TextArea rows={2} maxLength={2000} data-testid="field-penaltyBasis" />
              </Form.Item>
            ) : null}
            {has('serviceMethod') ? (
              <Form.Item name="serviceMethod" label={label('serviceMethod')} rules={[{ required: needs('serviceMethod') }]}>
                <Select data-testid="field-serviceMethod" style={{ width: '100%' }} options={SERVICE_METHODS.map((m) => ({ value: m, label: caseLabels.serviceMethod(m) }))} />
              </Form.Item>
            ) : null}
            {has('servedOn') ? (
              <Form.Item name="servedOn" label={label('servedOn')} rules={[{ required: needs('servedOn'), message: t('case.required', { field: label('servedOn') }) }]}>
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(pc.today ? dayjs(pc.today) : dayjs(), 'day')} data-testid="field-servedOn" />
              </Form.Item>
            ) : null}
            {has('statementWaiverSigned') ? (
              <Form.Item name="statementWaiverSigned" valuePropName="checked" extra={t('case.waiverHint')}>
                <Checkbox data-testid="field-statementWaiverSigned">{label('statementWaiverSigned')}</Checkbox>
              </Form.Item>
            ) : null}
            {has('paymentAmount') ? (
              <Form.Item name="paymentAmount" label={label('paymentAmount')} rules={[{ required: needs('paymentAmount'), message: t('case.required', { field: label('paymentAmount') }) }]}>
                <InputNumber min={0.01} precision={2} style={{ width: '100%' }} suffix={t('common.yuan')} data-testid="field-paymentAmount" />
              </Form.Item>
            ) : null}
            {has('paidOn') ? (
              <Form.Item name="paidOn" label={label('paidOn')} rules={[{ required: needs('paidOn'), message: t('case.required', { field: label('paidOn') }) }]}>
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(pc.today ? dayjs(pc.today) : dayjs(), 'day')} data-testid="field-paidOn" />
              </Form.Item>
            ) : null}
            {has('paymentMethod') ? (
              <Form.Item name="paymentMethod" label={label('paymentMethod')} rules={[{ required: needs('paymentMethod') }]}>
                <Select data-testid="field-paymentMethod" style={{ width: '100%' }} options={PAYMENT_METHODS.map((m) => ({ value: m, label: labels.enumText('paymentMethod', m) }))} />
              </Form.Item>
            ) : null}
            {has('onSiteGround') && paymentMethod === 'on_site_cash' ? (
              <>
                <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('execution.cashWarning')} data-testid="cash-warning" />
                <Form.Item name="onSiteGround" label={label('onSiteGround')} rules={[{ required: true, message: t('case.required', { field: label('onSiteGround') }) }]}>
                  <Select data-testid="field-onSiteGround" style={{ width: '100%' }} options={ON_SITE_COLLECTION_GROUNDS.map((g) => ({ value: g, label: labels.enumText('onSiteGround', g) }))} />
                </Form.Item>
                <Form.Item name="receiptNo" label={label('receiptNo')} rules={[{ required: true, whitespace: true, message: t('case.required', { field: label('receiptNo') }) }]}>
                  <Input maxLength={100} data-testid="field-receiptNo" />
                </Form.Item>
              </>
            ) : null}
            {has('schedule') ? <ScheduleField today={pc.today} /> : null}
            {has('challengeKind') ? (
              <Form.Item name="challengeKind" label={label('challengeKind')} rules={[{ required: needs('challengeKind'), message: t('case.required', { field: label('challengeKind') }) }]}>
                <Radio.Group data-testid="field-challengeKind" options={(['reconsideration', 'litigation'] as const).map((k) => ({ value: k, label: labels.enumText('challengeKind', k) }))} />
              </Form.Item>
            ) : null}
            {has('challengeOn') ? (
              <Form.Item name="challengeOn" label={label('challengeOn')} rules={[{ required: needs('challengeOn'), message: t('case.required', { field: label('challengeOn') }) }]}>
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(pc.today ? dayjs(pc.today) : dayjs(), 'day')} data-testid="field-challengeOn" />
              </Form.Item>
            ) : null}
            {has('paymentReference') ? (
              <Form.Item name="paymentReference" label={label('paymentReference')}>
                <Input maxLength={100} data-testid="field-paymentReference" />
              </Form.Item>
            ) : null}
            {has('reason') ? (
              <Form.Item name="reason" label={label('reason')} rules={needs('reason') ? [{ required: true, whitespace: true, min: 2, message: t('validation.reasonRequired') }] : []}>
                <Input.TextArea rows={3} maxLength={1000} showCount data-testid="field-reason" />
              </Form.Item>
            ) : null}
            {config.fields.length === 0 ? <Typography.Paragraph>{t('case.confirmStep')}</Typography.Paragraph> : null}
            <Space wrap className="zf-action-buttons">
              <Button type="primary" htmlType="submit" danger={!!config.danger} loading={submit.isPending} data-testid="action-submit">
                {t('case.submitAction', { action: caseLabels.action(action) })}
              </Button>
              <Button onClick={onCancel} data-testid="action-cancel">
                {t('common.cancel')}
              </Button>
            </Space>
          </Form>
    </div>
  );
}

/** The step's form in a drawer: beside the case on a desktop, the whole screen on a phone. */
export function ActionFormDrawer({ pc, action, onClose, onDone, onReload }: { pc: PenaltyCase; action: PenaltyAction | null; onClose: () => void; onDone: (updated: PenaltyCase, action: PenaltyAction) => void; onReload: () => void }) {
  const screens = Grid.useBreakpoint();
  const caseLabels = useCaseLabels();
  return (
    <Drawer open={!!action} onClose={onClose} size={screens.md ? 720 : '100%'} destroyOnHidden title={action ? caseLabels.action(action) : ''}>
      {action ? <ActionForm key={action} pc={pc} action={action} onCancel={onClose} onDone={onDone} onReload={onReload} /> : null}
    </Drawer>
  );
}
