import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api, type ApiIssue } from '../../../api/client.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useLocale, useT } from '../../../i18n/index.tsx';
import { applyFieldErrors } from '../../../lib/errors.ts';
import { DATE } from '../../../lib/format.ts';
import { useLabels } from '../../../lib/labels.ts';

export const ASSESSMENT_KINDS = ['exam', 'review', 'annual'] as const;
export const ASSESSMENT_RESULTS = ['excellent', 'pass', 'basic_pass', 'fail'] as const;

function useRecordForm<V extends object>(path: string, toBody: (v: V) => unknown, open: boolean, onClose: () => void) {
  const t = useT();
  const { locale } = useLocale();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  useEffect(() => {
    if (open) {
      form.resetFields();
      setIssues([]);
    }
  }, [open, form]);
  const save = useMutation({
    mutationFn: (v: V) => api.post<{ id: string }>(path, toBody(v)),
    onSuccess: () => {
      void message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['officers'] });
      onClose();
    },
    onError: (e) => setIssues(applyFieldErrors(form, e, locale)),
  });
  return { form, save, issues };
}

interface TrainingValues {
  heldOn: Dayjs;
  title: string;
  hours: number;
  organiser?: string;
}

/** POST /officers/:id/trainings — annual training hours (legal reviewers need more). */
export function TrainingModal({ officerId, open, onClose }: { officerId: string; open: boolean; onClose: () => void }) {
  const t = useT();
  const { form, save, issues } = useRecordForm<TrainingValues>(
    `/officers/${officerId}/trainings`,
    (v) => ({ heldOn: v.heldOn.format(DATE), title: v.title, hours: v.hours, organiser: v.organiser?.trim() || null }),
    open,
    onClose,
  );
  return (
    <Modal open={open} title={t('officer.training.add')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: save.isPending, 'data-testid': 'training-form-submit' }} destroyOnHidden>
      <ErrorAlert error={save.error} issues={issues} />
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="training-form">
        <Form.Item name="heldOn" label={t('officer.training.heldOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="title" label={t('officer.training.title')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="hours" label={t('officer.training.hours')} rules={[{ required: true, type: 'number', min: 0.5, max: 500 }]}>
          <InputNumber min={0.5} max={500} step={0.5} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="organiser" label={t('officer.training.organiser')} rules={[{ max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface AssessmentValues {
  kind: string;
  heldOn: Dayjs;
  result: string;
  score?: number | null;
  note?: string;
}

/** POST /officers/:id/assessments — exams and reviews (考试、年审). */
export function AssessmentModal({ officerId, open, onClose }: { officerId: string; open: boolean; onClose: () => void }) {
  const t = useT();
  const labels = useLabels();
  const { form, save, issues } = useRecordForm<AssessmentValues>(
    `/officers/${officerId}/assessments`,
    (v) => ({ kind: v.kind, heldOn: v.heldOn.format(DATE), result: v.result, score: v.score ?? null, note: v.note?.trim() || null }),
    open,
    onClose,
  );
  return (
    <Modal open={open} title={t('officer.assessment.add')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: save.isPending, 'data-testid': 'assessment-form-submit' }} destroyOnHidden>
      <ErrorAlert error={save.error} issues={issues} />
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="assessment-form">
        <Form.Item name="kind" label={t('officer.assessment.kind')} rules={[{ required: true }]}>
          <Select options={labels.options.fromDictionary('assessmentKind', ASSESSMENT_KINDS)} />
        </Form.Item>
        <Form.Item name="heldOn" label={t('officer.assessment.heldOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="result" label={t('officer.assessment.result')} rules={[{ required: true }]}>
          <Select options={labels.options.fromDictionary('assessmentResult', ASSESSMENT_RESULTS)} />
        </Form.Item>
        <Form.Item name="score" label={t('officer.assessment.score')} rules={[{ type: 'number', min: 0, max: 100 }]}>
          <InputNumber min={0} max={100} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('common.note')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
