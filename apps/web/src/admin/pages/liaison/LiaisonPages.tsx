import { SUPERVISOR_KIND_LABELS, type SupervisorKind } from '@zhifa/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Switch, Table, Tag, Typography, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { api, rawRequest } from '../../../api/client.ts';
import { Permission, useCan } from '../../../auth/auth.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { InlineForm } from '../../../components/InlineForm.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useLocale } from '../../../i18n/index.tsx';
import { useServerToday } from '../../../lib/useServerToday.ts';

const KEY = ['liaison'];
function useL() {
  const { locale } = useLocale();
  return (zh: string, en: string) => (locale === 'en-US' ? en : zh);
}
const day = (d: Dayjs | undefined) => d?.format('YYYY-MM-DD');
type Agency = { id: string; name: string };
function useAgencies() {
  return useQuery({ queryKey: ['subjects', 'liaison'], queryFn: ({ signal }) => api.get<{ items: Agency[] }>('/subjects', { pageSize: 500 }, signal) });
}

/** A create form shown to the justice bureau's supervisors only (LIAISON_MANAGE). */
function ManageCard({ title, children }: { title: string; children: ReactNode }) {
  const can = useCan();
  if (!can(Permission.LIAISON_MANAGE)) return null;
  return (
    <Card size="small" title={title} style={{ marginBottom: 16 }}>
      {children}
    </Card>
  );
}

function usePost<T = unknown>(path: string) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (body: unknown) => api.post<T>(path, body), onSuccess: () => void qc.invalidateQueries({ queryKey: KEY }) });
}

interface Supervisor {
  id: string;
  name: string;
  kind: SupervisorKind;
  employer: string | null;
  phone: string | null;
  isCertified: boolean;
  certificates: { id: string; number: string; issuedOn: string; expiresOn: string; isRevoked: boolean; isValid: boolean }[];
}

