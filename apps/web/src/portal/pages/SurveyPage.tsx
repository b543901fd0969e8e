import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Radio, Rate, Result, Spin, Typography } from 'antd';
import { useParams, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { usePT } from '../messages.ts';

interface PublicSurvey {
  id: string;
  title: string;
  agencyName: string;
  questions: { key: string; type: 'rating' | 'choice' | 'text'; text: string; options?: string[]; required?: boolean }[];
}

/** 问卷作答: no login; the one-time token in the link answers once (the server spends it with the answer). */
export function SurveyPage() {
  const t = usePT();
  const { id } = useParams();
  const [params] = useSearchParams();
  const token = params.get('t') ?? '';
  const survey = useQuery({ queryKey: ['public', 'survey', id, token], retry: false, queryFn: ({ signal }) => api.get<PublicSurvey>(`/public/surveys/${id}`, { t: token }, signal) });
  const answer = useMutation({ mutationFn: (answers: Record<string, unknown>) => api.post(`/public/surveys/${id}/answers`, { t: token, answers: Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== undefined && v !== '' && v !== 0)) }) });
  if (answer.isSuccess) return <Result status="success" title={t('sv.thanks')} data-testid="survey-done" />;
  if (survey.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!survey.data) return <Alert type="warning" showIcon message={t('sv.invalid')} data-testid="survey-invalid" />;
  const s = survey.data;
  return (
    <div data-testid="survey-page" style={{ maxWidth: 680 }}>
      <Typography.Title level={1} style={{ fontSize: 26 }}>
        {s.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('sv.about', { agency: s.agencyName })}</Typography.Paragraph>
      <Form layout="vertical" onFinish={(v: Record<string, unknown>) => answer.mutate(v)}>
        {s.questions.map((q) => (
          <Form.Item key={q.key} name={q.key} label={q.text} rules={q.required ? [{ required: true }] : []}>
            {q.type === 'rating' ? <Rate data-testid={`survey-q-${q.key}`} /> : q.type === 'choice' ? <Radio.Group options={(q.options ?? []).map((o) => ({ value: o, label: o }))} data-testid={`survey-q-${q.key}`} /> : <Input.TextArea rows={3} maxLength={2000} />}
          </Form.Item>
        ))}
        {answer.error ? <ErrorAlert error={answer.error} /> : null}
        <Button type="primary" htmlType="submit" loading={answer.isPending} data-testid="survey-submit">
          {t('common.submit')}
        </Button>
      </Form>
    </div>
  );
}
