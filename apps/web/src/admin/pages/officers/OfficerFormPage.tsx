import { Card, Col, Form, Input, Row, Select, Switch } from 'antd';
import { useParams } from 'react-router-dom';
import type { OfficerDetail } from '../../../api/types.ts';
import { FormActions, RegistryFormPage } from '../../../components/RegistryFormPage.tsx';
import { SubjectSelect } from '../../../components/RemoteSelects.tsx';
import { useT } from '../../../i18n/index.tsx';
import { blankToNull } from '../../../lib/format.ts';
import { useLabels } from '../../../lib/labels.ts';
import { useRegistryForm } from '../../../lib/useRegistryForm.ts';

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

/**
 * Register or edit an officer. The ID number (GB 11643, check digit verified by the server) is required on create;
 * on edit it is only sent when re-entered, since non-administrators only ever see it masked.
 */
export default function OfficerFormPage() {
  const { id } = useParams();
  const t = useT();
  const labels = useLabels();
  const reg = useRegistryForm<Values, OfficerDetail>({
    kind: 'officers',
    id,
    toValues: (o) => ({
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
    }),
    toBody: (v, current) => {
      const idNumber = v.idNumber?.trim().toUpperCase();
      return {
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
        // On edit, only a number that differs from the one loaded (null for non-administrators) is sent.
        ...(idNumber && (!current || idNumber !== current.idNumber) ? { idNumber } : {}),
      };
    },
  });
  const { form, editing, current } = reg;
  const hasLegal = Form.useWatch('hasLegalQualification', form);

  return (
    <RegistryFormPage reg={reg} testId="officer-form-page" title={editing ? t('officer.edit') : t('officer.create')} sub={current.data?.name}>
      <Card size="small">
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={reg.onFinish}
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
          <FormActions saving={reg.save.isPending} submitTestId="officer-form-submit" />
        </Form>
      </Card>
    </RegistryFormPage>
  );
}
