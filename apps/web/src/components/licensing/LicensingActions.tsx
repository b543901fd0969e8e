import { LockOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { isLicensingRefusalAnsweredByInput, LICENSING_TRANSITIONS, type LicensingStatus } from '@zhifa/domain';
import { Alert, Button, Checkbox, DatePicker, Drawer, Form, Grid, Input, Popover, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { api, isApiError } from '../../api/client.ts';
import type { CaseRefusal } from '../../api/types.ts';
import { Permission, useCan } from '../../auth/auth.tsx';
import { issueMessage, issuePath, useErrorText } from '../../lib/errors.ts';
import { DATE } from '../../lib/format.ts';
import { useAgencyOfficers } from '../cases/OfficerPickers.tsx';
import { newIdempotencyKey } from '../cases/ActionFormDrawer.tsx';
import type { LicenceApplication } from './licensing-api.ts';
import { DANGER_ACTIONS, NOT_ACCEPTED_REASONS, useLicensingText } from './useLicensingText.ts';

/** Why a step is refused: each reason in the user's language with its citation. */
export function LicensingRefusalList({ refusals }: { refusals: CaseRefusal[] }) {
  const x = useLicensingText();
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18, maxWidth: 360 }}>
      {refusals.map((r, i) => (
        <li key={i} data-testid="refusal">
          <div>{x.zh ? r.messageZh : r.message}</div>
          {r.citation ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="refusal-citation">
              {x.t('citation')}
              {r.citation}
            </Typography.Text>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** A refused request as the server explained it: message, citation, other refusals, allowed steps, field issues. */
export function LicensingErrorAlert({ error }: { error: unknown }) {
  const x = useLicensingText();
  const errorText = useErrorText();
  if (!error) return null;
  if (!isApiError(error)) return <Alert type="error" showIcon title={errorText(error)} data-testid="action-error" style={{ marginBottom: 12 }} />;
  const citation = typeof error.details?.citation === 'string' ? error.details.citation : undefined;
  const allowed = error.code === 'INVALID_TRANSITION' && Array.isArray(error.details?.allowedActions) ? (error.details.allowedActions as string[]) : null;
  const more = (Array.isArray(error.details?.refusals) ? (error.details.refusals as CaseRefusal[]) : []).slice(1);
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="action-error"
      data-code={error.code}
      title={<span data-testid="action-error-message">{error.localized(x.zh ? 'zh-CN' : 'en-US')}</span>}
      description={
        <div style={{ overflowWrap: 'anywhere' }}>
          {citation ? (
            <div data-testid="action-error-citation">
              {x.t('citation')}
              {citation}
            </div>
          ) : null}
          {allowed ? (
            <div>
              {x.t('allowedNow')}
              {allowed.map(x.action).join(x.sep) || '—'}
            </div>
          ) : null}
          {more.length ? <LicensingRefusalList refusals={more} /> : null}
          {error.issues.length ? (
            <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
              {error.issues.map((i, n) => (
                <li key={n}>
                  <code>{issuePath(i).join('.')}</code>: {issueMessage(i, x.zh ? 'zh-CN' : 'en-US')}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      }
    />
  );
}

/** A refusal the step's own form answers (the domain's LICENSING_INPUT_GUARDS) leaves its button enabled. */
export function isResolvableInForm(action: string, refusals: CaseRefusal[]): boolean {
  return isLicensingRefusalAnsweredByInput(action, refusals);
}

/**
 * The application's buttons: the server's available actions (enabled) and refused ones (disabled, with reasons and
 * citations), ordered as the domain's transition table lists them for the status. Read-only roles see none.
 */
export function LicensingActionBar({ app, onAction }: { app: LicenceApplication; onAction: (a: string) => void }) {
  const x = useLicensingText();
  const can = useCan();
  if (!can(Permission.CASE_HANDLE)) return <Typography.Text type="secondary">{x.t('readOnly')}</Typography.Text>;
  const table = Object.keys((LICENSING_TRANSITIONS as Record<string, object>)[app.status as LicensingStatus] ?? {});
  const buttons = [
    ...app.availableActions.map((a) => ({ action: a, refusals: [] as CaseRefusal[] })),
    ...app.refusedActions.map((r) => (isResolvableInForm(r.action, r.refusals) ? { action: r.action, refusals: [] as CaseRefusal[] } : r)),
  ].sort((a, b) => table.indexOf(a.action) - table.indexOf(b.action));
  if (buttons.length === 0) return <Typography.Text type="secondary" data-testid="no-actions">{x.t('noActions')}</Typography.Text>;
  const primary = buttons.find((b) => b.refusals.length === 0 && !DANGER_ACTIONS.includes(b.action))?.action;
  return (
    <div className="zf-case-actions" data-testid="licensing-actions">
      {buttons.map((b) => {
        const refused = b.refusals.length > 0;
        const button = (
          <Button
            key={b.action}
            type={b.action === primary ? 'primary' : 'default'}
            danger={DANGER_ACTIONS.includes(b.action)}
            disabled={refused}
            icon={refused ? <LockOutlined /> : undefined}
            onClick={() => onAction(b.action)}
            data-testid={`action-${b.action}`}
            data-refused={refused ? 'true' : 'false'}
          >
            {x.action(b.action)}
          </Button>
        );
        if (!refused) return button;
        return (
          <Popover key={b.action} title={`${x.t('refusedTitle')}${x.action(b.action)}`} content={<LicensingRefusalList refusals={b.refusals} />} trigger={['hover', 'click']}>
            <span style={{ display: 'inline-block', cursor: 'not-allowed' }} data-testid={`action-refused-${b.action}`} tabIndex={0}>
              {button}
            </span>
          </Popover>
        );
      })}
    </div>
  );
}

function OfficerSelect({ agencyId, value, onChange, multiple, testId }: { agencyId: string; value?: string | string[]; onChange?: (v: string | string[]) => void; multiple?: boolean; testId: string }) {
  const list = useAgencyOfficers(agencyId, false);
  const options = useMemo(() => (list.data?.items ?? []).filter((o) => o.onDuty).map((o) => ({ value: o.id, label: o.name })), [list.data]);
  return (
    <Select
      mode={multiple ? 'multiple' : undefined}
      value={value}
      onChange={(v) => onChange?.(v)}
      options={options}
      loading={list.isFetching}
      showSearch={{ optionFilterProp: 'label' }}
      data-testid={testId}
      style={{ width: '100%' }}
    />
  );
}

interface Values {
  reason?: string;
  materials?: string[];
  sealedReceiptIssued?: boolean;
  notAcceptedReason?: string;
  referralAgency?: string;
  falseSafety?: boolean;
  isFalse?: boolean;
  reviewerIds?: string[];
  verifierIds?: string[];
  needsSubstantiveVerification?: boolean;
  involvesOthersMajorInterests?: boolean;
  isHearingRequired?: boolean;
  approvedBy?: string;
  reasonsToldOn?: Dayjs;
  hearingDate?: Dayjs;
  presiderId?: string;
  hasTranscript?: boolean;
  remediesStated?: boolean;
  conditions?: string;
  certificateNo?: string;
  validFrom?: Dayjs;
  expiresOn?: Dayjs;
}

const d = (v: Dayjs | undefined) => (v ? v.format(DATE) : undefined);

/** The payload of a step from its form (only the fields that step reads on the server). */
export function toLicensingPayload(action: string, v: Values): Record<string, unknown> {
  const reason = v.reason?.trim() || undefined;
  switch (action) {
    case 'receive_supplement':
      return { materials: v.materials ?? [] };
    case 'accept':
      return { sealedReceiptIssued: !!v.sealedReceiptIssued };
    case 'not_accept':
      return {
        sealedReceiptIssued: !!v.sealedReceiptIssued,
        notAcceptedReason: v.notAcceptedReason,
        reason,
        ...(v.referralAgency?.trim() ? { referralAgency: v.referralAgency.trim() } : {}),
        ...(v.notAcceptedReason === 'false_materials' ? { falseApplication: { isSafetyRelated: !!v.falseSafety } } : {}),
      };
    case 'start_review':
      return { reviewerIds: v.reviewerIds ?? [], verifierIds: v.verifierIds ?? [], needsSubstantiveVerification: !!v.needsSubstantiveVerification, involvesOthersMajorInterests: !!v.involvesOthersMajorInterests, isHearingRequired: !!v.isHearingRequired };
    case 'extend_period':
      return { extension: { approvedBy: v.approvedBy ?? null, reasons: v.reason?.trim() ?? '', reasonsToldOn: d(v.reasonsToldOn) ?? null } };
    case 'schedule_hearing':
      return { hearingDate: d(v.hearingDate), presiderId: v.presiderId };
    case 'hold_hearing':
      return { hasTranscript: !!v.hasTranscript };
    case 'grant':
      return { reason, ...(v.conditions?.trim() ? { conditions: v.conditions.trim() } : {}), ...(v.verifierIds?.length ? { verifierIds: v.verifierIds } : {}) };
    case 'refuse':
      return { reason, remediesStated: !!v.remediesStated, ...(v.verifierIds?.length ? { verifierIds: v.verifierIds } : {}), ...(v.isFalse ? { falseApplication: { isSafetyRelated: !!v.falseSafety } } : {}) };
    case 'issue_certificate':
      return { certificateNo: v.certificateNo?.trim(), validFrom: d(v.validFrom), expiresOn: d(v.expiresOn) ?? null };
    case 'withdraw':
      return { reason };
    default:
      return {};
  }
}

/** One form per step; the server's refusal (with its citation) shows above the form and nothing changes. */
export function LicensingActionDrawer({ app, action, onClose, onDone }: { app: LicenceApplication; action: string | null; onClose: () => void; onDone: (a: LicenceApplication, action: string) => void }) {
  const x = useLicensingText();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const notAcceptedReason = Form.useWatch('notAcceptedReason', form);
  const isFalse = Form.useWatch('isFalse', form);
  // A new key per step and version: a retried submit of the same form is answered without a second event.
  const key = useMemo(() => newIdempotencyKey(), [action, app.version]);
  const run = useMutation({
    mutationFn: (v: Values) => api.post<LicenceApplication>(`/licensing/applications/${app.id}/actions/${action}`, { payload: toLicensingPayload(action!, v), version: app.version, idempotencyKey: key }),
    onSuccess: (a) => {
      form.resetFields();
      onDone(a, action!);
    },
  });
  const refusals = app.refusedActions.find((r) => r.action === action)?.refusals ?? [];
  const today = dayjs(app.today);
  const req = [{ required: true }];
  const fields = (() => {
    switch (action) {
      case 'request_supplement':
        return (
          <Alert
            type="info"
            showIcon
            title={x.zh ? '一次告知申请人需要补正的全部内容：' : 'The notice lists every missing material:'}
            description={<ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="supplement-list">{app.missingMaterials.map((m) => <li key={m}>{m}</li>)}</ul>}
          />
        );
      case 'receive_supplement':
        return (
          <Form.Item name="materials" label={x.zh ? '收到的补正材料' : 'Materials received'} rules={req} initialValue={app.missingMaterials}>
            <Checkbox.Group options={app.facts.requiredMaterials.filter((m) => !app.facts.submittedMaterials.includes(m))} style={{ display: 'flex', flexDirection: 'column' }} />
          </Form.Item>
        );
      case 'accept':
        return (
          <Form.Item name="sealedReceiptIssued" valuePropName="checked" initialValue>
            <Checkbox data-testid="sealed-receipt">{x.zh ? '已出具加盖本机关专用印章并注明日期的受理凭证（第三十二条第二款）' : 'Sealed, dated receipt issued (Art.32 para 2)'}</Checkbox>
          </Form.Item>
        );
      case 'not_accept':
        return (
          <>
            <Form.Item name="notAcceptedReason" label={x.zh ? '不予受理情形' : 'Ground'} rules={req}>
              <Select options={Object.keys(NOT_ACCEPTED_REASONS).map((k) => ({ value: k, label: x.notAccepted(k) }))} data-testid="not-accepted-reason" />
            </Form.Item>
            <Form.Item name="reason" label={x.t('reason')} rules={req}>
              <Input.TextArea rows={3} data-testid="field-reason" />
            </Form.Item>
            {notAcceptedReason === 'not_competent' ? (
              <Form.Item name="referralAgency" label={x.zh ? '告知向其申请的机关' : 'Competent agency'} rules={req}>
                <Input />
              </Form.Item>
            ) : null}
            {notAcceptedReason === 'false_materials' ? (
              <Form.Item name="falseSafety" valuePropName="checked">
                <Checkbox>{x.zh ? '该许可涉及公共安全、人身健康、生命财产安全（列入一年禁止申请登记，第七十八条）' : 'Safety-related licence: enter a 1-year ban (Art.78)'}</Checkbox>
              </Form.Item>
            ) : null}
            <Form.Item name="sealedReceiptIssued" valuePropName="checked" initialValue>
              <Checkbox>{x.zh ? '已出具加盖印章、注明日期的不予受理凭证' : 'Sealed, dated receipt issued'}</Checkbox>
            </Form.Item>
          </>
        );
      case 'start_review':
        return (
          <>
            <Form.Item name="reviewerIds" label={x.t('reviewers')} rules={req}>
              <OfficerSelect agencyId={app.agencyId} multiple testId="reviewer-ids" />
            </Form.Item>
            <Form.Item name="needsSubstantiveVerification" valuePropName="checked">
              <Checkbox>{x.zh ? '需要核实申请材料实质内容（两名以上核查人员，第三十四条第三款）' : 'Substantive verification needed (≥2 staff, Art.34)'}</Checkbox>
            </Form.Item>
            <Form.Item name="verifierIds" label={x.t('verifiers')}>
              <OfficerSelect agencyId={app.agencyId} multiple testId="verifier-ids" />
            </Form.Item>
            <Form.Item name="involvesOthersMajorInterests" valuePropName="checked">
              <Checkbox>{x.zh ? '直接涉及申请人与他人之间重大利益关系（第四十七条）' : 'Major interests of others (Art.47)'}</Checkbox>
            </Form.Item>
            <Form.Item name="isHearingRequired" valuePropName="checked">
              <Checkbox>{x.zh ? '依法应当听证或涉及公共利益需要听证（第四十六条）' : 'Hearing required by law or public interest (Art.46)'}</Checkbox>
            </Form.Item>
          </>
        );
      case 'extend_period':
        return (
          <>
            <Form.Item name="approvedBy" label={x.zh ? '批准人' : 'Approved by'} rules={req} initialValue={app.facts.isJointHandling ? 'government_head' : 'agency_head'}>
              <Select
                options={[
                  { value: 'agency_head', label: x.zh ? '本行政机关负责人' : 'Agency head' },
                  { value: 'government_head', label: x.zh ? '本级人民政府负责人（联合办理）' : 'Government head (joint handling)' },
                ]}
              />
            </Form.Item>
            <Form.Item name="reason" label={x.zh ? '延长理由' : 'Reasons'} rules={req}>
              <Input.TextArea rows={3} data-testid="field-reason" />
            </Form.Item>
            <Form.Item name="reasonsToldOn" label={x.zh ? '告知申请人日期' : 'Reasons told on'} rules={req} initialValue={today}>
              <DatePicker disabledDate={(v) => v.isAfter(today, 'day')} />
            </Form.Item>
          </>
        );
      case 'schedule_hearing':
        return (
          <>
            <Form.Item name="hearingDate" label={x.zh ? '听证日期（通知发出七日后）' : 'Hearing date (7 days after notice)'} rules={req}>
              <DatePicker disabledDate={(v) => v.isBefore(today, 'day')} data-testid="hearing-date" />
            </Form.Item>
            <Form.Item name="presiderId" label={x.zh ? '听证主持人（非审查人员）' : 'Presider (not a reviewer)'} rules={req}>
              <OfficerSelect agencyId={app.agencyId} testId="presider-id" />
            </Form.Item>
          </>
        );
      case 'hold_hearing':
        return (
          <Form.Item name="hasTranscript" valuePropName="checked" initialValue>
            <Checkbox>{x.zh ? '已制作听证笔录并经参与人确认签字（第四十八条）' : 'Transcript made and signed (Art.48)'}</Checkbox>
          </Form.Item>
        );
      case 'grant':
      case 'refuse':
        return (
          <>
            <Form.Item name="reason" label={action === 'refuse' ? (x.zh ? '不予许可的理由' : 'Reasons for refusal') : x.zh ? '决定理由' : 'Reasons'} rules={action === 'refuse' ? req : []}>
              <Input.TextArea rows={3} data-testid="field-reason" />
            </Form.Item>
            {action === 'grant' ? (
              <Form.Item name="conditions" label={x.zh ? '许可条件（如有）' : 'Conditions (if any)'}>
                <Input.TextArea rows={2} />
              </Form.Item>
            ) : (
              <>
                <Form.Item name="remediesStated" valuePropName="checked">
                  <Checkbox data-testid="remedies-stated">{x.zh ? '决定书已告知申请行政复议或者提起行政诉讼的权利（第三十八条第二款）' : 'Review and litigation rights stated (Art.38 para 2)'}</Checkbox>
                </Form.Item>
                <Form.Item name="isFalse" valuePropName="checked">
                  <Checkbox>{x.zh ? '申请人隐瞒有关情况或提供虚假材料（第七十八条）' : 'False or concealed application (Art.78)'}</Checkbox>
                </Form.Item>
                {isFalse ? (
                  <Form.Item name="falseSafety" valuePropName="checked">
                    <Checkbox>{x.t('safety')}</Checkbox>
                  </Form.Item>
                ) : null}
              </>
            )}
            {app.facts.needsSubstantiveVerification ? (
              <Form.Item name="verifierIds" label={x.zh ? '补充核查人员' : 'Add verifiers'}>
                <OfficerSelect agencyId={app.agencyId} multiple testId="verifier-ids" />
              </Form.Item>
            ) : null}
          </>
        );
      case 'issue_certificate':
        return (
          <>
            <Form.Item name="certificateNo" label={x.zh ? '许可证编号' : 'Certificate no.'} rules={req}>
              <Input data-testid="certificate-no" />
            </Form.Item>
            <Form.Item name="validFrom" label={x.zh ? '有效期自' : 'Valid from'} initialValue={today}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="expiresOn" label={x.zh ? '有效期至' : 'Valid until'}>
              <DatePicker data-testid="expires-on" />
            </Form.Item>
          </>
        );
      case 'withdraw':
        return (
          <Form.Item name="reason" label={x.zh ? '申请人书面撤回申请的理由' : 'Applicant’s written withdrawal'} rules={req}>
            <Input.TextArea rows={3} data-testid="field-reason" />
          </Form.Item>
        );
      default:
        return null;
    }
  })();
  return (
    <Drawer open={!!action} onClose={onClose} title={action ? x.action(action) : ''} size={screens.md ? 520 : '100%'} destroyOnHidden data-testid="licensing-action-drawer">
      {refusals.length ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={<LicensingRefusalList refusals={refusals} />} /> : null}
      <LicensingErrorAlert error={run.error} />
      <Form form={form} layout="vertical" onFinish={(v) => run.mutate(v)} data-testid={`licensing-form-${action ?? ''}`}>
        {fields}
        <Space style={{ marginTop: 12 }}>
          <Button type="primary" htmlType="submit" loading={run.isPending} danger={!!action && DANGER_ACTIONS.includes(action)} data-testid="action-submit">
            {x.t('confirm')}
          </Button>
          <Button onClick={onClose}>{x.t('cancel')}</Button>
        </Space>
      </Form>
    </Drawer>
  );
}
