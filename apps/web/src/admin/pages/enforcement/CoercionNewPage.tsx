import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Form, Input, InputNumber, Radio, Row, Space } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, type ApiIssue } from '../../../api/client.ts';
import { useAuth } from '../../../auth/auth.tsx';
import { AgencyOfficerSelect } from '../../../components/cases/OfficerPickers.tsx';
import { MEASURE_KIND_LABELS, useZh } from '../../../components/enforcement/procedure.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BackButton } from '../../../components/RecordActions.tsx';
import { ItemSelect, RegionSelect } from '../../../components/RemoteSelects.tsx';
import { useLocale } from '../../../i18n/index.tsx';
import { applyFieldErrors } from '../../../lib/errors.ts';
import { emptyLine, InventoryEditor } from './InventoryEditor.tsx';
import { PartyFields, toParty, type PartyValues } from './PartyFields.tsx';
import type { InventoryLine, Measure } from './types.ts';
import '../../../components/cases/cases.css';

interface Values {
  kind: 'seal' | 'seize' | 'freeze';
  itemId: string;
  placeRegionCode: string;
  party: PartyValues;
  officerIds: string[];
  inventory: InventoryLine[];
  reasons: string;
  legalBasis: string;
  place?: string;
  freezeAuthorisingLaw?: string;
  freezeAmount?: number;
  violationAmount?: number;
  account?: string;
}

/**
 * 拟采取强制措施: what, why and on what basis, with the inventory (清单), for the head's approval (行政强制法 Art.18). A
 * `?caseId=` or `?inspectionId=` links the measure; the party then defaults to the case's or the inspection's.
 */
