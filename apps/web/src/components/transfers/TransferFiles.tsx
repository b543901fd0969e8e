import { POLICE_TRANSFER_MATERIALS } from '@zhifa/domain';
import { Button, Space, Table, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { rawRequest } from '../../api/client.ts';
import { ReasonModal } from '../ReasonModal.tsx';
import { useBi, type TransferAttachment } from './transfers-api.ts';

/**
 * A scanned material uploaded through the evidence API (multipart POST /evidence) as a record of the case: hashed,
 * stored content-addressed and logged like any evidence. `capturedAt` is the server's now (useServerNow).
 */
export async function uploadTransferScan(file: File, m: { caseId: string; maker: string; material: string; capturedAt: string }): Promise<string> {
  const meta = { caseRef: m.caseId, maker: m.maker, capturedAt: m.capturedAt, capturedPlace: '本机关', device: '扫描仪', deviceReviewed: true, method: '纸质材料扫描', proves: `移送材料：${m.material}` };
  const fd = new FormData();
  fd.append('meta', JSON.stringify(meta));
  fd.append('file', file, file.name);
  const res = await rawRequest('/evidence', { method: 'POST', form: fd });
  return ((await res.json()) as { id: string }).id;
}

/** The files of a transfer, for either side: each download asks for a reason, logged by the server against the record. */
export function TransferFileList({ kind, transferId, files, onWithdraw }: { kind: 'agency' | 'police'; transferId: string; files: TransferAttachment[]; onWithdraw?: (f: TransferAttachment) => void }) {
  const { l } = useBi();
  const [asking, setAsking] = useState<TransferAttachment | null>(null);
  return (
    <>
      <Table
        size="small"
        rowKey={(f) => `${f.material}|${f.evidenceId}`}
        pagination={false}
        dataSource={files}
        locale={{ emptyText: l('未上传文件', 'No files') }}
        data-testid={`transfer-files-${kind}`}
        columns={[
          { title: l('材料', 'Material'), dataIndex: 'material', render: (m: string) => { const known = POLICE_TRANSFER_MATERIALS.find((x) => x.key === m); return known ? l(known.zh, known.en) : m; } },
          { title: l('文件', 'File'), render: (_, f) => <span data-testid="transfer-file">{f.fileName}</span> },
          { title: 'SHA-256', render: (_, f) => <Typography.Text code title={f.sha256}>{f.sha256.slice(0, 12)}</Typography.Text> },
          { title: l('上传时间', 'Attached'), render: (_, f) => dayjs(f.attachedAt).format('YYYY-MM-DD HH:mm') },
          {
            title: l('操作', 'Actions'),
            render: (_, f) => (
              <Space size={4}>
                <Button size="small" onClick={() => setAsking(f)} data-testid="transfer-file-download">
                  {l('下载', 'Download')}
                </Button>
                {onWithdraw ? (
                  <Button size="small" danger onClick={() => onWithdraw(f)} data-testid="transfer-file-withdraw">
                    {l('撤回', 'Withdraw')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <ReasonModal
        open={!!asking}
        title={l('下载移送材料：请填写查阅理由', 'Download: state the reason')}
        onCancel={() => setAsking(null)}
        onSubmit={async ({ reason }) => {
          const f = asking!;
          const res = await rawRequest(`/transfers/${kind}/${transferId}/files/${f.evidenceId}`, { query: { reason } });
          const url = URL.createObjectURL(await res.blob());
          const a = document.createElement('a');
          a.href = url;
          a.download = f.fileName;
          a.click();
          setTimeout(() => URL.revokeObjectURL(url), 10_000);
          setAsking(null);
        }}
      />
    </>
  );
}

/** Pick a file and hand it to `onFile` (no antd upload request: the caller uploads through the evidence API). */
export function PickFile({ onFile, testId, label }: { onFile: (f: File) => void; testId: string; label: string }) {
  return (
    <Upload showUploadList={false} beforeUpload={(f) => (onFile(f), false)}>
      <Button size="small" data-testid={testId}>
        {label}
      </Button>
    </Upload>
  );
}
