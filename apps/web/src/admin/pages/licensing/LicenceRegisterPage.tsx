import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Form, Input, Radio, Row, Select, Space, Typography } from 'antd';
import { afterServerToday, useServerToday } from '../../../lib/useServerToday.ts';
import type { Dayjs } from 'dayjs';
import { useMemo, useState, useEffect } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, type ApiIssue } from '../../../api/client.ts';
import type { Item, Page } from '../../../api/types.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import type { LicenceApplication } from '../../../components/licensing/licensing-api.ts';
import { LicensingErrorAlert } from '../../../components/licensing/LicensingActions.tsx';
import { useLicensingText } from '../../../components/licensing/useLicensingText.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BackButton } from '../../../components/RecordActions.tsx';
import { useLocale } from '../../../i18n/index.tsx';
import { applyFieldErrors } from '../../../lib/errors.ts';
import { DATE } from '../../../lib/format.ts';

interface Values {
  itemId: string;
  applicant: { type: 'individual' | 'organisation'; name: string; idNumber?: string; uscc?: string; legalRepresentative?: string; address?: string; phone?: string };
  submittedMaterials: string[];
  receivedOn: Dayjs;
  isJointHandling: boolean;
}

const opt = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

/** The body of POST /licensing/applications (收件登记). */
export function toRegisterBody(v: Values): Record<string, unknown> {
  const p = v.applicant;
  const contact = { ...(opt(p.address) ? { address: opt(p.address) } : {}), ...(opt(p.phone) ? { phone: opt(p.phone) } : {}) };
  const applicant =
    p.type === 'individual'
      ? { type: 'individual', name: p.name.trim(), idNumber: (p.idNumber ?? '').trim().toUpperCase(), ...contact }
      : { type: 'organisation', name: p.name.trim(), uscc: (p.uscc ?? '').trim().toUpperCase(), ...(opt(p.legalRepresentative) ? { legalRepresentative: opt(p.legalRepresentative) } : {}), ...contact };
  return { itemId: v.itemId, applicant, submittedMaterials: v.submittedMaterials ?? [], receivedOn: v.receivedOn.format(DATE), isJointHandling: !!v.isJointHandling };
}

/**
 * 收件登记: the licensing item (its 服务指南 lists the materials), the applicant and the materials handed in. The server
 * answers the tracking number and the verification code (shown once), then the application page offers the next step.
 */