/** 监督员: supervisors and certificates; field supervision needs two certified supervisors (S4). */
export function SupervisorsPage() {
  const L = useL();
  const list = useQuery({ queryKey: [...KEY, 'supervisors'], queryFn: ({ signal }) => api.get<Supervisor[]>('/liaison/supervisors', undefined, signal) });
  const field = useQuery({ queryKey: [...KEY, 'field'], queryFn: ({ signal }) => api.get<{ id: string; supervisedOn: string; targetAgencyName: string; subject: string; findings: string; certificateNumbers: string[] }[]>('/liaison/field-supervisions', undefined, signal) });
  const add = usePost('/liaison/supervisors');
  const [certFor, setCertFor] = useState<string | null>(null);
  const cert = useMutation({ mutationFn: (v: { number: string; issuedOn: string; expiresOn: string }) => api.post(`/liaison/supervisors/${certFor}/certificates`, v) });
  const qc = useQueryClient();
  const record = usePost('/liaison/field-supervisions');
  const agencies = useAgencies();
  return (
    <div data-testid="supervisors-page">
      <PageHeader title={L('执法监督员', 'Enforcement supervisors')} sub={L('监督员持执法监督证开展监督，现场监督须两名以上持证监督员共同进行（山东省行政执法监督条例第22条等）。', 'Supervisors hold a supervision certificate; field supervision needs at least two certified supervisors.')} />
      <ManageCard title={L('新增监督员', 'Add a supervisor')}>
        <InlineForm
          fields={[
            { name: 'name', rules: [{ required: true, min: 2 }], input: <Input placeholder={L('姓名', 'Name')} /> },
            { name: 'kind', input: <Select style={{ width: 140 }} options={Object.entries(SUPERVISOR_KIND_LABELS).map(([k, v]) => ({ value: k, label: L(v.zh, v.en) }))} /> },
            { name: 'employer', input: <Input placeholder={L('工作单位', 'Employer')} /> },
            { name: 'phone', input: <Input placeholder={L('电话', 'Phone')} /> },
          ]}
          onFinish={(v) => add.mutate(v)}
          initialValues={{ kind: 'part_time' }}
          submitLabel={L('添加', 'Add')}
          pending={add.isPending}
          error={add.error}
        />
      </ManageCard>
      {certFor ? (
        <ManageCard title={L('颁发执法监督证', 'Issue a supervision certificate')}>
          <InlineForm
            fields={[
              { name: 'number', rules: [{ required: true, min: 3 }], input: <Input placeholder={L('证号', 'Number')} /> },
              { name: 'issuedOn', rules: [{ required: true }], input: <DatePicker placeholder={L('发证日期', 'Issued')} /> },
              { name: 'expiresOn', rules: [{ required: true }], input: <DatePicker placeholder={L('有效期至', 'Expires')} /> },
            ]}
            onFinish={(v: { number: string; issuedOn: Dayjs; expiresOn: Dayjs }) =>
              cert.mutate({ number: v.number, issuedOn: day(v.issuedOn)!, expiresOn: day(v.expiresOn)! }, { onSuccess: () => { setCertFor(null); void qc.invalidateQueries({ queryKey: KEY }); } })}
            submitLabel={L('颁发', 'Issue')}
            pending={cert.isPending}
            error={cert.error}
            primary
            afterSubmit={<Button onClick={() => setCertFor(null)}>{L('取消', 'Cancel')}</Button>}
          />
        </ManageCard>
      ) : null}
      <ErrorAlert error={list.error} />
      <Table<Supervisor>
        rowKey="id"
        size="small"
        dataSource={list.data ?? []}
        pagination={false}
        columns={[
          { title: L('姓名', 'Name'), dataIndex: 'name' },
          { title: L('类别', 'Kind'), dataIndex: 'kind', render: (v: SupervisorKind) => L(SUPERVISOR_KIND_LABELS[v]?.zh ?? v, SUPERVISOR_KIND_LABELS[v]?.en ?? v) },
          { title: L('单位', 'Employer'), dataIndex: 'employer' },
          { title: L('电话', 'Phone'), dataIndex: 'phone' },
          { title: L('执法监督证', 'Certificates'), dataIndex: 'certificates', render: (cs: Supervisor['certificates']) => cs.map((c) => <Tag key={c.id} color={c.isValid ? 'green' : 'default'}>{`${c.number}（${c.expiresOn}）`}</Tag>) },
          { title: '', key: 'x', render: (_: unknown, s) => <Button size="small" onClick={() => setCertFor(s.id)}>{L('颁证', 'Certificate')}</Button> },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {L('现场监督记录', 'Field supervision')}
      </Typography.Title>
      <ManageCard title={L('登记现场监督', 'Record a field supervision')}>
        <Form layout="vertical" onFinish={(v: { supervisedOn: Dayjs; targetAgencyId: string; subject: string; findings: string; supervisorIds: string[] }) => record.mutate({ ...v, supervisedOn: day(v.supervisedOn) })}>
          <Space wrap>
            <Form.Item name="supervisedOn" label={L('日期', 'Date')} rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="targetAgencyId" label={L('被监督机关', 'Supervised agency')} rules={[{ required: true }]}>
              <Select style={{ width: 260 }} showSearch optionFilterProp="label" options={(agencies.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))} />
            </Form.Item>
            <Form.Item name="supervisorIds" label={L('监督员（至少两名持证）', 'Supervisors (≥2 certified)')} rules={[{ required: true }]}>
              <Select mode="multiple" style={{ width: 260 }} options={(list.data ?? []).map((s) => ({ value: s.id, label: `${s.name}${s.isCertified ? '' : L('（无有效证件）', ' (no valid certificate)')}` }))} />
            </Form.Item>
          </Space>
          <Form.Item name="subject" label={L('监督事项', 'Subject')} rules={[{ required: true, min: 2 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="findings" label={L('监督情况', 'Findings')} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Button htmlType="submit" type="primary" loading={record.isPending}>
            {L('登记', 'Record')}
          </Button>
          <ErrorAlert error={record.error} />
        </Form>
      </ManageCard>
      <Table size="small" rowKey="id" dataSource={field.data ?? []} pagination={false} columns={[{ title: L('日期', 'Date'), dataIndex: 'supervisedOn' }, { title: L('被监督机关', 'Agency'), dataIndex: 'targetAgencyName' }, { title: L('事项', 'Subject'), dataIndex: 'subject' }, { title: L('情况', 'Findings'), dataIndex: 'findings' }, { title: L('证号', 'Certificates'), dataIndex: 'certificateNumbers', render: (v: string[]) => v.join('、') }]} />
    </div>
  );
}

/** 专家库: experts with fields and declared conflicts; reproducible draws for a task. */
export function ExpertsPage() {
  const L = useL();
  const list = useQuery({ queryKey: [...KEY, 'experts'], queryFn: ({ signal }) => api.get<{ id: string; name: string; title: string | null; employer: string | null; fields: string[]; conflicts: string[]; isAvailable: boolean }[]>('/liaison/experts', undefined, signal) });
  const add = usePost('/liaison/experts');
  const draw = usePost<{ selected: { id: string; name: string }[]; eligible: number; seedHex: string }>('/liaison/expert-draws');
  const split = (s?: string) => (s ?? '').split(/[,，、;；\s]+/).filter(Boolean);
  return (
    <div data-testid="experts-page">
      <PageHeader title={L('专家库', 'Expert panel')} sub={L('按领域抽取在岗且无利害关系的专家；抽取种子留存，可复算。', 'Draw available experts of a field without a conflict; the seed is kept so the draw can be recomputed.')} />
      <ManageCard title={L('新增专家', 'Add an expert')}>
        <InlineForm
          fields={[
            { name: 'name', rules: [{ required: true, min: 2 }], input: <Input placeholder={L('姓名', 'Name')} /> },
            { name: 'title', input: <Input placeholder={L('职称', 'Title')} /> },
            { name: 'employer', input: <Input placeholder={L('单位', 'Employer')} /> },
            { name: 'fields', rules: [{ required: true }], input: <Input placeholder={L('专业领域（顿号分隔）', 'Fields (comma separated)')} /> },
            { name: 'conflicts', input: <Input placeholder={L('利害关系单位', 'Conflicts')} /> },
          ]}
          onFinish={(v: { name: string; title?: string; employer?: string; fields: string; conflicts?: string }) => add.mutate({ ...v, fields: split(v.fields), conflicts: split(v.conflicts) })}
          submitLabel={L('添加', 'Add')}
          pending={add.isPending}
          error={add.error}
        />
      </ManageCard>
      <ManageCard title={L('抽取专家', 'Draw experts')}>
        <InlineForm
          fields={[
            { name: 'purpose', rules: [{ required: true, min: 2 }], input: <Input placeholder={L('用途，如案卷评查', 'Purpose')} /> },
            { name: 'field', rules: [{ required: true }], input: <Input placeholder={L('领域', 'Field')} /> },
            { name: 'count', input: <InputNumber min={1} max={20} /> },
          ]}
          onFinish={(v: { purpose: string; field: string; count: number }) => draw.mutate({ ...v, parties: [] })}
          initialValues={{ count: 2 }}
          submitLabel={L('抽取', 'Draw')}
          pending={draw.isPending}
          error={draw.error}
          primary
        />
        {draw.data ? <Typography.Paragraph style={{ marginTop: 8 }}>{L('抽中：', 'Drawn: ')}{draw.data.selected.map((s) => s.name).join('、')}（{L('可抽', 'eligible')} {draw.data.eligible}；seed {draw.data.seedHex.slice(0, 16)}…）</Typography.Paragraph> : null}
      </ManageCard>
      <Table size="small" rowKey="id" dataSource={list.data ?? []} pagination={false} columns={[{ title: L('姓名', 'Name'), dataIndex: 'name' }, { title: L('职称', 'Title'), dataIndex: 'title' }, { title: L('单位', 'Employer'), dataIndex: 'employer' }, { title: L('领域', 'Fields'), dataIndex: 'fields', render: (v: string[]) => v.map((f) => <Tag key={f}>{f}</Tag>) }, { title: L('在岗', 'Available'), dataIndex: 'isAvailable', render: (v: boolean) => (v ? L('是', 'yes') : L('否', 'no')) }]} />
    </div>
  );
}

/** 企业联系点: designated enterprises, the year's planned and done visits, and those without their visit. */
export function ContactPointsPage() {
  const L = useL();
  const today = useServerToday();
  const [year, setYear] = useState<number | null>(null);
  const [missedOnly, setMissedOnly] = useState(false);
  const y = year ?? today?.year() ?? null;
  const list = useQuery({ queryKey: [...KEY, 'points', y, missedOnly], enabled: y !== null, queryFn: ({ signal }) => api.get<{ id: string; enterpriseName: string; contactPerson: string | null; planned: number; done: number; isShort: boolean; isMissedAtYearEnd: boolean; lastVisitOn: string | null }[]>('/liaison/contact-points', { year: y, missedOnly }, signal) });
  const add = usePost('/liaison/contact-points');
  const [visitFor, setVisitFor] = useState<string | null>(null);
  const qc = useQueryClient();
  const visit = useMutation({ mutationFn: (v: unknown) => api.post(`/liaison/contact-points/${visitFor}/visits`, v), onSuccess: () => { setVisitFor(null); void qc.invalidateQueries({ queryKey: KEY }); } });
  return (
    <div data-testid="contact-points-page">
      <PageHeader title={L('企业联系点', 'Enterprise contact points')} sub={L('每个联系点每年走访1至2次；年底仍未走访的企业列出督促。', 'Each point is visited 1–2 times a year; points without their visit by year end are listed.')} />
      <Space style={{ marginBottom: 12 }}>
        <InputNumber value={y} onChange={(v) => setYear(v ?? null)} min={2000} max={2100} />
        <span>
          {L('仅未完成走访', 'Short of plan only')} <Switch size="small" checked={missedOnly} onChange={setMissedOnly} />
        </span>
      </Space>
      <ManageCard title={L('确定联系点', 'Designate a contact point')}>
        <InlineForm
          fields={[
            { name: 'enterpriseName', rules: [{ required: true, min: 2 }], input: <Input placeholder={L('企业名称', 'Enterprise')} /> },
            { name: 'contactPerson', input: <Input placeholder={L('联系人', 'Contact')} /> },
            { name: 'designatedOn', rules: [{ required: true }], input: <DatePicker placeholder={L('确定日期', 'Designated on')} /> },
            { name: 'plannedVisits', input: <Select style={{ width: 120 }} options={[{ value: 1, label: L('每年1次', '1 / year') }, { value: 2, label: L('每年2次', '2 / year') }]} /> },
          ]}
          onFinish={(v: { enterpriseName: string; contactPerson?: string; designatedOn: Dayjs; plannedVisits: number }) => add.mutate({ ...v, designatedOn: day(v.designatedOn), year: y })}
          initialValues={{ plannedVisits: 1 }}
          submitLabel={L('添加', 'Add')}
          pending={add.isPending}
          error={add.error}
        />
      </ManageCard>
      {visitFor ? (
        <ManageCard title={L('登记走访', 'Record a visit')}>
          <InlineForm
            fields={[
              { name: 'visitedOn', rules: [{ required: true }], input: <DatePicker /> },
              { name: 'visitors', rules: [{ required: true, min: 2 }], input: <Input placeholder={L('走访人员', 'Visitors')} /> },
              { name: 'notes', rules: [{ required: true, min: 2 }], input: <Input placeholder={L('走访情况', 'Notes')} style={{ width: 300 }} /> },
            ]}
            onFinish={(v: { visitedOn: Dayjs; visitors: string; notes: string }) => visit.mutate({ ...v, visitedOn: day(v.visitedOn) })}
            submitLabel={L('登记', 'Record')}
            pending={visit.isPending}
            error={visit.error}
            primary
            afterSubmit={<Button onClick={() => setVisitFor(null)}>{L('取消', 'Cancel')}</Button>}
          />
        </ManageCard>
      ) : null}
      <Table
        size="small"
        rowKey="id"
        dataSource={list.data ?? []}
        pagination={false}
        columns={[
          { title: L('企业', 'Enterprise'), dataIndex: 'enterpriseName' },
          { title: L('联系人', 'Contact'), dataIndex: 'contactPerson' },
          { title: L('计划/已走访', 'Planned / done'), key: 'pd', render: (_: unknown, r) => <Tag color={r.isShort ? (r.isMissedAtYearEnd ? 'red' : 'orange') : 'green'}>{`${r.done}/${r.planned}`}</Tag> },
          { title: L('最近走访', 'Last visit'), dataIndex: 'lastVisitOn' },
          { title: '', key: 'x', render: (_: unknown, r) => <Button size="small" onClick={() => setVisitFor(r.id)}>{L('登记走访', 'Visit')}</Button> },
        ]}
      />
    </div>
  );
}

interface Survey {
  id: string;
  title: string;
  targetAgencyName: string;
  responses: number;
  questions: { key: string; type: string; text: string }[];
}

/** 问卷调查: question sets about an agency, one-time answer links for the portal, results per agency. */
export function SurveysPage() {
  const L = useL();
  const list = useQuery({ queryKey: [...KEY, 'surveys'], queryFn: ({ signal }) => api.get<Survey[]>('/liaison/surveys', undefined, signal) });
  const byAgency = useQuery({ queryKey: [...KEY, 'by-agency'], queryFn: ({ signal }) => api.get<{ agencyId: string; agencyName: string; responses: number; average: number | null }[]>('/liaison/survey-results/by-agency', undefined, signal) });
  const add = usePost('/liaison/surveys');
  const agencies = useAgencies();
  const [links, setLinks] = useState<string[]>([]);
  const tokens = useMutation({ mutationFn: (id: string) => api.post<{ surveyId: string; tokens: string[] }>(`/liaison/surveys/${id}/tokens`, { count: 5 }), onSuccess: (r) => setLinks(r.tokens.map((t) => `${window.location.origin}/survey/${r.surveyId}?t=${t}`)) });
  const [resultsOf, setResultsOf] = useState<string | null>(null);
  const results = useQuery({ queryKey: [...KEY, 'results', resultsOf], enabled: !!resultsOf, queryFn: ({ signal }) => api.get<{ responses: number; questions: { key: string; text: string; average: number | null; counts: Record<string, number> | null; answered: number }[] }>(`/liaison/surveys/${resultsOf}/results`, undefined, signal) });
  return (
    <div data-testid="surveys-page">
      <PageHeader title={L('问卷调查', 'Questionnaires')} sub={L('群众和企业凭一次性链接在门户网站作答，无需登录；结果按执法机关汇总。', 'Answered on the portal with one-time links, no login; results per agency.')} />
      <ManageCard title={L('新建问卷（默认题目：总体满意度、是否出示证件、意见建议）', 'New questionnaire (default questions)')}>
        <InlineForm
          fields={[
            { name: 'title', rules: [{ required: true, min: 2 }], input: <Input placeholder={L('标题', 'Title')} /> },
            { name: 'targetAgencyId', rules: [{ required: true }], input: <Select style={{ width: 260 }} placeholder={L('评价对象机关', 'Agency')} showSearch optionFilterProp="label" options={(agencies.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))} /> },
          ]}
          onFinish={(v: { title: string; targetAgencyId: string }) =>
            add.mutate({
              ...v,
              questions: [
                { key: 'overall', type: 'rating', text: '您对本次执法的总体满意度', required: true },
                { key: 'showed_id', type: 'choice', text: '执法人员是否主动出示执法证件', options: ['是', '否'], required: true },
                { key: 'advice', type: 'text', text: '意见和建议' },
              ],
            })}
          submitLabel={L('创建', 'Create')}
          pending={add.isPending}
          error={add.error}
        />
      </ManageCard>
      {links.length ? (
        <Card size="small" title={L('一次性作答链接（仅显示一次）', 'One-time links (shown once)')} style={{ marginBottom: 16 }}>
          {links.map((l) => (
            <Typography.Paragraph key={l} copyable style={{ marginBottom: 4 }}>
              <a href={l} data-testid="survey-link">{l}</a>
            </Typography.Paragraph>
          ))}
        </Card>
      ) : null}
      <ErrorAlert error={list.error ?? tokens.error} />
      <Table<Survey>
        size="small"
        rowKey="id"
        dataSource={list.data ?? []}
        pagination={false}
        columns={[
          { title: L('问卷', 'Questionnaire'), dataIndex: 'title' },
          { title: L('评价对象', 'Agency'), dataIndex: 'targetAgencyName' },
          { title: L('答卷数', 'Responses'), dataIndex: 'responses' },
          {
            title: '',
            key: 'x',
            render: (_: unknown, s) => (
              <Space>
                <Button size="small" onClick={() => setResultsOf(s.id)}>{L('结果', 'Results')}</Button>
                <ManageOnly>
                  <Button size="small" onClick={() => tokens.mutate(s.id)} data-testid="survey-issue-links">{L('生成作答链接', 'Issue links')}</Button>
                </ManageOnly>
              </Space>
            ),
          },
        ]}
      />
      {results.data ? (
        <Card size="small" title={`${L('答卷', 'Responses')} ${results.data.responses}`} style={{ marginTop: 16 }}>
          <Table size="small" rowKey="key" dataSource={results.data.questions} pagination={false} columns={[{ title: L('题目', 'Question'), dataIndex: 'text' }, { title: L('作答', 'Answered'), dataIndex: 'answered' }, { title: L('平均分', 'Average'), dataIndex: 'average' }, { title: L('选项分布', 'Choices'), dataIndex: 'counts', render: (v: Record<string, number> | null) => (v ? Object.entries(v).map(([k, n]) => `${k}:${n}`).join(' ') : '—') }]} />
        </Card>
      ) : null}
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {L('各机关满意度', 'Satisfaction per agency')}
      </Typography.Title>
      <Table size="small" rowKey="agencyId" dataSource={byAgency.data ?? []} pagination={false} columns={[{ title: L('机关', 'Agency'), dataIndex: 'agencyName' }, { title: L('答卷数', 'Responses'), dataIndex: 'responses' }, { title: L('平均分（1-5）', 'Average (1–5)'), dataIndex: 'average' }]} />
    </div>
  );
}

function ManageOnly({ children }: { children: ReactNode }) {
  const can = useCan();
  return can(Permission.LIAISON_MANAGE) ? <>{children}</> : null;
}

/** 第三方评估: an evaluator's score per agency and year, with the report file. */
export function EvaluationsPage() {
  const L = useL();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: [...KEY, 'evaluations'], queryFn: ({ signal }) => api.get<{ id: string; evaluator: string; targetAgencyName: string; year: number; score: number; grade: string; reportFileName: string | null }[]>('/liaison/evaluations', undefined, signal) });
  const agencies = useAgencies();
  const [file, setFile] = useState<File | null>(null);
  const add = useMutation({
    mutationFn: async (v: { evaluator: string; targetAgencyId: string; year: number; score: number; summary?: string }) => {
      const form = new FormData();
      for (const [k, x] of Object.entries(v)) if (x !== undefined && x !== null) form.append(k, String(x));
      if (file) form.append('report', file, file.name);
      return (await rawRequest('/liaison/evaluations', { method: 'POST', form })).json();
    },
    onSuccess: () => {
      setFile(null);
      void qc.invalidateQueries({ queryKey: KEY });
    },
  });
  const GRADE: Record<string, [string, string]> = { excellent: ['优秀', 'Excellent'], good: ['良好', 'Good'], pass: ['合格', 'Pass'], fail: ['不合格', 'Fail'] };
  return (
    <div data-testid="evaluations-page">
      <PageHeader title={L('第三方评估', 'Third-party evaluation')} sub={L('记录评估机构对各执法机关的年度评分和评估报告（报告存入证据存储）。', 'Scores per agency and year, with the report file kept in the evidence store.')} />
      <ManageCard title={L('登记评估结果', 'Record a result')}>
        <InlineForm
          fields={[
            { name: 'evaluator', rules: [{ required: true, min: 2 }], input: <Input placeholder={L('评估机构', 'Evaluator')} /> },
            { name: 'targetAgencyId', rules: [{ required: true }], input: <Select style={{ width: 240 }} placeholder={L('被评估机关', 'Agency')} showSearch optionFilterProp="label" options={(agencies.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))} /> },
            { name: 'year', rules: [{ required: true }], input: <InputNumber placeholder={L('年度', 'Year')} min={2000} max={2100} /> },
            { name: 'score', rules: [{ required: true }], input: <InputNumber placeholder={L('得分', 'Score')} min={0} max={100} step={0.5} /> },
          ]}
          onFinish={(v: { evaluator: string; targetAgencyId: string; year: number; score: number; summary?: string }) => add.mutate(v)}
          submitLabel={L('登记', 'Record')}
          pending={add.isPending}
          error={add.error}
          primary
          beforeSubmit={
            <Upload beforeUpload={(f) => { setFile(f); return false; }} showUploadList={false}>
              <Button>{file ? file.name : L('评估报告', 'Report file')}</Button>
            </Upload>
          }
        />
      </ManageCard>
      <Table size="small" rowKey="id" dataSource={list.data ?? []} pagination={false} columns={[{ title: L('年度', 'Year'), dataIndex: 'year' }, { title: L('机关', 'Agency'), dataIndex: 'targetAgencyName' }, { title: L('评估机构', 'Evaluator'), dataIndex: 'evaluator' }, { title: L('得分', 'Score'), dataIndex: 'score' }, { title: L('等次', 'Grade'), dataIndex: 'grade', render: (g: string) => L(GRADE[g]?.[0] ?? g, GRADE[g]?.[1] ?? g) }, { title: L('报告', 'Report'), dataIndex: 'reportFileName', render: (v: string | null, r) => (v ? <a href={`/api/v1/liaison/evaluations/${r.id}/report`}>{v}</a> : '—') }]} />
    </div>
  );
}
