import { DownloadOutlined, FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Progress, Result, Space, Table, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, downloadFile, type QueryParams } from '../api/client.ts';
import type { ImportJob, ImportKind, ImportRowError } from '../api/types.ts';
import { useLocale, useT } from '../i18n/index.tsx';
import { useErrorText } from '../lib/errors.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

const TERMINAL = new Set(['succeeded', 'failed']);

function percentOf(job: ImportJob | undefined): number {
  if (!job) return 0;
  if (job.status === 'succeeded' || job.status === 'failed') return 100;
  if (!job.totalRows) return job.status === 'queued' ? 0 : 5;
  const base = Math.round((job.processedRows / job.totalRows) * 100);
  // Validation covers the whole file before anything is written; writing is the last stretch.
  return job.status === 'writing' ? Math.max(base, 95) : Math.min(base, 94);
}

/** Progress of one import job, polled until it succeeds or fails; on failure the row/column errors. */
export function ImportProgress({ id, kind }: { id: string; kind: ImportKind }) {
  const t = useT();
  const { locale } = useLocale();
  const qc = useQueryClient();
  const notifiedRef = useRef(false);
  const q = useQuery({
    queryKey: ['import', id],
    queryFn: ({ signal }) => api.get<ImportJob>(`/imports/${id}`, undefined, signal),
    refetchInterval: (query) => (query.state.data && TERMINAL.has(query.state.data.status) ? false : 1000),
  });
  const job = q.data;
  const succeeded = job?.status === 'succeeded';
  useEffect(() => {
    // New rows exist now: refresh the list behind the dialog and the dashboard counts (once).
    if (succeeded && !notifiedRef.current) {
      notifiedRef.current = true;
      void qc.invalidateQueries({ queryKey: [kind] });
      void qc.invalidateQueries({ queryKey: ['registry'] });
    }
  }, [succeeded, kind, qc]);
  if (q.isError) return <ErrorAlert error={q.error} />;
  const status = job?.status ?? 'queued';
  const errors = job?.errors ?? [];
  const errorCount = typeof job?.summary?.errorCount === 'number' ? job.summary.errorCount : errors.length;
  return (
    <div data-testid="import-progress" data-status={status}>
      <Typography.Paragraph>
        {job?.fileName ? <Typography.Text strong>{job.fileName}</Typography.Text> : null} {t(`import.status.${status}`)}
        {job?.totalRows ? ` · ${t('import.rows', { processed: job.processedRows, total: job.totalRows })}` : ''}
      </Typography.Paragraph>
      <div data-testid="import-progress-bar" data-percent={percentOf(job)}>
        <Progress percent={percentOf(job)} status={status === 'failed' ? 'exception' : status === 'succeeded' ? 'success' : 'active'} />
      </div>
      {status === 'succeeded' ? (
        <div data-testid="import-succeeded">
          <Result
            status="success"
            title={t('import.succeeded')}
            subTitle={typeof job?.summary?.written === 'number' ? t('import.written', { n: job.summary.written }) : undefined}
          />
        </div>
      ) : null}
      {status === 'failed' ? (
        <div data-testid="import-failed">
          <Alert
            type="error"
            showIcon
            style={{ margin: '12px 0' }}
            title={t('import.failedNothingImported')}
            description={errorCount > errors.length ? t('import.errorsTruncated', { shown: errors.length, total: errorCount }) : t('import.errorCount', { n: errorCount })}
          />
          <div data-testid="import-error-table">
          <Table<ImportRowError & { key: number }>
            size="small"
            rowKey="key"
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            scroll={{ x: 520 }}
            dataSource={errors.map((e, i) => ({ ...e, key: i }))}
            onRow={() => ({ 'data-testid': 'import-error-row' }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('import.col.row'), dataIndex: 'row', width: 70 },
              { title: t('import.col.column'), dataIndex: 'column', width: 140, render: (v: string, e) => (e.sheet ? `${e.sheet} · ${v}` : v) },
              { title: t('import.col.problem'), key: 'message', render: (_, e) => (locale === 'zh-CN' ? e.messageZh || e.message : e.message) },
            ]}
          />
          </div>
        </div>
      ) : null}
    </div>
  );
}

/**
 * Excel buttons of a registry list: 下载模板, 导入 (upload → background validation → all-or-nothing write, with a
 * progress bar and an error table) and 导出 (with the list's current filters).
 */
export function ImportExportBar({ kind, filters, canImport }: { kind: ImportKind; filters?: QueryParams; canImport: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const inputRef = useRef<HTMLInputElement>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [downloading, setDownloading] = useState<'template' | 'export' | null>(null);

  const upload = useMutation({
    mutationFn: (file: File) => api.upload<{ id: string }>(`/imports/${kind}`, file),
    onSuccess: (r) => setJobId(r.id),
  });

  const download = async (which: 'template' | 'export') => {
    setDownloading(which);
    try {
      if (which === 'template') await downloadFile(`/imports/templates/${kind}`, undefined, `zhifa-${kind}-template.xlsx`);
      else {
        const { page: _p, pageSize: _ps, ...rest } = filters ?? {};
        await downloadFile(`/exports/${kind}`, rest, `zhifa-${kind}.xlsx`);
      }
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setDownloading(null);
    }
  };

  return (
    <Space wrap data-testid={`io-bar-${kind}`}>
      <Button icon={<FileExcelOutlined />} loading={downloading === 'template'} onClick={() => void download('template')} data-testid="template-download">
        {t('import.template')}
      </Button>
      {canImport ? (
        <>
          <Button icon={<UploadOutlined />} loading={upload.isPending} onClick={() => inputRef.current?.click()} data-testid="import-button">
            {t('import.import')}
          </Button>
          <input
            ref={inputRef}
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            style={{ display: 'none' }}
            data-testid="import-file-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) {
                upload.reset();
                upload.mutate(file);
              }
            }}
          />
        </>
      ) : null}
      <Button icon={<DownloadOutlined />} loading={downloading === 'export'} onClick={() => void download('export')} data-testid="export-button">
        {t('import.export')}
      </Button>
      <Modal
        open={!!jobId || upload.isError}
        title={t('import.title', { kind: t(`import.kind.${kind}`) })}
        onCancel={() => {
          setJobId(null);
          upload.reset();
        }}
        footer={null}
        width={720}
        destroyOnHidden
      >
        {upload.isError ? <ErrorAlert error={upload.error} /> : null}
        {jobId ? <ImportProgress id={jobId} kind={kind} /> : null}
      </Modal>
    </Space>
  );
}