export default function LicenceRegisterPage() {
  const x = useLicensingText();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  // Dates default to the server's (Beijing) date once it is known, unless the user already chose one.
  const serverToday = useServerToday();
  useEffect(() => {
    if (serverToday && !form.isFieldTouched('receivedOn')) form.setFieldValue('receivedOn', serverToday);
  }, [serverToday?.valueOf(), form]);
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const [created, setCreated] = useState<LicenceApplication | null>(null);
  const applicantType = Form.useWatch(['applicant', 'type'], form) ?? 'organisation';
  const itemId = Form.useWatch('itemId', form);
  const items = useQuery({ queryKey: ['items', 'options', 'licensing'], queryFn: ({ signal }) => api.get<Page<Item>>('/items', { category: 'licensing', pageSize: 200 }, signal), staleTime: 60_000 });
  const item = useMemo(() => items.data?.items.find((i) => i.id === itemId), [items.data, itemId]);
  const save = useMutation({
    mutationFn: (v: Values) => api.post<LicenceApplication>('/licensing/applications', toRegisterBody(v)),
    onSuccess: (a) => {
      void message.success(x.t('done') + x.action('register'));
      void qc.invalidateQueries({ queryKey: ['licensing'] });
      setCreated(a);
    },
    onError: (e) => setIssues(applyFieldErrors(form, e, locale)),
  });
  if (created) {
    return (
      <div data-testid="licensing-registered">
        <PageHeader title={x.action('register')} />
        <Alert
          type="success"
          showIcon
          title={x.t('codeOnce')}
          description={
            <Space orientation="vertical">
              <span>
                {x.t('applicationNo')}：<Typography.Text copyable strong data-testid="registered-no">{created.applicationNo}</Typography.Text>
              </span>
              <span>
                {x.t('verificationCode')}：<Typography.Text copyable strong data-testid="registered-code">{created.verificationCode}</Typography.Text>
              </span>
              <Button type="primary" onClick={() => navigate(`/admin/licensing/${created.id}`)} data-testid="registered-open">
                {x.t('open')}
              </Button>
            </Space>
          }
        />
      </div>
    );
  }
  return (
    <div data-testid="licensing-register-page" className="zf-case-page">
      <PageHeader
        title={
          <Space wrap>
            <BackButton to={-1} />
            {x.t('new')}
          </Space>
        }
        sub={x.zh ? '申请材料不齐全的，受理前应当一次告知需要补正的全部内容（第三十二条）' : 'Incomplete materials: one notice listing everything missing (Art.32)'}
      />
      {save.error && (save.error as { code?: string }).code === 'RULE_VIOLATION' ? <LicensingErrorAlert error={save.error} /> : <ErrorAlert error={save.error} issues={issues} />}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} scrollToFirstError data-testid="licensing-register-form" initialValues={{ applicant: { type: 'organisation' }, receivedOn: serverToday ?? undefined, submittedMaterials: [], isJointHandling: false }}>
        <Row gutter={[12, 0]}>
          <Col xs={24} lg={12}>
            <Card size="small" title={x.t('item')} style={{ marginBottom: 12 }}>
              <Form.Item name="itemId" label={x.t('item')} rules={[{ required: true }]}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={items.isFetching}
                  options={(items.data?.items ?? []).filter((i) => !i.withdrawnAt).map((i) => ({ value: i.id, label: `${i.code} ${i.name}` }))}
                  onChange={() => form.setFieldValue('submittedMaterials', [])}
                  data-testid="licensing-item"
                />
              </Form.Item>
              <Form.Item name="receivedOn" label={x.t('receivedOn')} rules={[{ required: true }]}>
                <DatePicker disabledDate={afterServerToday(serverToday)} data-testid="licensing-received-on" />
              </Form.Item>
              <Form.Item name="isJointHandling" valuePropName="checked">
                <Checkbox>{x.zh ? '统一办理、联合办理或集中办理（四十五日，第四十二条第二款）' : 'Joint or centralised handling (45 WD, Art.42 para 2)'}</Checkbox>
              </Form.Item>
              <Form.Item name="submittedMaterials" label={x.zh ? '已提交的申请材料（按服务指南）' : 'Materials handed in (service guide)'}>
                {item?.serviceGuide?.materials.length ? (
                  <Checkbox.Group options={item.serviceGuide.materials} style={{ display: 'flex', flexDirection: 'column', gap: 4 }} data-testid="licensing-materials" />
                ) : (
                  <Typography.Text type="secondary">{x.zh ? '请先选择许可事项' : 'Choose the item first'}</Typography.Text>
                )}
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={x.t('applicant')} style={{ marginBottom: 12 }}>
              <Form.Item name={['applicant', 'type']}>
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 'organisation', label: x.zh ? '单位' : 'Organisation' },
                    { value: 'individual', label: x.zh ? '个人' : 'Individual' },
                  ]}
                  data-testid="licensing-applicant-type"
                />
              </Form.Item>
              <Form.Item name={['applicant', 'name']} label={x.zh ? '名称/姓名' : 'Name'} rules={[{ required: true, whitespace: true }]}>
                <Input maxLength={200} data-testid="licensing-applicant-name" />
              </Form.Item>
              {applicantType === 'individual' ? (
                <Form.Item name={['applicant', 'idNumber']} label={x.zh ? '身份证号码' : 'ID number'} rules={[{ required: true, pattern: /^(\d{15}|\d{17}[\dXx])$/ }]}>
                  <Input maxLength={18} autoComplete="off" data-testid="licensing-applicant-idNumber" />
                </Form.Item>
              ) : (
                <>
                  <Form.Item name={['applicant', 'uscc']} label={x.zh ? '统一社会信用代码' : 'Credit code'} rules={[{ required: true, len: 18 }]}>
                    <Input maxLength={18} autoComplete="off" data-testid="licensing-applicant-uscc" />
                  </Form.Item>
                  <Form.Item name={['applicant', 'legalRepresentative']} label={x.zh ? '法定代表人' : 'Legal representative'}>
                    <Input maxLength={100} />
                  </Form.Item>
                </>
              )}
              <Form.Item name={['applicant', 'address']} label={x.zh ? '地址' : 'Address'}>
                <Input maxLength={300} />
              </Form.Item>
              <Form.Item name={['applicant', 'phone']} label={x.zh ? '电话' : 'Phone'}>
                <Input maxLength={30} />
              </Form.Item>
            </Card>
          </Col>
        </Row>
        <Space wrap className="zf-action-buttons">
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="licensing-register-submit">
            {x.action('register')}
          </Button>
          <Button onClick={() => navigate(-1)}>{x.t('cancel')}</Button>
        </Space>
      </Form>
    </div>
  );
}
