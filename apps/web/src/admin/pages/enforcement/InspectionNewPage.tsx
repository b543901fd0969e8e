import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, Form, Input, Row, Space, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, type ApiIssue } from '../../../api/client.ts';
import { useAuth } from '../../../auth/auth.tsx';
import { AgencyOfficerSelect } from '../../../components/cases/OfficerPickers.tsx';
import { useZh } from '../../../components/enforcement/procedure.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BackButton } from '../../../components/RecordActions.tsx';
import { ItemSelect, RegionSelect } from '../../../components/RemoteSelects.tsx';
import { useLocale } from '../../../i18n/index.tsx';
import { applyFieldErrors } from '../../../lib/errors.ts';
import { DATE } from '../../../lib/format.ts';
import { useServerTodayField } from '../../../lib/useServerToday.ts';
import { PartyFields, toParty, type PartyValues } from './PartyFields.tsx';
import type { Inspection } from './types.ts';
import '../../../components/cases/cases.css';

interface Values {
  itemId: string;
  placeRegionCode: string;
  target: PartyValues;
  officerIds: string[];
  isNoticeRequired: boolean;
  legalBasis?: string;
  purpose?: string;
  plannedOn?: Dayjs;
}

/** 拟定检查: the item of the inspection list and its basis, the place, the target and two or more officers (行政处罚法 Art.42). */
export default function InspectionNewPage() {
  const zh = useZh();
  const { locale } = useLocale();
  const me = useAuth();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  // Planned for today by the server's (Beijing) date, not the browser's.
  const serverToday = useServerTodayField(form, 'plannedOn');
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const type = Form.useWatch(['target', 'type'], form) ?? 'organisation';
  const save = useMutation({
    mutationFn: (v: Values) =>
      api.post<Inspection>('/inspections', {
        itemId: v.itemId,
        placeRegionCode: v.placeRegionCode,
        target: toParty(v.target),
        officerIds: v.officerIds,
        isNoticeRequired: !!v.isNoticeRequired,
        ...(v.legalBasis?.trim() ? { legalBasis: v.legalBasis.trim() } : {}),
        ...(v.purpose?.trim() ? { purpose: v.purpose.trim() } : {}),
        ...(v.plannedOn ? { plannedOn: v.plannedOn.format(DATE) } : {}),
      }),
    onSuccess: (i) => {
      void message.success(zh('已拟定检查，待负责人审批', 'Inspection planned: awaiting approval'));
      void qc.invalidateQueries({ queryKey: ['inspections'] });
      navigate(`/admin/inspections/${i.id}`);
    },
    onError: (e) => setIssues(applyFieldErrors(form, e, locale)),
  });
  return (
    <div data-testid="inspection-new-page" className="zf-case-page">
      <PageHeader
        title={
          <Space wrap>
            <BackButton to={-1} />
            {zh('新建行政检查', 'New inspection')}
          </Space>
        }
        sub={zh('无法定依据不得检查；须经负责人审批（国办发〔2024〕54号）', 'No inspection without a legal basis; the head approves it (国办发〔2024〕54号)')}
      />
      <ErrorAlert error={save.error} issues={issues} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        scrollToFirstError
        data-testid="inspection-form"
        initialValues={{ target: { type: 'organisation' }, placeRegionCode: me.scope.regionCode, officerIds: me.user.officerId ? [me.user.officerId] : [], isNoticeRequired: true, plannedOn: serverToday ?? undefined }}
      >
        <Row gutter={[12, 0]}>
          <Col xs={24} lg={12}>
            <Card size="small" title={zh('检查事项', 'What and where')} style={{ marginBottom: 12 }}>
              <Form.Item name="itemId" label={zh('检查事项（清单）', 'Item of the inspection list')} rules={[{ required: true }]}>
                <ItemSelect testId="inspection-item" />
              </Form.Item>
              <Form.Item name="legalBasis" label={zh('检查依据', 'Legal basis')} extra={zh('留空则取事项的法定依据', 'Empty: the item’s legal basis')}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
              <Form.Item name="placeRegionCode" label={zh('检查地点（区划）', 'Place (region)')} rules={[{ required: true }]}>
                <RegionSelect testId="inspection-place" />
              </Form.Item>
              <Form.Item name="officerIds" label={zh('检查人员', 'Officers')} rules={[{ required: true, type: 'array', min: 2, message: zh('至少两名执法人员（行政处罚法 Art.42）', 'At least two officers (行政处罚法 Art.42)') }]}>
                <AgencyOfficerSelect agencyId={me.scope.agencyId} testId="inspection-officers" />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item name="plannedOn" label={zh('计划检查日期', 'Planned on')}>
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="isNoticeRequired" label={zh('须事先通知', 'Notice required')} valuePropName="checked">
                    <Switch data-testid="inspection-notice-required" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="purpose" label={zh('检查目的与内容', 'Purpose')}>
                <Input.TextArea rows={2} maxLength={2000} data-testid="inspection-purpose" />
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={zh('被检查对象', 'Inspected party')} style={{ marginBottom: 12 }}>
              <PartyFields name="target" type={type} />
            </Card>
          </Col>
        </Row>
        <Space wrap className="zf-action-buttons">
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="inspection-submit">
            {zh('提交审批', 'Submit for approval')}
          </Button>
          <Button onClick={() => navigate(-1)}>{zh('取消', 'Cancel')}</Button>
        </Space>
      </Form>
    </div>
  );
}