export default function CoercionNewPage() {
  const zh = useZh();
  const { locale } = useLocale();
  const me = useAuth();
  const [sp] = useSearchParams();
  const caseId = sp.get('caseId');
  const inspectionId = sp.get('inspectionId');
  const linked = !!(caseId || inspectionId);
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const type = Form.useWatch(['party', 'type'], form) ?? 'organisation';
  const kind = Form.useWatch('kind', form) ?? 'seize';
  const save = useMutation({
    mutationFn: (v: Values) =>
      api.post<Measure>('/coercive-measures', {
        kind: v.kind,
        itemId: v.itemId,
        placeRegionCode: v.placeRegionCode,
        ...(v.party?.name ? { party: toParty(v.party) } : {}),
        officerIds: v.officerIds,
        inventory: v.kind === 'freeze' ? [] : v.inventory,
        reasons: v.reasons,
        legalBasis: v.legalBasis,
        place: v.place || null,
        ...(caseId ? { caseId } : {}),
        ...(inspectionId ? { inspectionId } : {}),
        ...(v.kind === 'freeze' ? { freezeAuthorisingLaw: v.freezeAuthorisingLaw, freezeAmount: v.freezeAmount, violationAmount: v.violationAmount, account: v.account } : {}),
      }),
    onSuccess: (m) => {
      void message.success(zh('已提交负责人批准', 'Submitted for approval'));
      void qc.invalidateQueries({ queryKey: ['coercion'] });
      navigate(`/admin/coercive-measures/${m.id}`);
    },
    onError: (e) => setIssues(applyFieldErrors(form, e, locale)),
  });
  return (
    <div data-testid="coercion-new-page" className="zf-case-page">
      <PageHeader
        title={
          <Space wrap>
            <BackButton to={-1} />
            {zh('拟采取行政强制措施', 'Propose a coercive measure')}
          </Space>
        }
        sub={zh('实施前须向行政机关负责人报告并经批准；情况紧急当场实施的，24小时内报告并补办批准（行政强制法 Art.18、19）', 'The head approves before; in an emergency, report within 24 hours and complete the approval (Art.18, 19)')}
      />
      <ErrorAlert error={save.error} issues={issues} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        scrollToFirstError
        data-testid="coercion-form"
        initialValues={{ kind: 'seize', party: { type: 'organisation' }, placeRegionCode: me.scope.regionCode, officerIds: me.user.officerId ? [me.user.officerId] : [], inventory: [emptyLine()] }}
      >
        <Row gutter={[12, 0]}>
          <Col xs={24} lg={12}>
            <Card size="small" title={zh('措施', 'Measure')} style={{ marginBottom: 12 }}>
              <Form.Item name="kind" label={zh('种类', 'Kind')}>
                <Radio.Group optionType="button" buttonStyle="solid" options={(['seal', 'seize', 'freeze'] as const).map((k) => ({ value: k, label: zh(MEASURE_KIND_LABELS[k]!.zh, MEASURE_KIND_LABELS[k]!.en) }))} data-testid="coercion-kind" />
              </Form.Item>
              <Form.Item name="itemId" label={zh('执法事项', 'Item')} rules={[{ required: true }]}>
                <ItemSelect testId="coercion-item" />
              </Form.Item>
              <Form.Item name="placeRegionCode" label={zh('实施地点（区划）', 'Place (region)')} rules={[{ required: true }]}>
                <RegionSelect testId="coercion-place-region" />
              </Form.Item>
              <Form.Item name="place" label={zh('场所、设施或财物所在地', 'Premises')}>
                <Input maxLength={300} data-testid="coercion-place" />
              </Form.Item>
              <Form.Item name="officerIds" label={zh('实施人员', 'Officers')} rules={[{ required: true, type: 'array', min: 2, message: zh('至少两名执法人员（行政强制法 Art.18(2)）', 'At least two officers (Art.18(2))') }]}>
                <AgencyOfficerSelect agencyId={me.scope.agencyId} testId="coercion-officers" />
              </Form.Item>
              <Form.Item name="reasons" label={zh('理由', 'Reasons')} rules={[{ required: true, whitespace: true }]}>
                <Input.TextArea rows={2} data-testid="coercion-reasons" />
              </Form.Item>
              <Form.Item name="legalBasis" label={zh('依据', 'Legal basis')} rules={[{ required: true, whitespace: true }]}>
                <Input.TextArea rows={2} data-testid="coercion-basis" />
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={zh('当事人', 'Party')} style={{ marginBottom: 12 }}>
              {linked ? <div data-testid="coercion-party-linked">{zh('当事人取关联案件或检查的当事人。', 'The party is the linked case’s or inspection’s.')}</div> : <PartyFields name="party" type={type} />}
            </Card>
            {kind === 'freeze' ? (
              <Card size="small" title={zh('冻结', 'Freezing')} style={{ marginBottom: 12 }}>
                <Form.Item name="freezeAuthorisingLaw" label={zh('授权冻结的法律', 'Authorising law')} rules={[{ required: true }]}>
                  <Input />
                </Form.Item>
                <Form.Item name="account" label={zh('账号', 'Account')}>
                  <Input />
                </Form.Item>
                <Form.Item name="freezeAmount" label={zh('冻结数额（元）', 'Amount (yuan)')} rules={[{ required: true }]}>
                  <InputNumber min={0.01} style={{ width: '100%' }} />
                </Form.Item>
                <Form.Item name="violationAmount" label={zh('涉案金额（元）', 'Sum involved (yuan)')} rules={[{ required: true }]}>
                  <InputNumber min={0.01} style={{ width: '100%' }} />
                </Form.Item>
              </Card>
            ) : (
              <Card size="small" title={zh('财物清单', 'Inventory')} style={{ marginBottom: 12 }}>
                <InventoryEditor />
              </Card>
            )}
          </Col>
        </Row>
        <Space wrap className="zf-action-buttons">
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="coercion-submit">
            {zh('提交负责人批准', 'Submit for approval')}
          </Button>
          <Button onClick={() => navigate(-1)}>{zh('取消', 'Cancel')}</Button>
        </Space>
      </Form>
    </div>
  );
}
