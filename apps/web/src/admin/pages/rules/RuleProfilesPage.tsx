import { HistoryOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, Drawer, Empty, Form, Input, InputNumber, Modal, Row, Select, Space, Switch, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { api, type ApiIssue } from '../../../api/client.ts';
import type { ResolvedRules, RuleKey, RuleProfile } from '../../../api/types.ts';
import { Permission, useCan } from '../../../auth/auth.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { HistoryView, ValueText } from '../../../components/HistoryView.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { RegionSelect } from '../../../components/RemoteSelects.tsx';
import { RuleTag } from '../../../components/StatusTags.tsx';
import { useLocale, useT } from '../../../i18n/index.tsx';
import { applyFieldErrors } from '../../../lib/errors.ts';
import { DATE, fmtDate } from '../../../lib/format.ts';
import { useLabels } from '../../../lib/labels.ts';
import { useServerToday } from '../../../lib/useServerToday.ts';

function useRuleKeys() {
  return useQuery({ queryKey: ['rules', 'keys'], queryFn: ({ signal }) => api.get<RuleKey[]>('/rule-keys', undefined, signal), staleTime: 600_000 });
}

function ruleName(k: RuleKey | undefined, locale: string, fallback: string) {
  if (!k) return fallback;
  return locale === 'en-US' ? k.en : k.zh;
}

interface ProfileValues {
  code: string;
  name: string;
  regionCode?: string | null;
  sector?: string | null;
  effectiveFrom: Dayjs;
  effectiveTo?: Dayjs | null;
  note?: string | null;
  keys: string[];
  params: Record<string, unknown>;
}

function ParamInput({ spec, value, onChange }: { spec: RuleKey; value?: unknown; onChange?: (v: unknown) => void }) {
  if (spec.type === 'boolean') return <Switch checked={!!value} onChange={(v) => onChange?.(v)} />;
  if (spec.type === 'number')
    return <InputNumber value={typeof value === 'number' ? value : null} onChange={(v) => onChange?.(v)} style={{ width: '100%' }} {...(spec.unit ? { suffix: spec.unit } : {})} />;
  return <Input value={typeof value === 'string' ? value : ''} onChange={(e) => onChange?.(e.target.value)} />;
}

function ProfileModal({ open, editing, keys, onClose }: { open: boolean; editing: RuleProfile | null; keys: RuleKey[]; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const labels = useLabels();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProfileValues>();
  const today = useServerToday();
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const chosen: string[] = Form.useWatch('keys', form) ?? [];
  const byKey = useMemo(() => new Map(keys.map((k) => [k.key, k])), [keys]);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setIssues([]);
    if (editing)
      form.setFieldsValue({
        code: editing.code,
        name: editing.name,
        regionCode: editing.regionCode,
        sector: editing.sector,
        effectiveFrom: dayjs(editing.effectiveFrom),
        effectiveTo: editing.effectiveTo ? dayjs(editing.effectiveTo) : null,
        note: editing.note,
        keys: Object.keys(editing.params),
        params: editing.params,
      });
    else form.setFieldsValue({ keys: [], params: {}, effectiveFrom: today ?? undefined });
  }, [open, editing, form]);
  const save = useMutation({
    mutationFn: (v: ProfileValues) => {
      const params = Object.fromEntries((v.keys ?? []).map((k) => [k, v.params?.[k] ?? byKey.get(k)?.default]));
      const common = {
        name: v.name,
        effectiveFrom: v.effectiveFrom.format(DATE),
        effectiveTo: v.effectiveTo ? v.effectiveTo.format(DATE) : null,
        params,
        note: v.note?.trim() || null,
      };
      return editing
        ? api.patch<RuleProfile>(`/rule-profiles/${editing.id}`, { ...common, version: editing.version })
        : api.post<RuleProfile>('/rule-profiles', { ...common, code: v.code.trim(), regionCode: v.regionCode || null, sector: v.sector || null });
    },
    onSuccess: () => {
      void message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['rules'] });
      onClose();
    },
    onError: (e) => setIssues(applyFieldErrors(form, e, locale)),
  });
  return (
    <Modal
      open={open}
      width={820}
      title={editing ? t('rules.editProfile') : t('rules.createProfile')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'rule-profile-submit' }}
      destroyOnHidden
    >
      <ErrorAlert error={save.error} issues={issues} onReload={() => void qc.invalidateQueries({ queryKey: ['rules'] }).then(onClose)} />
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="rule-profile-form">
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="code" label={t('rules.code')} rules={[{ required: true, pattern: /^[a-z0-9_.-]{2,60}$/, message: t('validation.profileCode') }]}>
              <Input disabled={!!editing} maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="regionCode" label={t('common.region')} extra={t('rules.regionHint')}>
              <RegionSelect disabled={!!editing} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="sector" label={t('common.sector')} extra={t('rules.sectorHint')}>
              <Select allowClear disabled={!!editing} options={labels.options.sector} showSearch={{ optionFilterProp: 'label' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="effectiveFrom" label={t('item.effectiveFrom')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="effectiveTo" label={t('item.effectiveTo')} extra={t('rules.effectiveToHint')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="note" label={t('common.note')} rules={[{ max: 1000 }]}>
              <Input maxLength={1000} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="keys" label={t('rules.overriddenKeys')}>
              <Select
                mode="multiple"
                showSearch={{ optionFilterProp: 'label' }}
                options={keys.map((k) => ({ value: k.key, label: `${ruleName(k, locale, k.key)} · ${k.key}` }))}
                data-testid="rule-profile-keys"
              />
            </Form.Item>
          </Col>
          {chosen.map((key) => {
            const spec = byKey.get(key);
            if (!spec) return null;
            return (
              <Col xs={24} md={12} key={key}>
                <Form.Item
                  name={['params', key]}
                  label={
                    <Space size={4}>
                      <span>{ruleName(spec, locale, key)}</span>
                      <RuleTag tag={spec.tag} />
                    </Space>
                  }
                  extra={`${t('rules.default')}: ${String(spec.default)}${spec.unit ? ` ${spec.unit}` : ''} · ${spec.citation}`}
                  initialValue={spec.default}
                >
                  <ParamInput spec={spec} />
                </Form.Item>
              </Col>
            );
          })}
        </Row>
      </Form>
    </Modal>
  );
}

function Resolver({ keys }: { keys: RuleKey[] }) {
  const t = useT();
  const { locale } = useLocale();
  const labels = useLabels();
  // What applies today by the server's date unless another date is chosen.
  const today = useServerToday();
  const [chosen, setChosen] = useState<{ regionCode?: string; sector?: string; date?: string }>({});
  const params = { ...chosen, date: chosen.date ?? today?.format(DATE) };
  const q = useQuery({
    queryKey: ['rules', 'resolve', params],
    queryFn: ({ signal }) => api.get<ResolvedRules>('/rule-profiles/resolve', params, signal),
    enabled: !!params.date,
  });
  const rows = keys.map((k) => ({ ...k, value: q.data?.values[k.key], source: q.data?.sources[k.key] }));
  return (
    <div data-testid="rule-resolver">
      <div className="zf-filters">
        <RegionSelect value={params.regionCode ?? null} onChange={(v) => setChosen((p) => ({ ...p, regionCode: v }))} style={{ width: 220 }} />
        <Select
          allowClear
          placeholder={t('common.sector')}
          value={params.sector}
          onChange={(v: string | undefined) => setChosen((p) => ({ ...p, sector: v }))}
          options={labels.options.sector}
          style={{ width: 180 }}
        />
        <DatePicker value={params.date ? dayjs(params.date) : null} allowClear={false} onChange={(d) => d && setChosen((p) => ({ ...p, date: d.format(DATE) }))} />
      </div>
      {q.isError ? <ErrorAlert error={q.error} /> : null}
      <Table
        rowKey="key"
        size="small"
        loading={q.isFetching}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 760 }}
        columns={[
          { title: t('rules.param'), key: 'name', render: (_, r) => <Tooltip title={r.key}>{ruleName(r, locale, r.key)}</Tooltip> },
          {
            title: t('rules.value'),
            key: 'value',
            width: 160,
            render: (_, r) => (
              <Typography.Text strong={r.source?.profileId != null}>
                <ValueText value={r.value} /> {r.unit ?? ''}
              </Typography.Text>
            ),
          },
          { title: t('rules.source'), key: 'source', width: 180, render: (_, r) => (r.source ? <Tag color={r.source.profileId ? 'blue' : 'default'}>{r.source.profileCode}</Tag> : '—') },
          { title: t('rules.tag'), dataIndex: 'tag', width: 80, render: (v: string) => <RuleTag tag={v} /> },
        ]}
      />
    </div>
  );
}

