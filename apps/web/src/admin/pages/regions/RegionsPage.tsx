import { HistoryOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Breadcrumb, Button, Drawer, Form, Input, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api, type ApiIssue } from '../../../api/client.ts';
import type { Page, Region } from '../../../api/types.ts';
import { Permission, useCan } from '../../../auth/auth.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { HistoryView } from '../../../components/HistoryView.tsx';
import { ImportExportBar } from '../../../components/ImportExportBar.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { PublishedTag } from '../../../components/StatusTags.tsx';
import { useLocale, useT } from '../../../i18n/index.tsx';
import { applyFieldErrors, useErrorText } from '../../../lib/errors.ts';
import { useLabels } from '../../../lib/labels.ts';
import { useListParams } from '../../../lib/useListParams.ts';

const FILTERS = ['q', 'level', 'parentCode'] as const;

interface RegionFormValues {
  code: string;
  name: string;
  level: number;
  parentCode?: string | null;
}

function RegionFormModal({ open, editing, parent, onClose }: { open: boolean; editing: Region | null; parent: Region | null; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const labels = useLabels();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<RegionFormValues>();
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  useEffect(() => {
    if (!open) return;
    setIssues([]);
    form.resetFields();
    if (editing) form.setFieldsValue({ code: editing.code, name: editing.name, level: editing.level, parentCode: editing.parentCode });
    else form.setFieldsValue({ parentCode: parent?.code ?? null, level: parent ? Math.min(4, parent.level + 1) : 1 });
  }, [open, editing, parent, form]);
  const save = useMutation({
    mutationFn: (v: RegionFormValues) =>
      editing
        ? api.patch<Region>(`/regions/${editing.code}`, { version: editing.version, name: v.name })
        : api.post<Region>('/regions', { code: v.code.trim(), name: v.name, level: v.level, parentCode: v.parentCode || null }),
    onSuccess: () => {
      void message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['regions'] });
      onClose();
    },
    onError: (e) => setIssues(applyFieldErrors(form, e, locale)),
  });
  return (
    <Modal
      open={open}
      title={editing ? t('region.edit') : t('region.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'region-form-submit' }}
      destroyOnHidden
    >
      <ErrorAlert error={save.error} issues={issues} onReload={() => void qc.invalidateQueries({ queryKey: ['regions'] }).then(onClose)} />
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="region-form">
        <Form.Item name="code" label={t('region.code')} rules={[{ required: true, pattern: /^\d{6}(\d{3})?$/, message: t('validation.regionCode') }]} extra={t('region.codeHint')}>
          <Input disabled={!!editing} maxLength={9} data-testid="region-code" />
        </Form.Item>
        <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, max: 64 }]}>
          <Input maxLength={64} data-testid="region-name" />
        </Form.Item>
        <Form.Item name="level" label={t('region.level')} rules={[{ required: true }]}>
          <Select disabled={!!editing} options={labels.options.regionLevel.map((o) => ({ value: Number(o.value), label: o.label }))} />
        </Form.Item>
        <Form.Item name="parentCode" label={t('region.parent')}>
          <Input disabled={!!editing} maxLength={9} placeholder={t('region.parentHint')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 区划 — the GB/T 2260 region tree as a drill-down list. */
export default function RegionsPage() {
  const t = useT();
  const labels = useLabels();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const canWrite = can(Permission.REGISTRY_WRITE_SYSTEM);
  const lp = useListParams(FILTERS);
  const { q, level, parentCode } = lp.filters;
  const list = useQuery({
    queryKey: ['regions', 'list', lp.query],
    queryFn: ({ signal }) => api.get<Page<Region>>('/regions', { q, level, parentCode, page: lp.page, pageSize: lp.pageSize }, signal),
    placeholderData: (prev) => prev,
  });
  const parent = useQuery({
    queryKey: ['regions', 'one', parentCode],
    queryFn: ({ signal }) => api.get<Region>(`/regions/${parentCode}`, undefined, signal),
    enabled: !!parentCode,
  });
  const ancestorCodes = (parent.data?.path ?? '').split('/').filter((c) => c && c !== parentCode);
  const ancestors = useQueries({
    queries: ancestorCodes.map((code) => ({
      queryKey: ['regions', 'one', code],
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get<Region>(`/regions/${code}`, undefined, signal),
      staleTime: 300_000,
    })),
  });
  const [formOpen, setFormOpen] = useState(false);
  const [editing, setEditing] = useState<Region | null>(null);
  const [historyOf, setHistoryOf] = useState<Region | null>(null);
  const publish = useMutation({
    mutationFn: (r: Region) => api.post<Region>(`/regions/${r.code}/publish`, { published: !r.published, version: r.version }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['regions'] }),
    onError: (e) => void message.error(errorText(e)),
  });

  const crumbs = [
    { key: 'root', title: <a onClick={() => lp.setFilters({ parentCode: undefined })}>{t('region.all')}</a> },
    ...ancestors.map((a, i) => ({
      key: ancestorCodes[i] ?? String(i),
      title: <a onClick={() => lp.setFilters({ parentCode: ancestorCodes[i] })}>{a.data?.name ?? ancestorCodes[i]}</a>,
    })),
    ...(parentCode ? [{ key: parentCode, title: parent.data?.name ?? parentCode }] : []),
  ];

  return (
    <div data-testid="regions-page">
      <PageHeader
        title={t('nav.regions')}
        extra={
          <>
            <ImportExportBar kind="regions" filters={lp.query} canImport={canWrite} />
            {canWrite ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => {
                  setEditing(null);
                  setFormOpen(true);
                }}
                data-testid="region-create"
              >
                {t('region.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <Breadcrumb items={crumbs} style={{ marginBottom: 12 }} data-testid="region-breadcrumb" />
      <div className="zf-filters">
        <Input.Search allowClear placeholder={t('region.searchPlaceholder')} defaultValue={q} onSearch={(v) => lp.setFilters({ q: v })} style={{ maxWidth: 280 }} data-testid="filter-q" />
        <Select allowClear placeholder={t('region.level')} value={level} onChange={(v) => lp.setFilters({ level: v })} options={labels.options.regionLevel} style={{ width: 160 }} data-testid="filter-level" />
        <Button onClick={lp.reset}>{t('common.resetFilters')}</Button>
      </div>
      {list.isError ? <ErrorAlert error={list.error} /> : null}
      <Table<Region>
        rowKey="code"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 760 }}
        onRow={() => ({ 'data-testid': 'region-row' }) as React.HTMLAttributes<HTMLElement>}
        pagination={{ current: lp.page, pageSize: lp.pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (n) => t('common.total', { n }), onChange: lp.setPage }}
        columns={[
          { title: t('region.code'), dataIndex: 'code', width: 120 },
          {
            title: t('common.name'),
            dataIndex: 'name',
            render: (v: string, r) =>
              r.level < 4 ? (
                <a onClick={() => lp.setFilters({ parentCode: r.code, q: undefined, level: undefined })} data-testid="region-drill">
                  {v}
                </a>
              ) : (
                v
              ),
          },
          { title: t('region.level'), dataIndex: 'level', width: 130, render: (v: number) => <Tag>{labels.regionLevel(v)}</Tag> },
          { title: t('region.parent'), dataIndex: 'parentCode', width: 120, render: (v: string | null) => v ?? '—' },
          { title: t('common.publishStatus'), key: 'pub', width: 110, render: (_, r) => <PublishedTag published={r.published} withdrawnAt={r.withdrawnAt} /> },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 260,
            fixed: 'right',
            render: (_, r) => (
              <Space size={4} wrap>
                {r.level < 4 ? (
                  <Button size="small" type="link" onClick={() => lp.setFilters({ parentCode: r.code, q: undefined, level: undefined })}>
                    {t('region.children')}
                  </Button>
                ) : null}
                {canWrite ? (
                  <>
                    <Button
                      size="small"
                      type="link"
                      onClick={() => {
                        setEditing(r);
                        setFormOpen(true);
                      }}
                      data-testid="region-edit"
                    >
                      {t('common.edit')}
                    </Button>
                    <Switch size="small" checked={r.published} onChange={() => publish.mutate(r)} aria-label={t('common.publish')} title={t('common.publish')} />
                  </>
                ) : null}
                <Button size="small" type="link" icon={<HistoryOutlined />} onClick={() => setHistoryOf(r)}>
                  {t('common.history')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <RegionFormModal open={formOpen} editing={editing} parent={parent.data ?? null} onClose={() => setFormOpen(false)} />
      <Drawer open={!!historyOf} onClose={() => setHistoryOf(null)} title={`${t('common.history')} · ${historyOf?.name ?? ''}`} size="large" destroyOnHidden>
        {historyOf ? <HistoryView path={`/regions/${historyOf.code}/history`} /> : null}
      </Drawer>
    </div>
  );
}
