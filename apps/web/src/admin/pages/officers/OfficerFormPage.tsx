import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Form, Input, Row, Select, Skeleton, Space, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api, type ApiIssue } from '../../../api/client.ts';
import type { Officer, OfficerDetail } from '../../../api/types.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { SubjectSelect } from '../../../components/RemoteSelects.tsx';
import { useLocale, useT } from '../../../i18n/index.tsx';
import { applyFieldErrors } from '../../../lib/errors.ts';
import { useLabels } from '../../../lib/labels.ts';

interface Values {
  name: string;
  idNumber?: string;
  agencyId: string;
  post: string;
  personnelType: string;
  phone?: string | null;
  education?: string | null;
  hasLegalQualification: boolean;
  legalQualificationNo?: string | null;
  isLegalReviewer: boolean;
  onDuty: boolean;
}

const blankToNull = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);

/**
 * Register or edit an officer. The ID number (GB 11643, check digit verified by the server) is required on create;
 * on edit it is only sent when re-entered, since non-administrators only ever see it masked.
 */
export default function OfficerFormPage() {
  const { id } = useParams();
  const editing = !!id;
  const t = useT();
  const { locale } = useLocale();
  const labels = useLabels();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const current = useQuery({ queryKey: ['officers', 'detail', id], queryFn: ({ signal }) => api.get<OfficerDetail>(`/officers/${id}`, undefined, signal), enabled: editing });
  const hasLegal = Form.useWatch('hasLegalQualification', form);

  useEffect(() => {
    const o = current.data;
    if (!o) return;
    form.setFieldsValue({
      name: o.name,
      idNumber: o.idNumber ?? '',
      agencyId: o.agencyId,
      post: o.post,
      personnelType: o.personnelType,
      phone: o.phone,
      education: o.education ?? null,
      hasLegalQualification: o.hasLegalQualification,
      legalQualificationNo: o.legalQualificationNo,
      isLegalReviewer: o.isLegalReviewer,
      onDuty: o.onDuty,
    });
  }, [current.data, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const idNumber = v.idNumber?.trim().toUpperCase();
      const body = {
        name: v.name.trim(),
        agencyId: v.agencyId,
        post: v.post.trim(),
        personnelType: v.personnelType,
        phone: blankToNull(v.phone),
        education: blankToNull(v.education),
        hasLegalQualification: !!v.hasLegalQualification,
        legalQualificationNo: v.hasLegalQualification ? blankToNull(v.legalQualificationNo) : null,
        isLegalReviewer: !!v.isLegalReviewer,
        onDuty: !!v.onDuty,
        ...(idNumber && (!editing || idNumber !== current.data?.idNumber) ? { idNumber } : {}),
      };
      return editing && current.data ? api.patch<Officer>(`/officers/${id}`, { ...body, version: current.data.version }) : api.post<Officer>('/officers', body);
    },
    onSuccess: (o) => {
      void message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['officers'] });
      navigate(`/admin/officers/${o.id}`);
    },
    onError: (e) => setIssues(applyFieldErrors(form, e, locale)),
  });

  if (editing && current.isPending) return <Skeleton active />;
  if (editing && current.isError) return <ErrorAlert error={current.error} />;

  return (
    <div data-testid="officer-form-page">
      <PageHeader title={editing ? t('officer.edit') : t('officer.create')} sub={current.data?.name} />
      <ErrorAlert error={save.error} issues={issues} onReload={() => void current.refetch()} />
      <Card size="small">
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(v) => save.mutate(v)}
          initialValues={{ hasLegalQualification: false, isLegalReviewer: false, onDuty: true, personnelType: 'civil_servant' }}
          data-testid="officer-form"
          scrollToFirstError
        >
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, max: 50 }]}>
                <Input maxLength={50} data-testid="officer-name-input" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="idNumber"
                label={t('officer.idNumber')}
                rules={[{ required: !editing, message: t('validation.idNumber') }, { pattern: /^(\d{17}[\dXx])?$/, message: t('validation.idNumber') }]}
                extra={editing && !current.data?.idNumber ? t('officer.idNumberKeep', { masked: current.data?.idNumberMasked ?? '' }) : t('officer.idNumberHint')}
              >
                <Input maxLength={18} data-testid="officer-id-number-input" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="agencyId" label={t('officer.agency')} rules={[{ required: true }]}>
                <SubjectSelect testId="officer-agency-input" known={current.data ? { [current.data.agencyId]: current.data.agencyName ?? current.data.agencyId } : undefined} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="post" label={t('officer.post')} rules={[{ required: true, whitespace: true, max: 50 }]}>
                <Input maxLength={50} data-testid="officer-post-input" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="personnelType" label={t('officer.personnelType')} rules={[{ required: true }]} extra={t('officer.auxiliaryWarning')}>
                <Select options={labels.options.personnelType} data-testid="officer-type-input" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="phone" label={t('officer.phone')} rules={[{ max: 20 }]}>
                <Input maxLength={20} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="education" label={t('officer.education')} rules={[{ max: 50 }]}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="hasLegalQualification" label={t('officer.legalQualification')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="isLegalReviewer" label={t('officer.legalReviewer')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="onDuty" label={t('officer.onDuty')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
            {hasLegal ? (
              <Col xs={24} md={8}>
                <Form.Item name="legalQualificationNo" label={t('officer.legalQualificationNo')} rules={[{ max: 50 }]}>
                  <Input maxLength={50} />
                </Form.Item>
              </Col>
            ) : null}
          </Row>
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="officer-form-submit">
              {t('common.save')}
            </Button>
            <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
