import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { CREDIT_CLASSES, CREDIT_CLASS_LABELS, RISK_LEVELS, RISK_LEVEL_LABELS } from '@zhifa/domain';
import { Button, Card, Form, Input, InputNumber, Radio, Select, Space, Steps, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, isApiError } from '../../../api/client.ts';
import type { Page } from '../../../api/types.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { SubjectSelect } from '../../../components/RemoteSelects.tsx';
import { useServerToday } from '../../../lib/useServerToday.ts';
import { useZhEn, type Plan } from './spot-checks.ts';

interface StratumRow {
  key: string;
  industries?: string;
  mode: 'ratio' | 'count';
  value: number;
}
interface WizardValues {
  name: string;
  kind: 'annual' | 'ad_hoc';
  year: number;
  itemIds: string[];
  jointAgencyIds: string[];
  strata: StratumRow[];
  riskPct: Record<string, number>;
  creditPct: Record<string, number>;
  teamSize: number;
  teamMode: 'same-department' | 'joint';
  exclusionDays: number;
  yearlyCap: number;
  maxTasksPerInspector: number;
}

const DEFAULTS: WizardValues = {
  name: '',
  kind: 'annual',
  year: new Date().getFullYear(),
  itemIds: [],
  jointAgencyIds: [],
  strata: [{ key: '全部', mode: 'ratio', value: 3 }],
  riskPct: { high: 200, medium: 100, low: 50 },
  creditPct: { A: 50, B: 100, C: 150, D: 200 },
  teamSize: 2,
  teamMode: 'same-department',
  exclusionDays: 180,
  yearlyCap: 2,
  maxTasksPerInspector: 0,
};

/**
 * 抽查计划向导: items from the random-inspection list, strata with counts or ratios (raised for high risk / poor credit,
 * lowered for good credit, §8 I3), and the team rules (≥2 inspectors, same department or joint, exclusion window, yearly cap).
 */
