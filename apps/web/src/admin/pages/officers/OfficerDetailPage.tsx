import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Row, Skeleton, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import type { Assessment, Certificate, OfficerDetail, Region, Training } from '../../../api/types.ts';
import { Permission, useAuth, useCan } from '../../../auth/auth.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { HistoryView } from '../../../components/HistoryView.tsx';
import { OfficerCard } from '../../../components/OfficerCard.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ReasonModal } from '../../../components/ReasonModal.tsx';
import { BackButton, RecordActions, WithdrawModal } from '../../../components/RecordActions.tsx';
import { CertStatusTag, PublishedTag } from '../../../components/StatusTags.tsx';
import { WithdrawnNotice } from '../../../components/WithdrawnNotice.tsx';
import { useT } from '../../../i18n/index.tsx';
import { useErrorText } from '../../../lib/errors.ts';
import { dash, fmtDate, fmtDateTime } from '../../../lib/format.ts';
import { useLabels } from '../../../lib/labels.ts';
import { useRegistryRecord } from '../../../lib/registry.ts';
import { usePublishWithdraw } from '../../../lib/usePublishWithdraw.ts';
import { CertificateModal } from './CertificateModal.tsx';
import { AssessmentModal, TrainingModal } from './RecordModals.tsx';

const CERT_ACTION_DANGER = new Set(['revoke', 'cancel', 'suspend']);

