import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Empty, Form, Grid, Input, Modal, Radio, Row, Select, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { Permission, useCan } from '../../../auth/auth.tsx';
import { DeadlinesCard } from '../../../components/cases/DeadlinesCard.tsx';
import { ProcedureDocuments } from '../../../components/cases/ProcedureDocuments.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import type { LicenceApplication, LicensingEvent } from '../../../components/licensing/licensing-api.ts';
import { LicensingActionBar, LicensingActionDrawer, LicensingErrorAlert } from '../../../components/licensing/LicensingActions.tsx';
import { EXCLUSION_LABELS, licensingStatusColor, useLicensingText } from '../../../components/licensing/useLicensingText.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BackButton } from '../../../components/RecordActions.tsx';
import { fmtDateTime } from '../../../lib/format.ts';
import { DATE } from '../../../lib/format.ts';
import '../../../components/cases/cases.css';

const appKey = (id: string) => ['licensing', 'detail', id] as const;
const REVIEW = ['accepted', 'under_review', 'hearing_rights_notified', 'hearing_requested', 'hearing_scheduled', 'hearing_held'];

type RecordKind = 'start_exclusion' | 'end_exclusion' | 'apply_renewal' | 'decide_renewal';
interface RecordValues {
  kind?: string;
  from?: Dayjs;
  to?: Dayjs;
  toldInWritingOn?: Dayjs;
  appliedOn?: Dayjs;
  isGranted?: boolean;
  reasons?: string;
}

