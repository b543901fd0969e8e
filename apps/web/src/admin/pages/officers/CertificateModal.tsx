import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api, type ApiIssue } from '../../../api/client.ts';
import type { Certificate } from '../../../api/types.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { RegionSelect } from '../../../components/RemoteSelects.tsx';
import { useLocale, useT } from '../../../i18n/index.tsx';
import { applyFieldErrors } from '../../../lib/errors.ts';
import { DATE } from '../../../lib/format.ts';
import { useLabels } from '../../../lib/labels.ts';

export const CREDENTIAL_TYPES = ['enforcement', 'supervision', 'hearing_presider'] as const;

interface Values {
  number: string;
  credentialType: string;
  categories: string[];
  areaCode: string;
  issuedBy: string;
  issuedOn: Dayjs;
  expiresOn: Dayjs;
  lastReviewedOn?: Dayjs | null;
}

/** Record a certificate (POST /officers/:id/certificates) or correct one (PATCH /certificates/:id with version). */
export function CertificateModal({ officerId, editing, open, onClose }: { officerId: string; editing: Certificate | null; open: boolean; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const labels = useLabels();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setIssues([]);
    if (editing) {
      form.setFieldsValue({
        number: editing.number,
        credentialType: editing.credentialType,
        categories: editing.categories,
        areaCode: editing.areaCode,
        issuedBy: editing.issuedBy,
        issuedOn: dayjs(editing.issuedOn),
        expiresOn: dayjs(editing.expiresOn),
        lastReviewedOn: editing.lastReviewedOn ? dayjs(editing.lastReviewedOn) : null,
      });
    } else form.setFieldsValue({ credentialType: 'enforcement', categories: [] });
  }, [open, editing, form]);
  const save = useMutation({
    mutationFn: (v: Values) =>
      editing
        ? api.patch<Certificate>(`/certificates/${editing.id}`, {
            version: editing.version,
            categories: v.categories,
            areaCode: v.areaCode,
            issuedBy: v.issuedBy,
            expiresOn: v.expiresOn.format(DATE),
            ...(v.lastReviewedOn ? { lastReviewedOn: v.lastReviewedOn.format(DATE) } : {}),
          })
        : api.post<Certificate>(`/officers/${officerId}/certificates`, {
            number: v.number.trim(),
            credentialType: v.credentialType,
            categories: v.categories,
            areaCode: v.areaCode,
            issuedBy: v.issuedBy,
            issuedOn: v.issuedOn.format(DATE),
            expiresOn: v.expiresOn.format(DATE),
            lastReviewedOn: v.lastReviewedOn ? v.lastReviewedOn.format(DATE) : null,
          }),
    onSuccess: () => {
      void message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['officers'] });
      onClose();
    },
    onError: (e) => setIssues(applyFieldErrors(form, e, locale)),
  });
  return (
    <Modal
      open={open}
      width={720}
      title={editing ? t('officer.cert.edit') : t('officer.cert.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'certificate-form-submit' }}
      destroyOnHidden
    >
      <ErrorAlert error={save.error} issues={issues} onReload={() => void qc.invalidateQueries({ queryKey: ['officers'] }).then(onClose)} />
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="certificate-form">
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="number" label={t('officer.card.number')} rules={[{ required: true, pattern: /^[0-9A-Za-z-]{6,32}$/, message: t('validation.certNumber') }]}>
              <Input disabled={!!editing} maxLength={32} data-testid="certificate-number" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="credentialType" label={t('officer.cert.type')} rules={[{ required: true }]}>
              <Select disabled={!!editing} options={labels.options.fromDictionary('credentialType', CREDENTIAL_TYPES)} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="categories" label={t('officer.card.categories')} rules={[{ required: true, type: 'array', min: 1, message: t('validation.categories') }]}>
              <Select mode="multiple" options={labels.options.sector} showSearch={{ optionFilterProp: 'label' }} data-testid="certificate-categories" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="areaCode" label={t('officer.card.area')} rules={[{ required: true }]}>
              <RegionSelect testId="certificate-area" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="issuedBy" label={t('officer.cert.issuedBy')} rules={[{ required: true, whitespace: true, max: 100 }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="issuedOn" label={t('officer.cert.issuedOn')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} disabled={!!editing} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="expiresOn"
              label={t('officer.expiresOn')}
              dependencies={['issuedOn']}
              rules={[
                { required: true },
                ({ getFieldValue }) => ({
                  validator: (_, v: Dayjs | undefined) => {
                    const issued = getFieldValue('issuedOn') as Dayjs | undefined;
                    return !v || !issued || v.isAfter(issued) ? Promise.resolve() : Promise.reject(new Error(t('validation.expiryAfterIssue')));
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="lastReviewedOn" label={t('officer.cert.lastReviewedOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
