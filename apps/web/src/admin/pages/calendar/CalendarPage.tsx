import { EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, Empty, Form, Input, InputNumber, Modal, Row, Select, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { api, type ApiIssue } from '../../../api/client.ts';
import type { CalendarEntry, CalendarYear, CalendarYearSummary } from '../../../api/types.ts';
import { Permission, useCan } from '../../../auth/auth.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useLocale, useT } from '../../../i18n/index.tsx';
import { applyFieldErrors } from '../../../lib/errors.ts';
import { DATE } from '../../../lib/format.ts';
import { useLabels } from '../../../lib/labels.ts';
import { useServerToday, useServerTodayField } from '../../../lib/useServerToday.ts';

const WEEKDAYS_ZH = ['一', '二', '三', '四', '五', '六', '日'];
const WEEKDAYS_EN = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];

/** One month as a Monday-first grid; holidays red, make-up working days (调休) blue, weekends grey. */
export function MonthGrid({ year, month, entries }: { year: number; month: number; entries: Map<string, CalendarEntry> }) {
  const { locale } = useLocale();
  const labels = useLabels();
  const first = dayjs(new Date(year, month, 1));
  const offset = (first.day() + 6) % 7;
  const days = first.daysInMonth();
  const cells: (number | null)[] = [...Array<null>(offset).fill(null), ...Array.from({ length: days }, (_, i) => i + 1)];
  while (cells.length % 7) cells.push(null);
  const weeks: (number | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return (
    <Card size="small" className="zf-month" title={locale === 'en-US' ? first.format('MMMM') : `${month + 1}月`} data-testid={`month-${month + 1}`}>
      <table>
        <thead>
          <tr>
            {(locale === 'en-US' ? WEEKDAYS_EN : WEEKDAYS_ZH).map((w) => (
              <th key={w}>{w}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((w, wi) => (
            <tr key={wi}>
              {w.map((d, di) => {
                if (d === null) return <td key={di} />;
                const iso = first.date(d).format(DATE);
                const e = entries.get(iso);
                const cls = e ? (e.kind === 'holiday' ? 'zf-day-holiday' : 'zf-day-workday') : di >= 5 ? 'zf-day-weekend' : '';
                const cell = (
                  <td key={di} className={cls} data-date={iso} data-kind={e?.kind}>
                    {d}
                  </td>
                );
                return e ? (
                  <Tooltip key={di} title={`${e.name} · ${labels.enumText('calendarKind', e.kind)}`}>
                    {cell}
                  </Tooltip>
                ) : (
                  cell
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

interface YearValues {
  year: number;
  source: string;
  entries: { date: string; kind: 'holiday' | 'workday'; name: string }[];
}

const dateStringProps = {
  getValueProps: (v: string | null | undefined) => ({ value: v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format(DATE) : null),
};

function YearEditor({ open, current, onClose, onSaved }: { open: boolean; current: CalendarYear | null; onClose: () => void; onSaved: (year: number) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const labels = useLabels();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<YearValues>();
  const today = useServerToday();
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setIssues([]);
    if (current) form.setFieldsValue({ year: current.year, source: current.source, entries: [...current.entries].sort((a, b) => a.date.localeCompare(b.date)) });
    else form.setFieldsValue({ year: (today ?? dayjs()).year() + 1, source: '', entries: [] });
  }, [open, current, form]);
  const save = useMutation({
    mutationFn: (v: YearValues) =>
      api.put<CalendarYear>(`/calendar/years/${v.year}`, { source: v.source, entries: v.entries, ...(current && current.year === v.year ? { version: current.version } : {}) }),
    onSuccess: (y) => {
      void message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['calendar'] });
      onSaved(y.year);
      onClose();
    },
    onError: (e) => setIssues(applyFieldErrors(form, e, locale)),
  });
  return (
    <Modal
      open={open}
      width={760}
      title={current ? t('calendar.editYear', { year: current.year }) : t('calendar.addYear')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'calendar-year-submit' }}
      destroyOnHidden
    >
      <ErrorAlert error={save.error} issues={issues} onReload={() => void qc.invalidateQueries({ queryKey: ['calendar'] }).then(onClose)} />
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="calendar-year-form">
        <Row gutter={12}>
          <Col xs={24} md={6}>
            <Form.Item name="year" label={t('calendar.year')} rules={[{ required: true, type: 'number', min: 2000, max: 2100 }]}>
              <InputNumber disabled={!!current} min={2000} max={2100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={18}>
            <Form.Item name="source" label={t('calendar.source')} rules={[{ required: true, whitespace: true, max: 300 }]} extra={t('calendar.sourceHint')}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
        </Row>
        <Form.List name="entries">
          {(fields, { add, remove }) => (
            <>
              <div style={{ maxHeight: 360, overflow: 'auto', paddingInlineEnd: 4 }}>
                {fields.map((field) => (
                  <Row gutter={8} key={field.key}>
                    <Col xs={10} md={7}>
                      <Form.Item name={[field.name, 'date']} rules={[{ required: true }]} {...dateStringProps}>
                        <DatePicker style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item name={[field.name, 'kind']} rules={[{ required: true }]}>
                        <Select options={labels.options.fromDictionary('calendarKind', ['holiday', 'workday'])} />
                      </Form.Item>
                    </Col>
                    <Col xs={22} md={10}>
                      <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, max: 50 }]}>
                        <Input maxLength={50} placeholder={t('calendar.namePlaceholder')} />
                      </Form.Item>
                    </Col>
                    <Col xs={2} md={1} style={{ paddingTop: 6 }}>
                      <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('common.remove')} />
                    </Col>
                  </Row>
                ))}
              </div>
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ kind: 'holiday', name: '' })}>
                {t('calendar.addEntry')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

interface CalcValues {
  start: Dayjs;
  n: number;
  unit: 'day' | 'month' | 'year' | 'hour';
  dayType: 'WORKING' | 'CALENDAR';
}

/** The deadline calculator: start + n units, skipping holidays and honouring 调休 (server-side, one implementation). */
function DeadlineCalculator() {
  const t = useT();
  const labels = useLabels();
  const [form] = Form.useForm<CalcValues>();
  const today = useServerTodayField(form, 'start');
  const unit = Form.useWatch('unit', form);
  const calc = useMutation({
    mutationFn: (v: CalcValues) =>
      api.get<{ due: string }>('/calendar/add-period', {
        start: v.unit === 'hour' ? v.start.format('YYYY-MM-DDTHH:mm:ss+08:00') : v.start.format(DATE),
        n: v.n,
        unit: v.unit,
        dayType: v.unit === 'hour' ? 'CALENDAR' : v.dayType,
      }),
  });
  const due = calc.data?.due;
  return (
    <Card size="small" title={t('calendar.calculator')} data-testid="deadline-calculator">
      <Form<CalcValues> form={form} layout="vertical" initialValues={{ start: today ?? undefined, n: 15, unit: 'day', dayType: 'WORKING' }} onFinish={(v) => calc.mutate(v)}>
        <Form.Item name="start" label={t('calendar.start')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} showTime={unit === 'hour'} data-testid="calc-start" />
        </Form.Item>
        <Space.Compact style={{ width: '100%', marginBottom: 16 }}>
          <Form.Item name="n" noStyle rules={[{ required: true }]}>
            <InputNumber min={0} max={3650} style={{ width: '40%' }} data-testid="calc-n" />
          </Form.Item>
          <Form.Item name="unit" noStyle>
            <Select style={{ width: '60%' }} options={labels.options.fromDictionary('periodUnit', ['day', 'month', 'year', 'hour'])} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="dayType" label={t('item.guide.dayType')}>
          <Select disabled={unit === 'hour'} options={labels.options.fromDictionary('dayType', ['WORKING', 'CALENDAR'])} data-testid="calc-day-type" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={calc.isPending} block data-testid="calc-submit">
          {t('calendar.compute')}
        </Button>
      </Form>
      <div style={{ marginTop: 12 }}>
        {calc.isError ? <ErrorAlert error={calc.error} /> : null}
        {due ? (
          <Typography.Paragraph data-testid="calc-due" style={{ fontSize: 16, margin: 0 }}>
            {t('calendar.due')}: <Typography.Text strong>{unit === 'hour' ? dayjs(due).format('YYYY-MM-DD HH:mm') : due}</Typography.Text>
            {unit !== 'hour' ? <Typography.Text type="secondary"> ({dayjs(due).format('dddd')})</Typography.Text> : null}
          </Typography.Paragraph>
        ) : null}
      </div>
    </Card>
  );
}

/** 节假日: the State Council holiday arrangement per year, as a month grid, with the deadline calculator. */
export default function CalendarPage() {
  const t = useT();
  const labels = useLabels();
  const can = useCan();
  const canWrite = can(Permission.REGISTRY_WRITE_SYSTEM);
  const years = useQuery({ queryKey: ['calendar', 'years'], queryFn: ({ signal }) => api.get<CalendarYearSummary[]>('/calendar/years', undefined, signal) });
  const [year, setYear] = useState<number | null>(null);
  const [editor, setEditor] = useState<{ open: boolean; current: CalendarYear | null }>({ open: false, current: null });
  const today = useServerToday();
  useEffect(() => {
    if (year === null && years.data?.length && today) {
      const now = today.year();
      setYear(years.data.some((y) => y.year === now) ? now : (years.data[years.data.length - 1]?.year ?? null));
    }
  }, [years.data, year, today?.year()]);
  const detail = useQuery({
    queryKey: ['calendar', 'year', year],
    queryFn: ({ signal }) => api.get<CalendarYear>(`/calendar/years/${year}`, undefined, signal),
    enabled: year !== null,
  });
  const entries = useMemo(() => new Map((detail.data?.entries ?? []).map((e) => [e.date, e])), [detail.data]);

  return (
    <div data-testid="calendar-page">
      <PageHeader
        title={t('nav.calendar')}
        sub={t('calendar.hint')}
        extra={
          canWrite ? (
            <>
              <Button icon={<PlusOutlined />} onClick={() => setEditor({ open: true, current: null })} data-testid="calendar-add-year">
                {t('calendar.addYear')}
              </Button>
              {detail.data ? (
                <Button type="primary" icon={<EditOutlined />} onClick={() => setEditor({ open: true, current: detail.data })} data-testid="calendar-edit-year">
                  {t('calendar.editYear', { year: detail.data.year })}
                </Button>
              ) : null}
            </>
          ) : null
        }
      />
      {years.isError ? <ErrorAlert error={years.error} /> : null}
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={17}>
          <Card
            size="small"
            title={
              <Space wrap>
                <Select
                  value={year ?? undefined}
                  onChange={(v: number) => setYear(v)}
                  style={{ width: 120 }}
                  loading={years.isPending}
                  options={(years.data ?? []).map((y) => ({ value: y.year, label: String(y.year) }))}
                  data-testid="calendar-year-select"
                />
                {detail.data ? <Typography.Text type="secondary">{t('calendar.sourceLabel', { source: detail.data.source })}</Typography.Text> : null}
              </Space>
            }
            extra={
              <Space size={12} wrap>
                <span>
                  <span className="zf-legend zf-day-holiday" />
                  {labels.enumText('calendarKind', 'holiday')}
                </span>
                <span>
                  <span className="zf-legend zf-day-workday" />
                  {labels.enumText('calendarKind', 'workday')}
                </span>
              </Space>
            }
          >
            {years.data && years.data.length === 0 ? (
              <Empty description={t('calendar.noYears')} />
            ) : detail.isPending && year !== null ? (
              <Skeleton active />
            ) : detail.isError ? (
              <ErrorAlert error={detail.error} />
            ) : year !== null ? (
              <div className="zf-month-grid" data-testid="calendar-grid">
                {Array.from({ length: 12 }, (_, m) => (
                  <MonthGrid key={m} year={year} month={m} entries={entries} />
                ))}
              </div>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} xl={7}>
          <Space orientation="vertical" style={{ width: '100%' }} size={12}>
            <DeadlineCalculator />
            <Card size="small" title={t('calendar.years')}>
              <Table<CalendarYearSummary>
                rowKey="year"
                size="small"
                pagination={false}
                dataSource={years.data ?? []}
                columns={[
                  { title: t('calendar.year'), dataIndex: 'year', width: 70, render: (v: number) => <a onClick={() => setYear(v)}>{v}</a> },
                  { title: t('calendar.entries'), dataIndex: 'entries', width: 70, render: (v: number) => <Tag>{v}</Tag> },
                  { title: t('calendar.source'), dataIndex: 'source', ellipsis: true },
                ]}
              />
            </Card>
          </Space>
        </Col>
      </Row>
      <YearEditor open={editor.open} current={editor.current} onClose={() => setEditor({ open: false, current: null })} onSaved={(y) => setYear(y)} />
    </div>
  );
}
