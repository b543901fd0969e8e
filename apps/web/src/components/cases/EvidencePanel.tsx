import { useQuery, useQueryClient } from '@tanstack/react-query';
import { AV_STAGE_LABELS, AV_STAGES, type AvStage } from '@zhifa/domain';
import { Button, Card, DatePicker, Drawer, Empty, Form, Input, Modal, Select, Skeleton, Space, Switch, Table, Tag, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import type { Dayjs } from 'dayjs';
import { useServerNow } from '../../lib/useServerToday.ts';
import { useState } from 'react';
import { api, rawRequest } from '../../api/client.ts';
import { Permission, useCan } from '../../auth/auth.tsx';
import { useLocale, useT } from '../../i18n/index.tsx';
import { fmtDateTime } from '../../lib/format.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';
import { ReasonModal } from '../ReasonModal.tsx';
import './cases.css';

export interface EvidenceItem {
  id: string;
  sha256: string;
  size: number;
  fileName: string;
  mediaType: string;
  kind: string;
  caseRef: string;
  stage: string | null;
  maker: string;
  capturedAt: string;
  capturedPlace: string;
  device: string;
  deviceReviewed: boolean;
  method: string;
  proves: string;
  transcript: string | null;
  gapReason: string | null;
  lateUpload: boolean;
  retentionClass: string;
  retainUntil: string | null;
  uploadedAt: string;
  leafHash: string | null;
  recordingEndedAt: string | null;
  withdrawn: { reason: string; at: string } | null;
}

interface UploadValues {
  stage?: AvStage;
  maker: string;
  capturedAt: Dayjs;
  recordingEndedAt?: Dayjs;
  capturedPlace: string;
  device: string;
  deviceReviewed: boolean;
  method: string;
  proves: string;
  transcript?: string;
  gapReason?: string;
}

const KIND_COLOR: Record<string, string> = { photo: 'blue', video: 'purple', audio: 'cyan', document: 'geekblue', other: 'default' };
const fmtSize = (n: number) => (n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KB` : n < 1024 ** 3 ? `${(n / 1024 ** 2).toFixed(1)} MB` : `${(n / 1024 ** 3).toFixed(2)} GB`);

/**
 * 执法全过程记录 on the case page (issue #8): the evidence recorded for this case with what the law asks to be stated
 * (maker, time, place, device, method, what it proves; a transcript for audio), its SHA-256, and its leaf in the
 * tamper-evident log (checked publicly at /verify). Opening a file asks for a reason: every view is logged server-side.
 */
/**
 * `onChanged` lets the page reload its record after an upload or withdrawal: a step whose item requires audio-video is
 * refused until the recording is on file (REC3), so the available actions change with the evidence.
 */
export function EvidencePanel({ caseId, onChanged }: { caseId: string; onChanged?: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const can = useCan();
  const qc = useQueryClient();
  const [uploading, setUploading] = useState(false);
  const [asking, setAsking] = useState<EvidenceItem | null>(null);
  const [viewing, setViewing] = useState<{ item: EvidenceItem; url: string } | null>(null);
  const [withdrawing, setWithdrawing] = useState<EvidenceItem | null>(null);
  const q = useQuery({
    queryKey: ['evidence', caseId],
    queryFn: ({ signal }) => api.get<EvidenceItem[]>('/evidence', { caseRef: caseId, limit: 200 }, signal),
  });
  const rows = q.data ?? [];
  const stageText = (s: string | null) => (s && s in AV_STAGE_LABELS ? AV_STAGE_LABELS[s as AvStage][locale === 'en-US' ? 'en' : 'zh'] : '—');

  return (
    <Card
      size="small"
      title={t('evidence.title')}
      data-testid="case-evidence"
      extra={
        can(Permission.CASE_HANDLE) ? (
          <Button size="small" type="primary" onClick={() => setUploading(true)} data-testid="evidence-add">
            {t('evidence.add')}
          </Button>
        ) : null
      }
    >
      {q.error ? <ErrorAlert error={q.error} /> : null}
      {rows.length === 0 && !q.isLoading ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('evidence.none')} />
      ) : (
        <Table<EvidenceItem>
          size="small"
          rowKey="id"
          loading={q.isLoading}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 720 }}
          expandable={{
            expandedRowRender: (e) => (
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <Typography.Text>{`${t('evidence.method')}：${e.method}`}</Typography.Text>
                <Typography.Text>{`${t('evidence.device')}：${e.device}`}</Typography.Text>
                {e.transcript ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{`${t('evidence.transcript')}：${e.transcript}`}</Typography.Paragraph> : null}
                {e.recordingEndedAt ? <Typography.Text>{`${t('evidence.recordingEndedAt')}：${fmtDateTime(e.recordingEndedAt)}`}</Typography.Text> : null}
                {e.withdrawn ? <Typography.Text type="danger">{`${t('evidence.withdrawn')}（${fmtDateTime(e.withdrawn.at)}）：${e.withdrawn.reason}`}</Typography.Text> : null}
                {e.gapReason ? <Typography.Text>{`${t('evidence.gapReason')}：${e.gapReason}`}</Typography.Text> : null}
                <Typography.Text type="secondary" copyable={{ text: e.sha256 }} style={{ fontFamily: 'monospace', fontSize: 12 }}>
                  SHA-256 {e.sha256}
                </Typography.Text>
                <Typography.Text type="secondary">{`${t('evidence.retention')}：${e.retentionClass}${e.retainUntil ? ` · ${e.retainUntil}` : ''}`}</Typography.Text>
              </Space>
            ),
          }}
          columns={[
            {
              title: t('evidence.file'),
              key: 'file',
              render: (_, e) => (
                <Space orientation="vertical" size={0}>
                  <Space size={4} wrap>
                    <Tag color={KIND_COLOR[e.kind] ?? 'default'}>{t(`evidence.kind.${e.kind}` as 'evidence.kind.photo')}</Tag>
                    <Typography.Text strong>{e.fileName}</Typography.Text>
                  </Space>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${fmtSize(e.size)} · ${stageText(e.stage)}`}</Typography.Text>
                </Space>
              ),
            },
            { title: t('evidence.proves'), dataIndex: 'proves', ellipsis: true },
            {
              title: t('evidence.captured'),
              key: 'captured',
              render: (_, e) => (
                <Space orientation="vertical" size={0}>
                  <span>{fmtDateTime(e.capturedAt)}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${e.maker} · ${e.capturedPlace}`}</Typography.Text>
                </Space>
              ),
            },
            {
              title: t('evidence.flags'),
              key: 'flags',
              render: (_, e) => (
                <Space size={2} wrap>
                  {e.withdrawn ? (
                    <Tag color="default" title={e.withdrawn.reason} data-testid="evidence-withdrawn">
                      {t('evidence.withdrawn')}
                    </Tag>
                  ) : null}
                  {e.lateUpload ? <Tag color="orange" data-testid="evidence-late">{t('evidence.late')}</Tag> : null}
                  {!e.deviceReviewed ? <Tag color="red">{t('evidence.deviceNotReviewed')}</Tag> : null}
                  {!e.lateUpload && e.deviceReviewed ? <Tag color="green">{t('evidence.ok')}</Tag> : null}
                </Space>
              ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, e) => (
                <Space size={4}>
                  <Button size="small" onClick={() => setAsking(e)} data-testid="evidence-open">
                    {t('evidence.open')}
                  </Button>
                  {can(Permission.CASE_HANDLE) && !e.withdrawn ? (
                    <Button size="small" type="link" danger onClick={() => setWithdrawing(e)}>
                      {t('evidence.withdraw')}
                    </Button>
                  ) : null}
                  {e.leafHash ? (
                    <a href={`/verify?hash=${e.leafHash}`} target="_blank" rel="noreferrer" data-testid="evidence-verify">
                      {t('evidence.verify')}
                    </a>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      )}
      <ReasonModal
        open={!!asking}
        title={t('evidence.reasonTitle')}
        onCancel={() => setAsking(null)}
        onSubmit={async ({ reason }) => {
          const item = asking!;
          // The file is fetched once with the stated reason (logged by the server before a byte is sent) and shown from memory.
          const res = await rawRequest(`/evidence/${item.id}/content`, { query: { reason } });
          const url = URL.createObjectURL(await res.blob());
          setAsking(null);
          setViewing({ item, url });
        }}
      />
      <ReasonModal
        open={!!withdrawing}
        danger
        title={t('evidence.withdrawTitle')}
        onCancel={() => setWithdrawing(null)}
        onSubmit={async ({ reason }) => {
          await api.post(`/evidence/${withdrawing!.id}/withdraw`, { reason });
          setWithdrawing(null);
          await qc.invalidateQueries({ queryKey: ['evidence', caseId] });
          onChanged?.();
        }}
      />
      <Modal
        open={!!viewing}
        title={viewing?.item.fileName}
        width={720}
        footer={
          viewing ? (
            <a href={viewing.url} download={viewing.item.fileName}>
              {t('evidence.download')}
            </a>
          ) : null
        }
        onCancel={() => {
          if (viewing) URL.revokeObjectURL(viewing.url);
          setViewing(null);
        }}
      >
        {viewing ? <EvidencePreview item={viewing.item} url={viewing.url} /> : null}
      </Modal>
      <EvidenceUploadDrawer
        open={uploading}
        caseId={caseId}
        onClose={() => setUploading(false)}
        onDone={() => {
          setUploading(false);
          void qc.invalidateQueries({ queryKey: ['evidence', caseId] });
          onChanged?.();
        }}
      />
    </Card>
  );
}

function EvidencePreview({ item, url }: { item: EvidenceItem; url: string }) {
  const t = useT();
  if (item.mediaType.startsWith('image/')) return <img src={url} alt={item.proves} style={{ maxWidth: '100%' }} data-testid="evidence-preview-image" />;
  if (item.mediaType.startsWith('video/')) return <video src={url} controls style={{ width: '100%' }} />;
  if (item.mediaType.startsWith('audio/')) return <audio src={url} controls style={{ width: '100%' }} />;
  if (item.mediaType === 'application/pdf') return <iframe src={url} title={item.fileName} style={{ width: '100%', height: 480, border: 0 }} />;
  return <Typography.Text type="secondary">{t('evidence.noPreview')}</Typography.Text>;
}

function EvidenceUploadDrawer({ open, caseId, onClose, onDone }: { open: boolean; caseId: string; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<UploadValues>();
  // The capture time defaults to the server's now: the server's clock decides what is "in the future".
  const serverNow = useServerNow();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const file = files[0]?.originFileObj;
  const isAudio = !!file && file.type.startsWith('audio/');
  const isRecording = !!file && (isAudio || file.type.startsWith('video/'));

  async function submit(v: UploadValues) {
    if (!file) {
      setError(new Error(t('evidence.fileRequired')));
      return;
    }
    setBusy(true);
    setError(null);
    const meta = {
      caseRef: caseId,
      stage: v.stage ?? null,
      maker: v.maker,
      capturedAt: v.capturedAt.format(),
      recordingEndedAt: isRecording && v.recordingEndedAt ? v.recordingEndedAt.format() : null,
      capturedPlace: v.capturedPlace,
      device: v.device,
      deviceReviewed: v.deviceReviewed,
      method: v.method,
      proves: v.proves,
      transcript: v.transcript ?? null,
      gapReason: v.gapReason ?? null,
    };
    // The metadata part must come before the file: the server validates it before streaming a byte to storage.
    const fd = new FormData();
    fd.append('meta', JSON.stringify(meta));
    fd.append('file', file, file.name);
    try {
      await rawRequest('/evidence', { method: 'POST', form: fd });
      form.resetFields();
      setFiles([]);
      onDone();
    } catch (e) {
      // Refusals (e.g. audio without a transcript) and field issues (meta.<field>) are listed by the alert.
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Drawer open={open} onClose={onClose} title={t('evidence.add')} size={520} destroyOnHidden>
      {error ? <ErrorAlert error={error} /> : null}
      {/* The form waits for the server's now: its capture time starts there (the browser's clock may be ahead of it). */}
      {!serverNow ? (
        <Skeleton active />
      ) : (
        <Form<UploadValues>
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          initialValues={{ deviceReviewed: true, capturedAt: serverNow }}
          data-testid="evidence-form"
        >
          <Form.Item label={t('evidence.file')} required>
            <Upload beforeUpload={() => false} maxCount={1} fileList={files} onChange={({ fileList }) => setFiles(fileList.slice(-1))} accept="image/*,video/*,audio/*,application/pdf">
              <Button data-testid="evidence-pick">{t('evidence.pick')}</Button>
            </Upload>
          </Form.Item>
          <Form.Item name="stage" label={t('evidence.stage')}>
            <Select data-testid="evidence-stage" allowClear options={AV_STAGES.map((s) => ({ value: s, label: AV_STAGE_LABELS[s][locale === 'en-US' ? 'en' : 'zh'] }))} />
          </Form.Item>
          <Form.Item name="maker" label={t('evidence.maker')} rules={[{ required: true }]}>
            <Input placeholder={t('evidence.makerHint')} />
          </Form.Item>
          <Form.Item name="capturedAt" label={t('evidence.capturedAt')} rules={[{ required: true }]}>
            <DatePicker showTime style={{ width: '100%' }} />
          </Form.Item>
          {isRecording ? (
            <Form.Item name="recordingEndedAt" label={t('evidence.recordingEndedAt')} extra={t('evidence.recordingEndedHint')}>
              <DatePicker showTime style={{ width: '100%' }} />
            </Form.Item>
          ) : null}
          <Form.Item name="capturedPlace" label={t('evidence.capturedPlace')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="device" label={t('evidence.device')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="deviceReviewed" label={t('evidence.deviceReviewed')} valuePropName="checked" extra={t('evidence.deviceReviewedHint')}>
            <Switch />
          </Form.Item>
          <Form.Item name="method" label={t('evidence.method')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="proves" label={t('evidence.proves')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="transcript" label={t('evidence.transcript')} rules={[{ required: isAudio, message: t('evidence.transcriptRequired') }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="gapReason" label={t('evidence.gapReason')}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block data-testid="evidence-submit">
            {t('evidence.submit')}
          </Button>
        </Form>
      )}
    </Drawer>
  );
}
