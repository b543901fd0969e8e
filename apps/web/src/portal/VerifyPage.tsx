import { CheckCircleFilled, CloseCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api/client.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { LocaleSwitch } from '../components/LocaleSwitch.tsx';
import { useT } from '../i18n/index.tsx';
import { fmtDateTime } from '../lib/format.ts';
import { checkSignature, fileAddress, recordLeafHex, verifyAnswer, type DocumentAnswer, type InclusionAnswer, type PublicCheckpoint } from './verify-ledger.ts';

function Check({ ok, label, testId }: { ok: boolean; label: string; testId: string }) {
  return (
    <Space data-testid={testId} data-ok={ok ? 'true' : 'false'}>
      {ok ? <CheckCircleFilled style={{ color: '#389e0d' }} /> : <CloseCircleFilled style={{ color: '#cf1322' }} />}
      <span>{label}</span>
    </Space>
  );
}

/**
 * 记录核验 — anyone can check that a record (by its leaf hash) is in the signed, tamper-evident log. The proof and the
 * signature are verified here in the browser; the server only supplies data.
 */
export function VerifyPage() {
  const t = useT();
  // /verify?hash=… (linked from the audit log) pre-fills the field.
  const [params] = useSearchParams();
  const [hash, setHash] = useState(params.get('hash') ?? '');
  const cp = useQuery({ queryKey: ['ledger', 'checkpoint'], queryFn: ({ signal }) => api.get<PublicCheckpoint>('/public/ledger/checkpoint', undefined, signal), retry: false });
  const check = useMutation({ mutationFn: (leafHash: string) => api.get<InclusionAnswer>('/public/ledger/proof/inclusion', { leafHash }) });
  const result = check.data ? verifyAnswer(check.data) : null;
  const valid = /^[0-9a-fA-F]{64}$/.test(hash.trim());
  // /verify?number=… finds a document by its 文号: each rendered file's logged hash, checked here.
  const [number, setNumber] = useState(params.get('number') ?? '');
  const doc = useMutation({ mutationFn: (n: string) => api.get<DocumentAnswer>('/public/ledger/document', { number: n }) });
  const [held, setHeld] = useState<{ name: string; address: string } | null>(null);
  const proveLeaf = (leaf: string) => {
    setHash(leaf);
    check.mutate(leaf);
  };

  return (
    <div className="zf-portal" data-testid="verify-page">
      <div className="zf-portal-band" />
      <div className="zf-portal-hero" style={{ maxWidth: 860 }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Link to="/">
            <Space>
              <span className="zf-logo-mark" aria-hidden>
                法
              </span>
              <Typography.Text strong>{t('app.name')}</Typography.Text>
            </Space>
          </Link>
          <LocaleSwitch />
        </Space>
        <Typography.Title level={2} style={{ marginTop: 32 }}>
          <SafetyCertificateOutlined /> {t('verify.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('verify.intro')}</Typography.Paragraph>

        <Card size="small" title={t('verify.checkpoint')} style={{ marginBottom: 16 }}>
          {cp.isError ? <ErrorAlert error={cp.error} /> : null}
          {cp.data ? (
            <>
              <Descriptions size="small" column={1} data-testid="verify-checkpoint">
                <Descriptions.Item label={t('verify.treeSize')}>{cp.data.treeSize}</Descriptions.Item>
                <Descriptions.Item label={t('verify.root')}>
                  <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                    {cp.data.rootHash}
                  </Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('verify.hashAlg')}>{cp.data.hashAlg}</Descriptions.Item>
                <Descriptions.Item label={t('verify.signedAt')}>{fmtDateTime(cp.data.signedAt)}</Descriptions.Item>
                <Descriptions.Item label={t('verify.keyId')}>{cp.data.keyId}</Descriptions.Item>
              </Descriptions>
              <Check ok={checkSignature(cp.data)} label={t('verify.signatureOk')} testId="verify-checkpoint-signature" />
            </>
          ) : null}
        </Card>

        <Card size="small" title={t('verify.document')} style={{ marginBottom: 16 }} data-testid="verify-document">
          <Space.Compact style={{ width: '100%' }}>
            <Input
              value={number}
              onChange={(e) => setNumber(e.target.value)}
              placeholder={t('verify.documentPlaceholder')}
              aria-label={t('verify.documentPlaceholder')}
              data-testid="verify-number-input"
              onPressEnter={() => number.trim() && doc.mutate(number.trim())}
            />
            <Button type="primary" disabled={!number.trim()} loading={doc.isPending} onClick={() => doc.mutate(number.trim())} data-testid="verify-number-submit">
              {t('verify.documentFind')}
            </Button>
          </Space.Compact>
          {doc.isError ? <div style={{ marginTop: 12 }}><ErrorAlert error={doc.error} /></div> : null}
          {doc.data ? (
            <div style={{ marginTop: 16 }} data-testid="verify-document-result">
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('verify.documentNumber')}>{doc.data.number}</Descriptions.Item>
                <Descriptions.Item label={t('verify.documentKind')}>{doc.data.kind}</Descriptions.Item>
                <Descriptions.Item label={t('verify.documentIssuedAt')}>{fmtDateTime(doc.data.issuedAt)}</Descriptions.Item>
              </Descriptions>
              {doc.data.files.length === 0 ? <Alert type="info" showIcon title={t('verify.documentNoFiles')} /> : null}
              <Table
                size="small"
                rowKey="format"
                pagination={false}
                dataSource={doc.data.files}
                columns={[
                  { title: t('verify.fileFormat'), dataIndex: 'format', render: (f: string) => f.toUpperCase() },
                  {
                    title: t('verify.fileHash'),
                    dataIndex: 'blobId',
                    render: (b: string) => (
                      <Typography.Text code copyable={{ text: b }} style={{ fontSize: 12 }}>
                        {b.slice(7, 23)}…
                      </Typography.Text>
                    ),
                  },
                  {
                    title: t('verify.fileRecordOk'),
                    key: 'leaf',
                    render: (_: unknown, f: DocumentAnswer['files'][number]) => {
                      const mine = cp.data ? recordLeafHex(cp.data.hashAlg, f.kind, f.record) : null;
                      const ok = !!f.leafHash && mine === f.leafHash && f.record['blobId'] === f.blobId;
                      return <Check ok={ok} label={ok ? t('verify.yes') : t('verify.no')} testId={`verify-file-record-${f.format}`} />;
                    },
                  },
                  {
                    title: t('verify.fileHeld'),
                    key: 'held',
                    render: (_: unknown, f: DocumentAnswer['files'][number]) =>
                      held ? <Check ok={held.address === f.blobId} label={held.address === f.blobId ? t('verify.fileMatches', { name: held.name }) : t('verify.fileDiffers', { name: held.name })} testId={`verify-file-held-${f.format}`} /> : '—',
                  },
                  {
                    title: '',
                    key: 'prove',
                    render: (_: unknown, f: DocumentAnswer['files'][number]) =>
                      f.leafHash ? (
                        <Button size="small" onClick={() => proveLeaf(f.leafHash!)} data-testid={`verify-file-prove-${f.format}`}>
                          {t('verify.fileProve')}
                        </Button>
                      ) : (
                        t('verify.fileNotLogged')
                      ),
                  },
                ]}
              />
              <div style={{ marginTop: 12 }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('verify.fileHeldHint')}
                </Typography.Text>{' '}
                <input
                  type="file"
                  aria-label={t('verify.fileHeld')}
                  data-testid="verify-file-input"
                  onChange={async (e) => {
                    const f = e.target.files?.[0];
                    setHeld(f ? { name: f.name, address: await fileAddress(await f.arrayBuffer()) } : null);
                  }}
                />
              </div>
            </div>
          ) : null}
        </Card>

        <Card size="small" title={t('verify.record')}>
          <Space.Compact style={{ width: '100%' }}>
            <Input
              value={hash}
              onChange={(e) => setHash(e.target.value)}
              placeholder={t('verify.placeholder')}
              aria-label={t('verify.placeholder')}
              data-testid="verify-hash-input"
              onPressEnter={() => valid && check.mutate(hash.trim().toLowerCase())}
            />
            <Button type="primary" disabled={!valid} loading={check.isPending} onClick={() => check.mutate(hash.trim().toLowerCase())} data-testid="verify-submit">
              {t('verify.submit')}
            </Button>
          </Space.Compact>
          {check.isError ? <div style={{ marginTop: 12 }}><ErrorAlert error={check.error} /></div> : null}
          {check.data && result ? (
            <div style={{ marginTop: 16 }} data-testid="verify-result" data-included={result.included ? 'true' : 'false'}>
              {!result.supported ? <Alert type="warning" showIcon title={t('verify.unsupportedHash')} /> : null}
              <Space direction="vertical">
                <Check ok={result.included} label={t('verify.included', { index: check.data.leafIndex + 1, size: check.data.treeSize })} testId="verify-included" />
                <Check ok={result.signatureValid} label={t('verify.signatureOk')} testId="verify-signature" />
                <Check ok={result.bodyMatches} label={t('verify.bodyOk')} testId="verify-body" />
              </Space>
              <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
                {t('verify.proofLength', { n: check.data.proof.length })}
              </Typography.Paragraph>
            </div>
          ) : null}
        </Card>
      </div>
    </div>
  );
}
