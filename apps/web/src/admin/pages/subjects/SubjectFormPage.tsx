import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Row, Select } from 'antd';
import { useParams } from 'react-router-dom';
import type { AbsorbedPower, Subject } from '../../../api/types.ts';
import { FormActions, RegistryFormPage } from '../../../components/RegistryFormPage.tsx';
import { RegionSelect, SubjectSelect } from '../../../components/RemoteSelects.tsx';
import { useT } from '../../../i18n/index.tsx';
import { blankToNull } from '../../../lib/format.ts';
import { useLabels } from '../../../lib/labels.ts';
import { useRegistryForm } from '../../../lib/useRegistryForm.ts';

interface Values {
  name: string;
  shortName?: string | null;
  uscc: string;
  regionCode: string;
  kind: string;
  form: string;
  sector: string;
  legalBasis: string;
  supervisingBureauId?: string | null;
  address?: string | null;
  phone?: string | null;
  officeHours?: string | null;
  complaintPhone?: string | null;
  absorbedPowers: AbsorbedPower[];
}

/** Create or edit an enforcement subject (system administrator). Editing sends the version read (optimistic lock). */
export default function SubjectFormPage() {
  const { id } = useParams();
  const t = useT();
  const labels = useLabels();
  const reg = useRegistryForm<Values, Subject>({
    kind: 'subjects',
    id,
    toValues: (s) => ({
      name: s.name,
      shortName: s.shortName,
      uscc: s.uscc ?? '',
      regionCode: s.regionCode,
      kind: s.kind,
      form: s.form,
      sector: s.sector,
      legalBasis: s.legalBasis,
      supervisingBureauId: s.supervisingBureauId,
      address: s.address,
      phone: s.phone,
      officeHours: s.officeHours,
      complaintPhone: s.complaintPhone,
      absorbedPowers: s.absorbedPowers,
    }),
    toBody: (v) => ({
      name: v.name.trim(),
      shortName: blankToNull(v.shortName),
      uscc: v.uscc.trim().toUpperCase(),
      regionCode: v.regionCode,
      kind: v.kind,
      form: v.form,
      sector: v.sector,
      legalBasis: v.legalBasis,
      supervisingBureauId: v.supervisingBureauId || null,
      address: blankToNull(v.address),
      phone: blankToNull(v.phone),
      officeHours: blankToNull(v.officeHours),
      complaintPhone: blankToNull(v.complaintPhone),
      absorbedPowers: (v.absorbedPowers ?? []).map((p) => ({ fromName: p.fromName, sector: p.sector, scope: p.scope, ...(p.fromSubjectId ? { fromSubjectId: p.fromSubjectId } : {}) })),
    }),
  });
  const { form, editing, current } = reg;

  return (
    <RegistryFormPage reg={reg} testId="subject-form-page" title={editing ? t('subject.edit') : t('subject.create')} sub={editing ? current.data?.name : undefined}>
      <Card size="small">
        <Form<Values> form={form} layout="vertical" onFinish={reg.onFinish} initialValues={{ absorbedPowers: [] }} data-testid="subject-form" scrollToFirstError>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
                <Input maxLength={100} data-testid="subject-name-input" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="shortName" label={t('subject.shortName')} rules={[{ max: 50 }]}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="uscc" label={t('subject.uscc')} rules={[{ required: true, len: 18, message: t('validation.uscc') }]} extra={t('subject.usccHint')}>
                <Input maxLength={18} style={{ textTransform: 'uppercase' }} data-testid="subject-uscc-input" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="regionCode" label={t('common.region')} rules={[{ required: true }]}>
                <RegionSelect testId="subject-region-input" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="kind" label={t('subject.kind')} rules={[{ required: true }]}>
                <Select options={labels.options.subjectKind} data-testid="subject-kind-input" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="form" label={t('subject.form')} rules={[{ required: true }]}>
                <Select options={labels.options.subjectForm} data-testid="subject-form-input" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="sector" label={t('common.sector')} rules={[{ required: true }]}>
                <Select options={labels.options.sector} showSearch={{ optionFilterProp: 'label' }} data-testid="subject-sector-input" />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="legalBasis" label={t('subject.legalBasis')} rules={[{ required: true, whitespace: true, max: 2000 }]}>
                <Input.TextArea rows={3} maxLength={2000} showCount data-testid="subject-legal-basis-input" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="supervisingBureauId" label={t('subject.supervisingBureau')}>
                <SubjectSelect testId="subject-bureau-input" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="address" label={t('subject.address')} rules={[{ max: 200 }]}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="phone" label={t('subject.phone')} rules={[{ max: 40 }]}>
                <Input maxLength={40} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="complaintPhone" label={t('subject.complaintPhone')} rules={[{ max: 40 }]}>
                <Input maxLength={40} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="officeHours" label={t('subject.officeHours')} rules={[{ max: 100 }]}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
          </Row>
          <Card type="inner" size="small" title={t('subject.absorbedPowers')} style={{ marginBottom: 16 }}>
            <Form.List name="absorbedPowers">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field) => (
                    <Row gutter={8} key={field.key} align="top">
                      <Col xs={24} md={7}>
                        <Form.Item name={[field.name, 'fromName']} label={t('subject.power.fromName')} rules={[{ required: true, whitespace: true }]}>
                          <Input maxLength={100} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={5}>
                        <Form.Item name={[field.name, 'sector']} label={t('common.sector')} rules={[{ required: true }]}>
                          <Select options={labels.options.sector} showSearch={{ optionFilterProp: 'label' }} />
                        </Form.Item>
                      </Col>
                      <Col xs={22} md={11}>
                        <Form.Item name={[field.name, 'scope']} label={t('subject.power.scope')} rules={[{ required: true, whitespace: true }]}>
                          <Input maxLength={500} />
                        </Form.Item>
                      </Col>
                      <Col xs={2} md={1} style={{ paddingTop: 34 }}>
                        <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('common.remove')} />
                      </Col>
                    </Row>
                  ))}
                  <Button type="dashed" onClick={() => add({ fromName: '', sector: undefined, scope: '' })} icon={<PlusOutlined />} block>
                    {t('subject.power.add')}
                  </Button>
                </>
              )}
            </Form.List>
          </Card>
          <FormActions saving={reg.save.isPending} submitTestId="subject-form-submit" />
        </Form>
      </Card>
    </RegistryFormPage>
  );
}
