import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import type { Entrustment } from '../../../api/types.ts';
import { FormActions, RegistryFormPage } from '../../../components/RegistryFormPage.tsx';
import { ItemSelect, SubjectSelect } from '../../../components/RemoteSelects.tsx';
import { useT } from '../../../i18n/index.tsx';
import { DATE } from '../../../lib/format.ts';
import { useLabels } from '../../../lib/labels.ts';
import { useRegistryForm } from '../../../lib/useRegistryForm.ts';
import { ENTRUSTMENT_KINDS } from './EntrustmentsPage.tsx';

interface Values {
  kind: string;
  principalId: string;
  agentId: string;
  matters: { itemId?: string | null; description: string }[];
  powers: string;
  agreementNo: string;
  agreementTitle: string;
  signedOn: Dayjs;
  startsOn: Dayjs;
  endsOn?: Dayjs | null;
}

/**
 * Record a written entrustment or devolution. The server has no edit route for agreements: a changed agreement is
 * terminated and recorded anew, so the history of who could act for whom stays exact.
 */
export default function EntrustmentFormPage() {
  const t = useT();
  const labels = useLabels();
  // No `id`: agreements are only ever created here (see above).
  const reg = useRegistryForm<Values, Entrustment>({
    kind: 'entrustments',
    toBody: (v) => ({
      kind: v.kind,
      principalId: v.principalId,
      agentId: v.agentId,
      matters: v.matters.map((m) => ({ description: m.description, ...(m.itemId ? { itemId: m.itemId } : {}) })),
      powers: v.powers,
      agreementNo: v.agreementNo,
      agreementTitle: v.agreementTitle,
      signedOn: v.signedOn.format(DATE),
      startsOn: v.startsOn.format(DATE),
      endsOn: v.endsOn ? v.endsOn.format(DATE) : null,
    }),
  });
  return (
    <RegistryFormPage reg={reg} testId="entrustment-form-page" title={t('entrustment.create')} notice={<Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('entrustment.noEditHint')} />}>
      <Card size="small">
        <Form<Values> form={reg.form} layout="vertical" onFinish={reg.onFinish} initialValues={{ kind: 'entrustment', matters: [{ description: '' }] }} data-testid="entrustment-form" scrollToFirstError>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="kind" label={t('entrustment.kind')} rules={[{ required: true }]}>
                <Select options={labels.options.fromDictionary('entrustmentKind', ENTRUSTMENT_KINDS)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="principalId" label={t('entrustment.principal')} rules={[{ required: true }]}>
                <SubjectSelect testId="entrustment-principal" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="agentId"
                label={t('entrustment.agent')}
                dependencies={['principalId']}
                rules={[
                  { required: true },
                  ({ getFieldValue }) => ({
                    validator: (_, v) => (v && v === getFieldValue('principalId') ? Promise.reject(new Error(t('entrustment.samePrincipalAgent'))) : Promise.resolve()),
                  }),
                ]}
              >
                <SubjectSelect testId="entrustment-agent" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="agreementNo" label={t('entrustment.agreementNo')} rules={[{ required: true, whitespace: true, max: 100 }]}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item name="agreementTitle" label={t('entrustment.agreementTitle')} rules={[{ required: true, whitespace: true, max: 200 }]}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="signedOn" label={t('entrustment.signedOn')} rules={[{ required: true }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="startsOn" label={t('entrustment.startsOn')} rules={[{ required: true }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="endsOn" label={t('entrustment.endsOn')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="powers" label={t('entrustment.powers')} rules={[{ required: true, whitespace: true, max: 2000 }]}>
                <Input.TextArea rows={3} maxLength={2000} showCount />
              </Form.Item>
            </Col>
          </Row>
          <Card type="inner" size="small" title={t('entrustment.matters')} style={{ marginBottom: 16 }}>
            <Form.List name="matters" rules={[{ validator: async (_, v: unknown[]) => (v && v.length ? undefined : Promise.reject(new Error(t('entrustment.mattersRequired')))) }]}>
              {(fields, { add, remove }, { errors }) => (
                <>
                  {fields.map((field) => (
                    <Row gutter={8} key={field.key}>
                      <Col xs={24} md={9}>
                        <Form.Item name={[field.name, 'itemId']} label={t('entrustment.matter.item')}>
                          <ItemSelect />
                        </Form.Item>
                      </Col>
                      <Col xs={22} md={14}>
                        <Form.Item name={[field.name, 'description']} label={t('entrustment.matter.description')} rules={[{ required: true, whitespace: true, max: 500 }]}>
                          <Input maxLength={500} />
                        </Form.Item>
                      </Col>
                      <Col xs={2} md={1} style={{ paddingTop: 34 }}>
                        <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('common.remove')} />
                      </Col>
                    </Row>
                  ))}
                  <Button type="dashed" onClick={() => add({ description: '' })} icon={<PlusOutlined />} block>
                    {t('entrustment.matter.add')}
                  </Button>
                  <Form.ErrorList errors={errors} />
                </>
              )}
            </Form.List>
          </Card>
          <FormActions saving={reg.save.isPending} submitTestId="entrustment-form-submit" />
        </Form>
      </Card>
    </RegistryFormPage>
  );
}