export default function SpotCheckPlanWizardPage() {
  const L = useZhEn();
  const navigate = useNavigate();
  const [step, setStep] = useState(0);
  const [form] = Form.useForm<WizardValues>();
  const [values, setValues] = useState<WizardValues>(DEFAULTS);
  // The plan's year defaults to the server's (Beijing) year, not the browser's, unless the user already typed one.
  const today = useServerToday();
  useEffect(() => {
    if (!today || form.isFieldTouched('year')) return;
    form.setFieldValue('year', today.year());
    setValues((old) => ({ ...old, year: today.year() }));
  }, [today?.year(), form]);
  const items = useQuery({ queryKey: ['items', 'random-list'], queryFn: ({ signal }) => api.get<Page<{ id: string; code: string; name: string }>>('/items', { list: 'random', pageSize: 200 }, signal) });
  const create = useMutation({
    mutationFn: (v: WizardValues) =>
      api.post<Plan>('/spot-checks/plans', {
        name: v.name,
        kind: v.kind,
        year: v.year,
        itemIds: v.itemIds,
        jointAgencyIds: v.jointAgencyIds ?? [],
        settings: {
          strata: v.strata.map((s) => ({
            key: s.key,
            match: s.industries ? { industries: s.industries.split(/[,，\s]+/).filter(Boolean) } : {},
            ...(s.mode === 'count' ? { count: Math.round(s.value) } : { ratioBp: Math.round(s.value * 100) }),
          })),
          riskPct: v.riskPct,
          creditPct: v.creditPct,
          exclusionDays: v.exclusionDays,
          yearlyCap: v.yearlyCap,
          teamSize: v.teamSize,
          teamMode: v.teamMode,
          maxTasksPerInspector: v.maxTasksPerInspector,
          regionCodes: [],
        },
      }),
    onSuccess: (p) => navigate(`/admin/spot-checks/plans/${p.id}`),
  });
  const next = async () => {
    const v = await form.validateFields();
    setValues((old) => ({ ...old, ...v }));
    setStep((s) => s + 1);
  };
  const issues = isApiError(create.error) ? create.error.issues : [];
  return (
    <div data-testid="plan-wizard">
      <PageHeader title={L('新建抽查计划', 'New random inspection plan')} />
      <Steps current={step} style={{ marginBottom: 24 }} items={[{ title: L('计划与事项', 'Plan & items') }, { title: L('抽取比例', 'Strata & ratios') }, { title: L('检查组规则', 'Team rules') }, { title: L('确认', 'Review') }]} />
      <Card>
        <Form form={form} layout="vertical" initialValues={values} preserve>
          {step === 0 && (
            <>
              <Form.Item name="name" label={L('计划名称', 'Name')} rules={[{ required: true, min: 2 }]}>
                <Input data-testid="plan-name" placeholder="2026年度食品经营双随机抽查计划" />
              </Form.Item>
              <Form.Item name="kind" label={L('计划类型', 'Kind')}>
                <Radio.Group options={[{ value: 'annual', label: L('年度计划', 'Annual') }, { value: 'ad_hoc', label: L('专项/临时', 'Ad hoc') }]} />
              </Form.Item>
              <Form.Item name="year" label={L('年度', 'Year')} rules={[{ required: true }]}>
                <InputNumber min={2000} max={2100} />
              </Form.Item>
              <Form.Item name="itemIds" label={L('抽查事项（随机抽查事项清单）', 'Items (random-inspection list)')} rules={[{ required: true }]}>
                <Select mode="multiple" data-testid="plan-items" loading={items.isPending} options={(items.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.code} ${i.name}` }))} />
              </Form.Item>
              <Form.Item name="jointAgencyIds" label={L('联合抽查部门（可选）', 'Joint departments (optional)')} extra={L('跨部门联合抽查：同一对象一次上门完成多个事项', 'Joint inspection: one visit covers every department’s items')}>
                <SubjectSelect multiple testId="plan-joint" />
              </Form.Item>
            </>
          )}
          {step === 1 && (
            <>
              <Typography.Paragraph type="secondary">
                {L('每个分层按数量或比例抽取；对象归入第一个匹配的分层。比例分层按风险等级和信用分类的系数上调或下调（国发〔2019〕18号）。', 'Each stratum draws a count or a ratio; a target belongs to the first stratum it matches. Ratios are raised or lowered by the risk and credit multipliers.')}
              </Typography.Paragraph>
              <Form.List name="strata">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f) => (
                      <Space key={f.key} align="baseline" wrap>
                        <Form.Item name={[f.name, 'key']} rules={[{ required: true }]}>
                          <Input placeholder={L('分层名称', 'Stratum')} style={{ width: 140 }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'industries']}>
                          <Input placeholder={L('行业代码，如 H,F（空=全部）', 'Industries e.g. H,F (empty = all)')} style={{ width: 220 }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'mode']}>
                          <Radio.Group options={[{ value: 'ratio', label: L('比例%', 'Ratio %') }, { value: 'count', label: L('数量', 'Count') }]} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'value']} rules={[{ required: true }]}>
                          <InputNumber min={0} max={100000} step={0.5} />
                        </Form.Item>
                        {fields.length > 1 ? <MinusCircleOutlined onClick={() => remove(f.name)} /> : null}
                      </Space>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ key: `分层${fields.length + 1}`, mode: 'ratio', value: 3 })}>
                      {L('增加分层', 'Add stratum')}
                    </Button>
                  </>
                )}
              </Form.List>
              <Typography.Title level={5} style={{ marginTop: 24 }}>
                {L('风险等级系数（%）', 'Risk multipliers (%)')}
              </Typography.Title>
              <Space wrap>
                {RISK_LEVELS.map((r) => (
                  <Form.Item key={r} name={['riskPct', r]} label={RISK_LEVEL_LABELS[r]}>
                    <InputNumber min={0} max={500} />
                  </Form.Item>
                ))}
              </Space>
              <Typography.Title level={5}>{L('信用分类系数（%）', 'Credit multipliers (%)')}</Typography.Title>
              <Space wrap>
                {CREDIT_CLASSES.map((c) => (
                  <Form.Item key={c} name={['creditPct', c]} label={CREDIT_CLASS_LABELS[c]}>
                    <InputNumber min={0} max={500} />
                  </Form.Item>
                ))}
              </Space>
            </>
          )}
          {step === 2 && (
            <>
              <Form.Item name="teamSize" label={L('每组检查人员人数（不少于2人）', 'Inspectors per team (at least 2)')}>
                <InputNumber min={2} max={20} data-testid="plan-team-size" />
              </Form.Item>
              <Form.Item name="teamMode" label={L('组队方式', 'Team mode')}>
                <Radio.Group options={[{ value: 'same-department', label: L('同一部门', 'Same department') }, { value: 'joint', label: L('跨部门联合（每部门至少1人）', 'Joint (one per department at least)') }]} />
              </Form.Item>
              <Form.Item name="exclusionDays" label={L('排除期（天）：近期已被检查的对象不再抽取', 'Exclusion window (days): recently inspected targets are skipped')}>
                <InputNumber min={0} max={3650} />
              </Form.Item>
              <Form.Item name="yearlyCap" label={L('同一企业年度检查次数上限（0=不限，国办发〔2024〕54号）', 'Yearly cap per enterprise (0 = none)')}>
                <InputNumber min={0} max={100} />
              </Form.Item>
              <Form.Item name="maxTasksPerInspector" label={L('每名检查人员本次最多任务数（0=不限）', 'Most tasks per inspector in this draw (0 = no limit)')}>
                <InputNumber min={0} max={10000} />
              </Form.Item>
            </>
          )}
          {step === 3 && (
            <div data-testid="plan-review">
              <Typography.Paragraph>
                {L('计划名称', 'Name')}：{values.name}（{values.year}）
              </Typography.Paragraph>
              <Typography.Paragraph>
                {L('分层', 'Strata')}：{values.strata.map((s) => `${s.key} ${s.industries ?? L('全部行业', 'all')} ${s.mode === 'count' ? `${s.value}${L('户', '')}` : `${s.value}%`}`).join('；')}
              </Typography.Paragraph>
              <Typography.Paragraph>
                {L('检查组', 'Teams')}：{values.teamSize}
                {L('人', ' inspectors')}，{values.teamMode === 'joint' ? L('跨部门联合', 'joint') : L('同一部门', 'same department')}；{L('排除期', 'exclusion')} {values.exclusionDays} {L('天', 'days')}；{L('年度上限', 'yearly cap')} {values.yearlyCap || L('不限', 'none')}
              </Typography.Paragraph>
              <ErrorAlert error={create.error} issues={issues} />
            </div>
          )}
        </Form>
        <Space style={{ marginTop: 16 }}>
          {step > 0 ? <Button onClick={() => setStep((s) => s - 1)}>{L('上一步', 'Back')}</Button> : null}
          {step < 3 ? (
            <Button type="primary" onClick={() => void next()} data-testid="wizard-next">
              {L('下一步', 'Next')}
            </Button>
          ) : (
            <Button type="primary" loading={create.isPending} onClick={() => create.mutate(values)} data-testid="wizard-submit">
              {L('创建计划', 'Create plan')}
            </Button>
          )}
        </Space>
      </Card>
    </div>
  );
}