/** Records kept beside the table: excluded periods (Art.45) and renewal (Art.50), each one event on the server. */
function RecordModal({ app, kind, onClose, onDone }: { app: LicenceApplication; kind: RecordKind | null; onClose: () => void; onDone: (a: LicenceApplication) => void }) {
  const x = useLicensingText();
  const [form] = Form.useForm<RecordValues>();
  const d = (v: Dayjs | undefined) => (v ? v.format(DATE) : undefined);
  const run = useMutation({
    mutationFn: (v: RecordValues) => {
      const base = `/licensing/applications/${app.id}`;
      if (kind === 'start_exclusion') return api.post<LicenceApplication>(`${base}/exclusions`, { kind: v.kind, from: d(v.from), toldInWritingOn: d(v.toldInWritingOn) ?? null, version: app.version });
      if (kind === 'end_exclusion') return api.post<LicenceApplication>(`${base}/exclusions/end`, { to: d(v.to), version: app.version });
      if (kind === 'apply_renewal') return api.post<LicenceApplication>(`${base}/renewal`, { appliedOn: d(v.appliedOn), version: app.version });
      return api.post<LicenceApplication>(`${base}/renewal/decision`, { isGranted: !!v.isGranted, reasons: v.reasons ?? '', version: app.version });
    },
    onSuccess: (a) => {
      form.resetFields();
      onDone(a);
    },
  });
  const today = dayjs(app.today);
  const notFuture = (v: Dayjs) => v.isAfter(today, 'day');
  return (
    <Modal open={!!kind} title={kind ? x.action(kind) : ''} onCancel={onClose} onOk={() => form.submit()} confirmLoading={run.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'record-submit' } as Record<`data-${string}`, string>}>
      <LicensingErrorAlert error={run.error} />
      <Form form={form} layout="vertical" onFinish={(v) => run.mutate(v)} initialValues={{ from: today, to: today, appliedOn: today, toldInWritingOn: today, isGranted: true }}>
        {kind === 'start_exclusion' ? (
          <>
            <Form.Item name="kind" label={x.t('kind')} rules={[{ required: true }]}>
              <Select options={Object.keys(EXCLUSION_LABELS).map((k) => ({ value: k, label: x.exclusion(k) }))} data-testid="exclusion-kind" />
            </Form.Item>
            <Form.Item name="from" label={x.zh ? '开始日期' : 'From'}>
              <DatePicker disabledDate={notFuture} />
            </Form.Item>
            <Form.Item name="toldInWritingOn" label={x.zh ? '书面告知申请人日期（未告知的不扣除，第四十五条）' : 'Told in writing on (untold time still counts, Art.45)'}>
              <DatePicker disabledDate={notFuture} allowClear />
            </Form.Item>
          </>
        ) : null}
        {kind === 'end_exclusion' ? (
          <Form.Item name="to" label={x.zh ? '结束日期' : 'To'}>
            <DatePicker disabledDate={notFuture} />
          </Form.Item>
        ) : null}
        {kind === 'apply_renewal' ? (
          <Form.Item name="appliedOn" label={x.zh ? '延续申请日期' : 'Applied on'} extra={app.renewal ? `${x.zh ? '应于' : 'Apply by '}${app.renewal.applyBy}${x.zh ? '前提出' : ''}` : null}>
            <DatePicker disabledDate={notFuture} />
          </Form.Item>
        ) : null}
        {kind === 'decide_renewal' ? (
          <>
            <Form.Item name="isGranted">
              <Radio.Group options={[{ value: true, label: x.renewal('granted') }, { value: false, label: x.renewal('refused') }]} optionType="button" />
            </Form.Item>
            <Form.Item name="reasons" label={x.t('reason')}>
              <Input.TextArea rows={3} />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}

/** A step's payload as readable lines in the timeline. */
function eventLines(e: LicensingEvent, x: ReturnType<typeof useLicensingText>): string[] {
  const p = e.payload ?? {};
  const out: string[] = [];
  const s = (k: string) => (typeof p[k] === 'string' && p[k] ? (p[k] as string) : null);
  if (Array.isArray(p.missingItems)) out.push(`${x.t('missing')}：${(p.missingItems as string[]).join(x.sep)}`);
  if (Array.isArray(p.submittedMaterials)) out.push(`${x.t('submitted')}：${(p.submittedMaterials as string[]).join(x.sep) || '—'}`);
  if (Array.isArray(p.materials)) out.push(`${x.t('submitted')}：${(p.materials as string[]).join(x.sep)}`);
  if (s('notAcceptedReason')) out.push(x.notAccepted(s('notAcceptedReason')!));
  if (s('reason')) out.push(`${x.t('reason')}：${s('reason')}`);
  if (s('certificateNo')) out.push(`${x.t('licence')}：${s('certificateNo')}${s('expiresOn') ? ` · ${s('expiresOn')}` : ''}`);
  if (s('hearingDate')) out.push(`${x.zh ? '听证日期' : 'Hearing'}：${s('hearingDate')}`);
  if (s('kind') && e.action === 'start_exclusion') out.push(x.exclusion(s('kind')!));
  if (p.extension && typeof p.extension === 'object') out.push(`${x.t('reason')}：${(p.extension as { reasons?: string }).reasons ?? ''}`);
  if (Array.isArray(p.notices) && p.notices.length) out.push(`⚠ ${(p.notices as string[]).join(x.sep)}`);
  return out;
}

/**
 * 许可申请详情: where the application stands, the steps open now (from the domain table, refused ones with their
 * citation), its statutory time limits over the holiday calendar, the excluded periods and renewal, and its history.
 */
export default function LicenceDetailPage() {
  const { id = '' } = useParams();
  const x = useLicensingText();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [action, setAction] = useState<string | null>(null);
  const [recordKind, setRecordKind] = useState<RecordKind | null>(null);
  const q = useQuery({ queryKey: appKey(id), queryFn: ({ signal }) => api.get<LicenceApplication>(`/licensing/applications/${id}`, undefined, signal) });
  const events = useQuery({ queryKey: ['licensing', 'events', id], queryFn: ({ signal }) => api.get<LicensingEvent[]>(`/licensing/applications/${id}/events`, undefined, signal) });
  const a = q.data;
  if (q.isPending) return <Skeleton active />;
  if (q.isError || !a) return <ErrorAlert error={q.error} />;
  const f = a.facts;
  const done = (updated: LicenceApplication, what: string) => {
    qc.setQueryData(appKey(id), updated);
    void qc.invalidateQueries({ queryKey: ['licensing'], predicate: (query) => query.queryKey[1] !== 'detail' });
    void message.success(x.t('done') + x.action(what));
    setAction(null);
    setRecordKind(null);
  };
  const handle = can(Permission.CASE_HANDLE);
  const runningExclusion = f.exclusions.find((e) => e.to === null);
  const identifier = a.applicant.type === 'individual' ? a.applicant.idNumber : a.applicant.uscc;
  return (
    <div data-testid="licensing-detail" className="zf-case-page" data-status={a.status} data-version={a.version}>
      <PageHeader
        title={
          <Space wrap size={8}>
            <BackButton to="/admin/licensing" />
            <span data-testid="application-no">{a.applicationNo}</span>
            <Tag color={licensingStatusColor(a.status)} data-testid="licensing-status">
              {x.status(a.status)}
            </Tag>
            {f.isJointHandling ? <Tag>{x.t('joint')}</Tag> : null}
          </Space>
        }
        sub={`${a.applicant.name} · ${a.itemName}`}
      />
      <Card size="small" title={x.t('actions')} style={{ marginBottom: 12 }}>
        <LicensingActionBar app={a} onAction={setAction} />
      </Card>
      {a.notices.length ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={x.t('notices')}
          data-testid="licensing-notices"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {a.notices.map((n, i) => (
                <li key={i} data-kind={n.kind}>
                  {(x.zh ? n.messageZh : n.message) ?? n.kind}
                  {n.citation ? `（${n.citation}）` : ''}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={16}>
          <Card size="small" title={x.zh ? '基本信息' : 'Details'} data-testid="licensing-info">
            <Descriptions
              bordered
              size="small"
              layout={screens.sm === false ? 'vertical' : 'horizontal'}
              // Materials and applicant names are long: two columns only on wide screens.
              column={{ xs: 1, sm: 1, md: 1, lg: 1, xl: 1, xxl: 2 }}
              styles={{ label: { whiteSpace: 'nowrap' } }}
              items={[
                { key: 'no', label: x.t('applicationNo'), children: a.applicationNo },
                { key: 'status', label: x.t('status'), children: x.status(a.status) },
                {
                  key: 'applicant',
                  label: x.t('applicant'),
                  children: (
                    <div>
                      <Link to={`/admin/parties/${a.partyId}`}>{a.applicant.name}</Link>
                      <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>{identifier}</div>
                    </div>
                  ),
                },
                { key: 'item', label: x.t('item'), children: <Link to={`/admin/items/${a.itemId}`}>{[a.itemCode, a.itemName].filter(Boolean).join(' ')}</Link> },
                { key: 'agency', label: x.t('agency'), children: a.agencyName },
                { key: 'received', label: x.t('receivedOn'), children: f.receivedOn },
                { key: 'accepted', label: x.t('acceptedOn'), children: f.acceptedOn ?? (a.intake.acceptedFrom ? `${a.intake.acceptedFrom}（${x.zh ? '视为受理' : 'deemed'}）` : '—') },
                {
                  key: 'materials',
                  label: x.t('materials'),
                  span: 'filled' as const,
                  children: (
                    <div data-testid="licensing-materials-status">
                      <div>
                        {x.t('submitted')}：{f.submittedMaterials.join(x.sep) || '—'}
                      </div>
                      <div>
                        {a.missingMaterials.length ? (
                          <Typography.Text type="danger" data-testid="licensing-missing">
                            {x.t('missing')}：{a.missingMaterials.join(x.sep)}
                          </Typography.Text>
                        ) : (
                          <Typography.Text type="success">{x.t('noMissing')}</Typography.Text>
                        )}
                      </div>
                      {f.supplementNotices.map((n, i) => (
                        <div key={i} style={{ fontSize: 12 }}>
                          {n.servedOn} {x.action('request_supplement')}：{n.missingItems.join(x.sep)}
                        </div>
                      ))}
                    </div>
                  ),
                },
                { key: 'reviewers', label: x.t('reviewers'), children: a.reviewers.map((o) => o.name).join(x.sep) || '—' },
                { key: 'verifiers', label: x.t('verifiers'), children: a.verifiers.map((o) => o.name).join(x.sep) || '—' },
                ...(f.hearingDate ? [{ key: 'hearing', label: x.t('presider'), children: `${a.presider?.name ?? '—'} · ${f.hearingDate}` }] : []),
                ...(f.notAccepted ? [{ key: 'na', label: x.action('not_accept'), span: 'filled' as const, children: `${f.notAccepted.decidedOn} · ${x.notAccepted(f.notAccepted.reason)} · ${f.notAccepted.explanation}` }] : []),
                ...(f.decision ? [{ key: 'decision', label: x.t('decision'), span: 'filled' as const, children: `${f.decision.decidedOn} · ${x.action(f.decision.kind)}${f.decision.reasons ? ` · ${f.decision.reasons}` : ''}` }] : []),
                ...(a.content.licence
                  ? [
                      {
                        key: 'licence',
                        label: x.t('licence'),
                        span: 'filled' as const,
                        children: <span data-testid="licensing-licence">{`${a.content.licence.certificateNo} · ${a.content.licence.validFrom} ~ ${a.content.licence.expiresOn ?? (x.zh ? '长期' : 'no term')}`}</span>,
                      },
                    ]
                  : []),
                ...(a.content.withdrawal ? [{ key: 'withdrawal', label: x.action('withdraw'), span: 'filled' as const, children: `${a.content.withdrawal.on} · ${a.content.withdrawal.reason}` }] : []),
                ...(a.bans.length ? [{ key: 'bans', label: x.t('bans'), span: 'filled' as const, children: a.bans.map((b) => `${x.banKind(b.kind)} · ${b.decidedOn}`).join('；') }] : []),
                { key: 'version', label: x.zh ? '版本' : 'Version', children: `v${a.version} · ${fmtDateTime(a.updatedAt)}` },
              ]}
            />
          </Card>
          {REVIEW.includes(a.status) || f.exclusions.length ? (
            <Card
              size="small"
              title={x.t('exclusions')}
              style={{ marginTop: 12 }}
              data-testid="licensing-exclusions"
              extra={
                handle && REVIEW.includes(a.status) ? (
                  runningExclusion ? (
                    <Button size="small" onClick={() => setRecordKind('end_exclusion')} data-testid="exclusion-end">
                      {x.t('endExclusion')}
                    </Button>
                  ) : (
                    <Button size="small" onClick={() => setRecordKind('start_exclusion')} data-testid="exclusion-start">
                      {x.t('startExclusion')}
                    </Button>
                  )
                ) : null
              }
            >
              {f.exclusions.length ? (
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {f.exclusions.map((e, i) => (
                    <li key={i}>
                      {x.exclusion(e.kind)} · {e.from} ~ {e.to ?? '…'} · {e.toldInWritingOn ? `${x.zh ? '已书面告知' : 'told'} ${e.toldInWritingOn}` : <Typography.Text type="danger">{x.zh ? '未书面告知（不扣除）' : 'not told (still counts)'}</Typography.Text>}
                    </li>
                  ))}
                </ul>
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
              )}
            </Card>
          ) : null}
          {a.renewal ? (
            <Card
              size="small"
              title={x.t('renewal')}
              style={{ marginTop: 12 }}
              data-testid="licensing-renewal"
              extra={
                handle ? (
                  !a.renewal.appliedOn ? (
                    <Button size="small" onClick={() => setRecordKind('apply_renewal')} data-testid="renewal-apply">
                      {x.t('applyRenewal')}
                    </Button>
                  ) : !a.renewal.decision ? (
                    <Button size="small" onClick={() => setRecordKind('decide_renewal')} data-testid="renewal-decide">
                      {x.t('decideRenewal')}
                    </Button>
                  ) : null
                ) : null
              }
            >
              <Space wrap>
                <Tag color={a.renewal.state === 'deemed_granted' || a.renewal.state === 'granted' ? 'green' : a.renewal.state === 'expired' || a.renewal.state === 'application_overdue' ? 'red' : 'blue'}>{x.renewal(a.renewal.state)}</Tag>
                <span>
                  {x.zh ? '申请截止' : 'Apply by'} {a.renewal.applyBy} · {x.zh ? '决定截止' : 'Decide by'} {a.renewal.decideBy} · {a.renewal.citation}
                </span>
              </Space>
            </Card>
          ) : null}
        </Col>
        <Col xs={24} lg={8}>
          <DeadlinesCard deadlines={a.deadlines} />
          <div style={{ marginTop: 12 }}>
            <ProcedureDocuments subject="licence_application" id={a.id} refreshKey={a.version} />
          </div>
        </Col>
        <Col xs={24}>
          <Card size="small" title={x.t('timeline')} data-testid="licensing-timeline">
            {events.isPending ? (
              <Skeleton active />
            ) : events.isError ? (
              <ErrorAlert error={events.error} />
            ) : (
              <Timeline
                items={events.data.map((e) => ({
                  key: e.id,
                  color: ['not_accepted', 'refused', 'withdrawn'].includes(e.toStatus) ? 'red' : e.toStatus === 'closed' || e.toStatus === 'certificate_issued' ? 'green' : 'blue',
                  content: (
                    <div data-testid={`event-${e.action}`}>
                      <Typography.Text strong>{x.action(e.action)}</Typography.Text>
                      <Typography.Text type="secondary">
                        {' '}
                        · {fmtDateTime(e.occurredAt)} · {e.actorName ?? ''} · {x.status(e.toStatus)}
                      </Typography.Text>
                      {eventLines(e, x).map((l, i) => (
                        <div key={i} style={{ fontSize: 12 }}>
                          {l}
                        </div>
                      ))}
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>
      <LicensingActionDrawer app={a} action={action} onClose={() => setAction(null)} onDone={done} />
      <RecordModal app={a} kind={recordKind} onClose={() => setRecordKind(null)} onDone={(u) => done(u, recordKind!)} />
    </div>
  );
}
