import { DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useLocale, useT } from '../i18n/index.tsx';
import { applyFieldErrors } from '../lib/errors.ts';
import { DATE } from '../lib/format.ts';
import { useServerToday } from '../lib/useServerToday.ts';
import type { ApiIssue } from '../api/client.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

export interface ReasonValues {
  reason: string;
  until?: string;
}

/**
 * Asks for the reason of a state change (announce, revoke, suspend, terminate, withdraw…). Every such change is
 * recorded with its reason in the history.
 */
export function ReasonModal({
  open,
  title,
  onCancel,
  onSubmit,
  requireReason = true,
  withUntil = false,
  untilRequired = false,
  danger = false,
}: {
  open: boolean;
  title: string;
  onCancel: () => void;
  onSubmit: (v: ReasonValues) => Promise<unknown>;
  requireReason?: boolean;
  withUntil?: boolean;
  untilRequired?: boolean;
  danger?: boolean;
}) {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<{ reason: string; until?: Dayjs }>();
  // "Until" lies after the server's today: its clock ends the suspension.
  const today = useServerToday();
  const [error, setError] = useState<unknown>(null);
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) {
      form.resetFields();
      setError(null);
      setIssues([]);
    }
  }, [open, form]);
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onCancel}
      okText={t('common.confirm')}
      okButtonProps={{ danger, loading: busy, 'data-testid': 'reason-submit' }}
      onOk={async () => {
        const v = await form.validateFields();
        setBusy(true);
        setError(null);
        try {
          await onSubmit({ reason: v.reason?.trim() ?? '', ...(v.until ? { until: v.until.format(DATE) } : {}) });
        } catch (e) {
          setError(e);
          setIssues(applyFieldErrors(form, e, locale));
        } finally {
          setBusy(false);
        }
      }}
      destroyOnHidden
    >
      <ErrorAlert error={error} issues={issues} />
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('common.reason')}
          rules={requireReason ? [{ required: true, whitespace: true, min: 2, message: t('validation.reasonRequired') }] : []}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="reason-input" />
        </Form.Item>
        {withUntil ? (
          <Form.Item name="until" label={t('officer.cert.until')} rules={untilRequired ? [{ required: true, message: t('validation.untilRequired') }] : []}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => !!today && d.isBefore(today, 'day')} data-testid="until-input" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