/** 规则配置: the parameter catalogue, profiles overriding it per region/sector/date, and what is in force where. */
export default function RuleProfilesPage() {
  const t = useT();
  const { locale } = useLocale();
  const labels = useLabels();
  const can = useCan();
  const canWrite = can(Permission.REGISTRY_WRITE_SYSTEM);
  const keys = useRuleKeys();
  const profiles = useQuery({ queryKey: ['rules', 'profiles'], queryFn: ({ signal }) => api.get<RuleProfile[]>('/rule-profiles', undefined, signal) });
  const [modal, setModal] = useState<{ open: boolean; editing: RuleProfile | null }>({ open: false, editing: null });
  const [historyOf, setHistoryOf] = useState<RuleProfile | null>(null);
  const byKey = useMemo(() => new Map((keys.data ?? []).map((k) => [k.key, k])), [keys.data]);

  return (
    <div data-testid="rules-page">
      <PageHeader title={t('nav.rules')} sub={t('rules.hint')} />
      <Card size="small">
        <Tabs
          items={[
            {
              key: 'profiles',
              label: t('rules.profiles'),
              children: (
                <>
                  {canWrite ? (
                    <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setModal({ open: true, editing: null })} data-testid="rule-profile-create">
                      {t('rules.createProfile')}
                    </Button>
                  ) : null}
                  {profiles.isError ? <ErrorAlert error={profiles.error} /> : null}
                  <Table<RuleProfile>
                    rowKey="id"
                    size="small"
                    loading={profiles.isPending}
                    dataSource={profiles.data ?? []}
                    scroll={{ x: 960 }}
                    onRow={() => ({ 'data-testid': 'rule-profile-row' }) as React.HTMLAttributes<HTMLElement>}
                    expandable={{
                      expandedRowRender: (p) => (
                        <Table
                          rowKey="key"
                          size="small"
                          pagination={false}
                          dataSource={Object.entries(p.params).map(([key, value]) => ({ key, value }))}
                          columns={[
                            { title: t('rules.param'), dataIndex: 'key', render: (k: string) => `${ruleName(byKey.get(k), locale, k)} (${k})` },
                            { title: t('rules.value'), dataIndex: 'value', render: (v: unknown) => <ValueText value={v} /> },
                            { title: t('rules.tag'), key: 'tag', width: 80, render: (_, r) => (byKey.get(r.key) ? <RuleTag tag={byKey.get(r.key)!.tag} /> : null) },
                          ]}
                        />
                      ),
                    }}
                    columns={[
                      { title: t('rules.code'), dataIndex: 'code', width: 160 },
                      { title: t('common.name'), dataIndex: 'name' },
                      { title: t('common.region'), dataIndex: 'regionCode', width: 110, render: (v: string | null) => v ?? t('rules.national') },
                      { title: t('common.sector'), dataIndex: 'sector', width: 130, render: (v: string | null) => (v ? labels.sector(v) : t('rules.allSectors')) },
                      { title: t('rules.effective'), key: 'eff', width: 210, render: (_, p) => `${fmtDate(p.effectiveFrom)} ~ ${p.effectiveTo ? fmtDate(p.effectiveTo) : t('item.inForce')}` },
                      { title: t('rules.paramCount'), key: 'n', width: 90, render: (_, p) => Object.keys(p.params).length },
                      {
                        title: t('common.actions'),
                        key: 'actions',
                        width: 160,
                        render: (_, p) => (
                          <Space size={4}>
                            {canWrite ? (
                              <Button size="small" type="link" onClick={() => setModal({ open: true, editing: p })}>
                                {t('common.edit')}
                              </Button>
                            ) : null}
                            <Button size="small" type="link" icon={<HistoryOutlined />} onClick={() => setHistoryOf(p)}>
                              {t('common.history')}
                            </Button>
                          </Space>
                        ),
                      },
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'keys',
              label: t('rules.catalogue'),
              children: keys.isError ? (
                <ErrorAlert error={keys.error} />
              ) : (
                <Table<RuleKey>
                  rowKey="key"
                  size="small"
                  loading={keys.isPending}
                  dataSource={keys.data ?? []}
                  pagination={false}
                  scroll={{ x: 960 }}
                  locale={{ emptyText: <Empty /> }}
                  onRow={() => ({ 'data-testid': 'rule-key-row' }) as React.HTMLAttributes<HTMLElement>}
                  columns={[
                    { title: t('rules.param'), key: 'name', render: (_, k) => <Space orientation="vertical" size={0}><span>{ruleName(k, locale, k.key)}</span><Typography.Text type="secondary" code style={{ fontSize: 12 }}>{k.key}</Typography.Text></Space> },
                    { title: t('rules.type'), dataIndex: 'type', width: 90 },
                    { title: t('rules.default'), key: 'def', width: 130, render: (_, k) => `${String(k.default)}${k.unit ? ` ${k.unit}` : ''}` },
                    { title: t('rules.citation'), dataIndex: 'citation' },
                    { title: t('rules.tag'), dataIndex: 'tag', width: 80, render: (v: string) => <RuleTag tag={v} /> },
                  ]}
                />
              ),
            },
            { key: 'resolve', label: t('rules.resolve'), children: <Resolver keys={keys.data ?? []} /> },
          ]}
        />
      </Card>
      <ProfileModal open={modal.open} editing={modal.editing} keys={keys.data ?? []} onClose={() => setModal({ open: false, editing: null })} />
      <Drawer open={!!historyOf} onClose={() => setHistoryOf(null)} title={`${t('common.history')} · ${historyOf?.code ?? ''}`} size="large" destroyOnHidden>
        {historyOf ? <HistoryView path={`/rule-profiles/${historyOf.id}/history`} /> : null}
      </Drawer>
    </div>
  );
}
