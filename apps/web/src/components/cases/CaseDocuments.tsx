import { DownloadOutlined, EyeOutlined, FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Drawer, Empty, Grid, Space, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { downloadFile, rawRequest } from '../../api/client.ts';
import type { CaseDocument } from '../../api/types.ts';
import { useLocale, useT } from '../../i18n/index.tsx';
import { useErrorText } from '../../lib/errors.ts';
import { fmtDateTime } from '../../lib/format.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';
import './cases.css';

const title = (d: CaseDocument, zh: boolean) => (zh ? d.titleZh : d.titleEn) || d.titleZh || d.kind;

/**
 * The PDF shown in the page. It is fetched as a blob (so a 401/403/404 is reported like any request, and the file
 * shows whatever Content-Disposition the server sends) and handed to the iframe as an object URL, revoked on close.
 */
function PdfPreview({ path, name, onClose }: { path: string | null; name: string; onClose: () => void }) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!path) return;
    let alive = true;
    let made: string | null = null;
    setUrl(null);
    setError(null);
    rawRequest(path)
      .then((r) => r.blob())
      .then((b) => {
        if (!alive) return;
        made = URL.createObjectURL(b.type === 'application/pdf' ? b : new Blob([b], { type: 'application/pdf' }));
        setUrl(made);
      })
      .catch((e: unknown) => alive && setError(e));
    return () => {
      alive = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [path]);
  return (
    <Drawer
      open={!!path}
      onClose={onClose}
      size={screens.md ? 900 : '100%'}
      title={name}
      destroyOnHidden
      extra={
        url ? (
          <a href={url} download={`${name}.pdf`} data-testid="doc-preview-download">
            <DownloadOutlined /> {t('case.downloadPdf')}
          </a>
        ) : null
      }
      styles={{ body: { padding: 0, display: 'flex', flexDirection: 'column' } }}
    >
      {error ? <ErrorAlert error={error} /> : null}
      {url ? (
        <iframe src={url} title={name} data-testid="doc-preview-frame" style={{ border: 0, width: '100%', flex: 1, minHeight: '70vh' }} />
      ) : !error ? (
        <Typography.Text type="secondary" style={{ padding: 16 }}>
          {t('common.loading')}
        </Typography.Text>
      ) : null}
    </Drawer>
  );
}

/** 执法文书: the documents each step issued, to preview and download as PDF or DOCX; and the whole 案卷 as one PDF. */
export function CaseDocuments({
  caseId,
  caseNo,
  documents,
  basePath,
  showCaseFile = true,
  title: cardTitle,
  extra,
  header,
}: {
  caseId: string;
  caseNo: string | null;
  documents: CaseDocument[] | undefined;
  /** Where the files live (`{basePath}/documents/{id}/{format}` or, with basePath, `{basePath}/{id}/{format}`). */
  basePath?: string;
  showCaseFile?: boolean;
  title?: string;
  extra?: ReactNode;
  /** Shown above the list (e.g. the documents that can be generated). */
  header?: ReactNode;
}) {
  const t = useT();
  const { locale } = useLocale();
  const zh = locale === 'zh-CN';
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [preview, setPreview] = useState<CaseDocument | null>(null);
  const base = `/cases/${caseId}`;
  const fileUrl = (d: CaseDocument, format: 'pdf' | 'docx') => (basePath ? `${basePath}/${d.id}/${format}` : `${base}/documents/${d.id}/${format}`);
  const download = useMutation({
    mutationFn: ({ path, name }: { path: string; name: string }) => downloadFile(path, undefined, name),
    onError: (e) => void message.error(errorText(e)),
  });
  const fileName = (d: CaseDocument, ext: string) => `${d.number ?? title(d, zh)}.${ext}`;
  return (
    <Card
      size="small"
      title={cardTitle ?? t('case.documents')}
      data-testid={basePath ? 'procedure-documents' : 'case-documents'}
      extra={
        !showCaseFile ? extra : <Button
          size="small"
          icon={<FilePdfOutlined />}
          loading={download.isPending && download.variables?.path.endsWith('case-file.pdf')}
          onClick={() => download.mutate({ path: `${base}/case-file.pdf`, name: `${caseNo ?? caseId}-${t('case.caseFile')}.pdf` })}
          data-testid="case-file-download"
        >
          {t('case.downloadCaseFile')}
        </Button>
      }
    >
      {header}
      {!documents || documents.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('case.noDocuments')} />
      ) : (
        <div className="zf-list">
          {documents.map((d) => (
            <div key={d.id} className="zf-list-row" data-testid={`doc-row-${d.kind}`} data-doc-id={d.id}>
              <div style={{ minWidth: 0, flex: '1 1 200px' }}>
                <Typography.Text strong>{title(d, zh)}</Typography.Text>
                <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)', overflowWrap: 'anywhere' }}>
                  {d.number ? `${d.number} · ` : ''}
                  {fmtDateTime(d.issuedAt ?? d.createdAt)}
                </div>
              </div>
              <Space size={4} wrap>
                <Button size="small" icon={<EyeOutlined />} onClick={() => setPreview(d)} data-testid={`doc-preview-${d.kind}`}>
                  {t('case.preview')}
                </Button>
                <Button size="small" icon={<FilePdfOutlined />} onClick={() => download.mutate({ path: fileUrl(d, 'pdf'), name: fileName(d, 'pdf') })} data-testid={`doc-pdf-${d.kind}`}>
                  PDF
                </Button>
                <Button size="small" icon={<FileWordOutlined />} onClick={() => download.mutate({ path: fileUrl(d, 'docx'), name: fileName(d, 'docx') })} data-testid={`doc-docx-${d.kind}`}>
                  DOCX
                </Button>
              </Space>
            </div>
          ))}
        </div>
      )}
      <PdfPreview path={preview ? fileUrl(preview, 'pdf') : null} name={preview ? title(preview, zh) : ''} onClose={() => setPreview(null)} />
    </Card>
  );
}
