import { useMutation, useQuery } from '@tanstack/react-query';
import { DEFAULT_RUBRIC } from '@zhifa/domain';
import { Button, Card, Form, Input, InputNumber, Select, Space } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { SubjectSelect } from '../../../components/RemoteSelects.tsx';
import { useServerToday } from '../../../lib/useServerToday.ts';
import { useZhEn, type Campaign } from './evaluation.ts';

interface FormValues {
  name: string;
  year: number;
  agencyIds: string[];
  count: number;
  reviewerUserIds: string[];
  externalReviewers: string[];
  closedFrom: string;
  closedTo: string;
  spreadMargin: number;
}

/** 评查方案 (CR3(1)): scope, sample size per agency, period of closed files, reviewers (≥2 per file, CR2). */
export default function EvaluationWizardPage() {
  const L = useZhEn();
  const navigate = useNavigate();
  const today = useServerToday();
  const [form] = Form.useForm<FormValues>();
  const reviewers = useQuery({ queryKey: ['evaluation', 'reviewers'], queryFn: ({ signal }) => api.get<{ id: string; displayName: string }[]>('/evaluation/reviewer-candidates', undefined, signal) });
  const create = useMutation({
    mutationFn: (v: FormValues) =>
      api.post<Campaign>('/evaluation/campaigns', {
        name: v.name,
        year: v.year,
        agencyIds: v.agencyIds ?? [],
        settings: { procedureKinds: ['penalty'], quota: { count: v.count }, rubricVersion: DEFAULT_RUBRIC.version, reviewerUserIds: v.reviewerUserIds ?? [], externalReviewers: v.externalReviewers ?? [], closedFrom: v.closedFrom, closedTo: v.closedTo, spreadMargin: v.spreadMargin },
      }),
    onSuccess: (c) => navigate(`/admin/evaluation/campaigns/${c.id}`),
  });
  if (!today) return null;
  const year = today.year();
  return (
    <div data-testid="evaluation-wizard-page">
      <PageHeader title={L('制定评查方案', 'New evaluation campaign')} sub={L('每年至少开展一次；评查上一年度或本年度已结案卷（CR1）', 'At least yearly; files closed in the previous or current year')} />
      <ErrorAlert error={create.error} />
      <Card>
        <Form<FormValues>
          form={form}
          layout="vertical"
          // CR1 allows the previous year's files too, so by default the window spans both (early in a year, the
          // current year alone has few closed files).
          initialValues={{ name: `${year}年度行政处罚案卷评查`, year, count: 2, closedFrom: `${year - 1}-01-01`, closedTo: today.format('YYYY-MM-DD'), spreadMargin: 10, externalReviewers: [] }}
          onFinish={(v) => create.mutate(v)}
        >
          <Form.Item name="name" label={L('评查名称', 'Name')} rules={[{ required: true }]}>
            <Input data-testid="campaign-name" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="year" label={L('年度', 'Year')} rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} />
            </Form.Item>
            <Form.Item name="closedFrom" label={L('结案日期自', 'Closed from')} rules={[{ required: true }]}>
              <Input type="date" data-testid="closed-from" />
            </Form.Item>
            <Form.Item name="closedTo" label={L('至', 'to')} rules={[{ required: true }]}>
              <Input type="date" data-testid="closed-to" />
            </Form.Item>
            <Form.Item name="count" label={L('每单位抽取案卷数', 'Files per agency')} rules={[{ required: true }]}>
              <InputNumber min={1} max={1000} data-testid="sample-count" />
            </Form.Item>
            <Form.Item name="spreadMargin" label={L('评分分歧提示阈值（分）', 'Disagreement margin')}>
              <InputNumber min={0} max={100} />
            </Form.Item>
          </Space>
          <Form.Item name="agencyIds" label={L('被评查单位（不选为本辖区全部）', 'Reviewed agencies (empty = all in my region)')}>
            <SubjectSelect multiple testId="campaign-agencies" />
          </Form.Item>
          <Form.Item name="reviewerUserIds" label={L('评查人员（执法监督人员，每份案卷至少两人独立评分）', 'Reviewers (supervisors; ≥2 per file)')} rules={[{ required: true }]}>
            <Select mode="multiple" data-testid="campaign-reviewers" loading={reviewers.isPending} options={(reviewers.data ?? []).map((r) => ({ value: r.id, label: r.displayName }))} />
          </Form.Item>
          <Form.Item name="externalReviewers" label={L('外聘专家（姓名，纸质评分表由监督人员录入）', 'External experts (names)')}>
            <Select mode="tags" tokenSeparators={[',', '，']} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="campaign-submit">
            {L('保存评查方案', 'Save campaign')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