export default function OfficerDetailPage() {
  const { id = '' } = useParams();
  const photoInput = useRef<HTMLInputElement>(null);
  const t = useT();
  const labels = useLabels();
  const can = useCan();
  const me = useAuth();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [certModal, setCertModal] = useState<{ open: boolean; editing: Certificate | null }>({ open: false, editing: null });
  const [certAction, setCertAction] = useState<{ cert: Certificate; action: string } | null>(null);
  const [trainingOpen, setTrainingOpen] = useState(false);
  const [assessmentOpen, setAssessmentOpen] = useState(false);

  const q = useRegistryRecord<OfficerDetail>('officers', id);
  const o = q.data;
  const primary = o ? (o.certificates.find((c) => c.id === o.certificateSummary?.id) ?? o.certificates.find((c) => c.number === o.certificateSummary?.number) ?? o.certificates[0] ?? null) : null;
  const area = useQuery({
    queryKey: ['regions', 'one', primary?.areaCode],
    queryFn: ({ signal }) => api.get<Region>(`/regions/${primary?.areaCode}`, undefined, signal),
    enabled: !!primary?.areaCode,
    staleTime: 300_000,
    retry: false,
  });
  const actions = usePublishWithdraw<OfficerDetail>('officers');
  const refresh = actions.refresh;

  const uploadPhoto = useMutation({
    mutationFn: (file: File) => api.upload<undefined>(`/officers/${id}/photo`, file),
    onSuccess: () => {
      void message.success(t('common.saved'));
      refresh();
    },
    onError: (e) => void message.error(errorText(e)),
  });

  if (q.isPending) return <Skeleton active />;
  if (q.isError || !o) return <ErrorAlert error={q.error} />;
  const canWrite = can(Permission.REGISTRY_WRITE_AGENCY) && !o.withdrawnAt;
  const canCertAction = (a: string) => (a === 'cancel' ? can(Permission.REGISTRY_WRITE_AGENCY) : can(Permission.REGISTRY_SUPERVISE) || me.user.role === 'system_admin');

  return (
    <div data-testid="officer-detail">
      <PageHeader
        title={
          <Space wrap>
            <BackButton to="/admin/officers" />
            <span data-testid="officer-name">{o.name}</span>
            <PublishedTag published={o.published} withdrawnAt={o.withdrawnAt} />
            {!o.onDuty ? <Tag>{t('officer.offDuty')}</Tag> : null}
          </Space>
        }
        extra={canWrite ? <RecordActions actions={actions} record={o} testIdPrefix="officer" withdrawLabel={t('officer.withdraw')} /> : null}
      />
      <WithdrawnNotice withdrawnAt={o.withdrawnAt} reason={o.withdrawReason} />
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={9}>
          <OfficerCard officer={o} certificate={primary} areaName={area.data ? area.data.name : null} />
          {canWrite ? (
            <>
              <Button size="small" style={{ marginTop: 8 }} loading={uploadPhoto.isPending} onClick={() => photoInput.current?.click()} data-testid="officer-photo-upload">
                {t('officer.photo.upload')}
              </Button>
              <input
                ref={photoInput}
                type="file"
                accept="image/jpeg,image/png"
                hidden
                data-testid="officer-photo-input"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  e.target.value = '';
                  if (file) uploadPhoto.mutate(file);
                }}
              />
            </>
          ) : null}
        </Col>
        <Col xs={24} xl={15}>
          <Card size="small">
            <Tabs
              items={[
                {
                  key: 'info',
                  label: t('common.basicInfo'),
                  children: (
                    <Descriptions
                      bordered
                      size="small"
                      column={{ xs: 1, md: 2 }}
                      items={[
                        { key: 'name', label: t('common.name'), children: o.name },
                        { key: 'id', label: t('officer.idNumber'), children: <Typography.Text copyable={!!o.idNumber}>{o.idNumber ?? o.idNumberMasked}</Typography.Text> },
                        { key: 'gender', label: t('officer.gender'), children: labels.enumText('gender', o.gender) },
                        { key: 'birth', label: t('officer.birthDate'), children: fmtDate(o.birthDate) },
                        { key: 'agency', label: t('officer.agency'), children: <Link to={`/admin/subjects/${o.agencyId}`}>{o.agencyName ?? o.agencyId}</Link> },
                        { key: 'post', label: t('officer.post'), children: o.post },
                        { key: 'type', label: t('officer.personnelType'), children: labels.personnelType(o.personnelType) },
                        { key: 'phone', label: t('officer.phone'), children: dash(o.phone) },
                        { key: 'edu', label: t('officer.education'), children: dash(o.education) },
                        {
                          key: 'legal',
                          label: t('officer.legalQualification'),
                          children: o.hasLegalQualification ? `${t('common.yes')}${o.legalQualificationNo ? ` · ${o.legalQualificationNo}` : ''}` : t('common.no'),
                        },
                        { key: 'reviewer', label: t('officer.legalReviewer'), children: o.isLegalReviewer ? t('common.yes') : t('common.no') },
                        { key: 'duty', label: t('officer.onDuty'), children: o.onDuty ? t('common.yes') : t('common.no') },
                        { key: 'version', label: t('common.version'), children: `v${o.version} · ${fmtDateTime(o.updatedAt)}` },
                      ]}
                    />
                  ),
                },
                {
                  key: 'certs',
                  label: `${t('officer.certificates')} (${o.certificates.length})`,
                  children: (
                    <div data-testid="officer-certificates">
                      {canWrite ? (
                        <Button icon={<PlusOutlined />} style={{ marginBottom: 8 }} onClick={() => setCertModal({ open: true, editing: null })} data-testid="certificate-add">
                          {t('officer.cert.add')}
                        </Button>
                      ) : null}
                      <Table<Certificate>
                        rowKey="id"
                        size="small"
                        pagination={false}
                        dataSource={o.certificates}
                        scroll={{ x: 900 }}
                        onRow={() => ({ 'data-testid': 'certificate-row' }) as React.HTMLAttributes<HTMLElement>}
                        columns={[
                          { title: t('officer.card.number'), dataIndex: 'number', width: 150 },
                          { title: t('officer.cert.type'), dataIndex: 'credentialType', width: 110, render: (v: string) => labels.enumText('credentialType', v) },
                          { title: t('officer.card.categories'), dataIndex: 'categories', render: (v: string[]) => v.map((c) => <Tag key={c}>{labels.sector(c)}</Tag>) },
                          { title: t('officer.card.validity'), key: 'validity', width: 200, render: (_, c) => `${fmtDate(c.issuedOn)} ~ ${fmtDate(c.expiresOn)}` },
                          {
                            title: t('common.status'),
                            key: 'status',
                            width: 150,
                            render: (_, c) => (
                              <Space orientation="vertical" size={0}>
                                <CertStatusTag status={c.effectiveStatus || c.status} />
                                {c.suspendedUntil ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('officer.cert.suspendedUntil', { date: fmtDate(c.suspendedUntil) })}</Typography.Text> : null}
                                {c.statusReason ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.statusReason}</Typography.Text> : null}
                              </Space>
                            ),
                          },
                          {
                            title: t('common.actions'),
                            key: 'actions',
                            width: 220,
                            render: (_, c) => (
                              <Space size={4} wrap>
                                {canWrite ? (
                                  <Button size="small" type="link" onClick={() => setCertModal({ open: true, editing: c })}>
                                    {t('common.edit')}
                                  </Button>
                                ) : null}
                                {o.withdrawnAt
                                  ? null
                                  : c.allowedActions
                                      .filter(canCertAction)
                                      .map((a) => (
                                        <Button key={a} size="small" danger={CERT_ACTION_DANGER.has(a)} onClick={() => setCertAction({ cert: c, action: a })} data-testid={`certificate-action-${a}`}>
                                          {labels.enumText('certAction', a)}
                                        </Button>
                                      ))}
                              </Space>
                            ),
                          },
                        ]}
                      />
                    </div>
                  ),
                },
                {
                  key: 'training',
                  label: t('officer.trainings'),
                  children: (
                    <Space orientation="vertical" style={{ width: '100%' }}>
                      <Space wrap>
                        {o.trainingByYear.map((y) => (
                          <Tag key={y.year} color={y.shortfall ? 'red' : 'green'}>
                            {t('officer.training.yearSummary', { year: y.year, hours: y.hours, required: y.required })}
                          </Tag>
                        ))}
                        {canWrite ? (
                          <Button size="small" icon={<PlusOutlined />} onClick={() => setTrainingOpen(true)} data-testid="training-add">
                            {t('officer.training.add')}
                          </Button>
                        ) : null}
                      </Space>
                      <Table<Training>
                        rowKey="id"
                        size="small"
                        dataSource={o.trainings}
                        pagination={{ pageSize: 10, hideOnSinglePage: true }}
                        columns={[
                          { title: t('officer.training.heldOn'), dataIndex: 'heldOn', width: 120, render: fmtDate },
                          { title: t('officer.training.title'), dataIndex: 'title' },
                          { title: t('officer.training.hours'), dataIndex: 'hours', width: 80 },
                          { title: t('officer.training.organiser'), dataIndex: 'organiser', width: 160, render: dash },
                        ]}
                      />
                    </Space>
                  ),
                },
                {
                  key: 'assessments',
                  label: t('officer.assessments'),
                  children: (
                    <Space orientation="vertical" style={{ width: '100%' }}>
                      {canWrite ? (
                        <Button size="small" icon={<PlusOutlined />} onClick={() => setAssessmentOpen(true)} data-testid="assessment-add">
                          {t('officer.assessment.add')}
                        </Button>
                      ) : null}
                      <Table<Assessment>
                        rowKey="id"
                        size="small"
                        dataSource={o.assessments}
                        pagination={{ pageSize: 10, hideOnSinglePage: true }}
                        columns={[
                          { title: t('officer.assessment.heldOn'), dataIndex: 'heldOn', width: 120, render: fmtDate },
                          { title: t('officer.assessment.kind'), dataIndex: 'kind', width: 110, render: (v: string) => labels.enumText('assessmentKind', v) },
                          {
                            title: t('officer.assessment.result'),
                            dataIndex: 'result',
                            width: 110,
                            render: (v: string) => <Tag color={v === 'fail' ? 'red' : 'green'}>{labels.enumText('assessmentResult', v)}</Tag>,
                          },
                          { title: t('officer.assessment.score'), dataIndex: 'score', width: 80, render: (v: number | null) => dash(v) },
                          { title: t('common.note'), dataIndex: 'note', render: dash },
                        ]}
                      />
                    </Space>
                  ),
                },
                { key: 'history', label: t('common.history'), children: <HistoryView path={`/officers/${o.id}/history`} /> },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <CertificateModal officerId={o.id} open={certModal.open} editing={certModal.editing} onClose={() => setCertModal({ open: false, editing: null })} />
      <TrainingModal officerId={o.id} open={trainingOpen} onClose={() => setTrainingOpen(false)} />
      <AssessmentModal officerId={o.id} open={assessmentOpen} onClose={() => setAssessmentOpen(false)} />
      <ReasonModal
        open={!!certAction}
        title={certAction ? `${labels.enumText('certAction', certAction.action)} · ${certAction.cert.number}` : ''}
        danger={!!certAction && CERT_ACTION_DANGER.has(certAction.action)}
        withUntil={certAction?.action === 'suspend'}
        untilRequired={certAction?.action === 'suspend'}
        requireReason={certAction?.action !== 'reinstate'}
        onCancel={() => setCertAction(null)}
        onSubmit={async (v) => {
          if (!certAction) return;
          await api.post<Certificate>(`/certificates/${certAction.cert.id}/actions/${certAction.action}`, {
            version: certAction.cert.version,
            ...(v.reason ? { reason: v.reason } : {}),
            ...(v.until ? { until: v.until } : {}),
          });
          void message.success(t('common.saved'));
          setCertAction(null);
          refresh();
        }}
      />
      <WithdrawModal actions={actions} record={o} label={t('officer.withdraw')} />
    </div>
  );
}
