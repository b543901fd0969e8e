import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Col, DatePicker, Form, Input, Radio, Row, Space, Switch } from 'antd';
import { afterServerToday, useServerToday } from '../../../lib/useServerToday.ts';
import type { Dayjs } from 'dayjs';
import { useState, useEffect } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, type ApiIssue } from '../../../api/client.ts';
import type { PenaltyCase } from '../../../api/types.ts';
import { useAuth } from '../../../auth/auth.tsx';
import { AgencyOfficerSelect } from '../../../components/cases/OfficerPickers.tsx';
import { PenaltyItemSelect } from '../../../components/cases/PenaltyItemSelect.tsx';
import { useCaseLabels } from '../../../components/cases/useCaseLabels.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { BackButton } from '../../../components/RecordActions.tsx';
import { RegionSelect } from '../../../components/RemoteSelects.tsx';
import { useLocale, useT } from '../../../i18n/index.tsx';
import { applyFieldErrors } from '../../../lib/errors.ts';
import { DATE } from '../../../lib/format.ts';
import '../../../components/cases/cases.css';
import { DuplicateHint } from '../../../components/transfers/DuplicateHint.tsx';

interface Values {
  itemId: string;
  placeRegionCode: string;
  party: { type: 'individual' | 'organisation'; name: string; idNumber?: string; uscc?: string; legalRepresentative?: string; address?: string; phone?: string };
  officerIds: string[];
  violationOn: Dayjs;
  isContinuing: boolean;
  violationEndedOn?: Dayjs | null;
  discoveredOn: Dayjs;
  involvesLifeHealthOrFinancialSafety: boolean;
  hasHarmfulConsequences: boolean;
  isSuspectedCrime: boolean;
}

const opt = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);

/** The body of `POST /cases` (案源登记). */
export function toOpenCaseBody(v: Values): Record<string, unknown> {
  const p = v.party;
  const contact = { ...(opt(p.address) ? { address: opt(p.address) } : {}), ...(opt(p.phone) ? { phone: opt(p.phone) } : {}) };
  const party =
    p.type === 'individual'
      ? { type: 'individual', name: p.name.trim(), idNumber: (p.idNumber ?? '').trim().toUpperCase(), ...contact }
      : { type: 'organisation', name: p.name.trim(), uscc: (p.uscc ?? '').trim().toUpperCase(), ...(opt(p.legalRepresentative) ? { legalRepresentative: opt(p.legalRepresentative) } : {}), ...contact };
  return {
    itemId: v.itemId,
    placeRegionCode: v.placeRegionCode,
    party,
    officerIds: v.officerIds,
    violationOn: v.violationOn.format(DATE),
    isContinuing: !!v.isContinuing,
    violationEndedOn: !v.isContinuing && v.violationEndedOn ? v.violationEndedOn.format(DATE) : null,
    discoveredOn: v.discoveredOn.format(DATE),
    involvesLifeHealthOrFinancialSafety: !!v.involvesLifeHealthOrFinancialSafety,
    hasHarmfulConsequences: !!v.hasHarmfulConsequences,
    isSuspectedCrime: !!v.isSuspectedCrime,
  };
}

/**
 * 登记案源: a lead under one penalty item, with the party, two or more of the agency's officers (行政处罚法 Art.42) and
 * the dates the limitation period (Art.36) and the filing deadline run from. Server field issues land on the fields.
 */
export default function CaseOpenPage() {
  const t = useT();
  const { locale } = useLocale();
  const me = useAuth();
  const labels = useCaseLabels();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  // Dates default to the server's (Beijing) date once it is known, unless the user already chose one.
  const serverToday = useServerToday();
  useEffect(() => {
    if (serverToday && !form.isFieldTouched('discoveredOn')) form.setFieldValue('discoveredOn', serverToday);
  }, [serverToday?.valueOf(), form]);
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const partyType = Form.useWatch(['party', 'type'], form) ?? 'individual';
  const continuing = Form.useWatch('isContinuing', form);
  const violationOn = Form.useWatch('violationOn', form) as Dayjs | undefined;

  const save = useMutation({
    mutationFn: (v: Values) => api.post<PenaltyCase>('/cases', toOpenCaseBody(v)),
    onSuccess: (c) => {
      void message.success(t('case.opened'));
      void qc.invalidateQueries({ queryKey: ['cases'] });
      void qc.invalidateQueries({ queryKey: ['parties'] });
      navigate(`/admin/cases/${c.id}`);
    },
    onError: (e) => setIssues(applyFieldErrors(form, e, locale)),
  });

  const future = afterServerToday(serverToday);
  return (
    <div data-testid="case-open-page" className="zf-case-page">
      <PageHeader
        title={
          <Space wrap>
            <BackButton to={-1} />
            {t('case.open')}
          </Space>
        }
        sub={t('case.openHint')}
      />
      <ErrorAlert error={save.error} issues={issues} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        scrollToFirstError
        data-testid="case-open-form"
        initialValues={{
          party: { type: 'individual' },
          placeRegionCode: me.scope.regionCode,
          officerIds: me.user.officerId ? [me.user.officerId] : [],
          discoveredOn: serverToday ?? undefined,
          isContinuing: false,
          involvesLifeHealthOrFinancialSafety: false,
          hasHarmfulConsequences: false,
          isSuspectedCrime: false,
        }}
      >
        <Row gutter={[12, 0]}>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('case.section.matter')} style={{ marginBottom: 12 }}>
              <Form.Item name="itemId" label={t('case.item')} rules={[{ required: true, message: t('case.required', { field: t('case.item') }) }]}>
                <PenaltyItemSelect />
              </Form.Item>
              <Form.Item name="placeRegionCode" label={t('case.place')} rules={[{ required: true, message: t('case.required', { field: t('case.place') }) }]} extra={t('case.placeHint')}>
                <RegionSelect testId="case-place" />
              </Form.Item>
              <Form.Item
                name="officerIds"
                label={t('case.officers')}
                extra={t('case.officersHint')}
                rules={[{ required: true, type: 'array', min: 2, message: t('case.twoOfficers') }]}
              >
                <AgencyOfficerSelect agencyId={me.scope.agencyId} testId="case-officers" />
              </Form.Item>
            </Card>
            <Card size="small" title={t('case.section.dates')} style={{ marginBottom: 12 }}>
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item name="violationOn" label={t('case.violationOn')} rules={[{ required: true, message: t('case.required', { field: t('case.violationOn') }) }]}>
                    <DatePicker style={{ width: '100%' }} disabledDate={future} data-testid="case-violation-on" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item
                    name="discoveredOn"
                    label={t('case.discoveredOn')}
                    dependencies={['violationOn']}
                    rules={[
                      { required: true, message: t('case.required', { field: t('case.discoveredOn') }) },
                      {
                        validator: async (_, d: Dayjs | undefined) => {
                          const v = form.getFieldValue('violationOn') as Dayjs | undefined;
                          if (d && v && d.isBefore(v, 'day')) throw new Error(t('case.discoveredBeforeViolation'));
                        },
                      },
                    ]}
                  >
                    <DatePicker style={{ width: '100%' }} disabledDate={future} data-testid="case-discovered-on" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="isContinuing" label={t('case.isContinuing')} valuePropName="checked" extra={t('case.continuingHint')}>
                    <Switch data-testid="case-continuing" />
                  </Form.Item>
                </Col>
                {!continuing ? (
                  <Col xs={24} sm={12}>
                    <Form.Item name="violationEndedOn" label={t('case.violationEndedOn')}>
                      <DatePicker style={{ width: '100%' }} disabledDate={(d) => future(d) || (!!violationOn && d.isBefore(violationOn, 'day'))} data-testid="case-violation-ended-on" />
                    </Form.Item>
                  </Col>
                ) : null}
              </Row>
              <Space orientation="vertical" size={4}>
                <Form.Item name="involvesLifeHealthOrFinancialSafety" valuePropName="checked" noStyle>
                  <Checkbox data-testid="case-flag-safety">{t('case.flag.safety')}</Checkbox>
                </Form.Item>
                <Form.Item name="hasHarmfulConsequences" valuePropName="checked" noStyle>
                  <Checkbox data-testid="case-flag-harm">{t('case.flag.harm')}</Checkbox>
                </Form.Item>
                <Form.Item name="isSuspectedCrime" valuePropName="checked" noStyle>
                  <Checkbox data-testid="case-flag-crime">{t('case.flag.crime')}</Checkbox>
                </Form.Item>
              </Space>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('case.party')} style={{ marginBottom: 12 }}>
              <Form.Item name={['party', 'type']} label={t('case.partyType')}>
                <Radio.Group
                  optionType="button"
                  options={(['individual', 'organisation'] as const).map((k) => ({ value: k, label: labels.partyType(k) }))}
                  data-testid="case-party-type"
                />
              </Form.Item>
              <Form.Item name={['party', 'name']} label={partyType === 'individual' ? t('case.partyName') : t('case.orgName')} rules={[{ required: true, whitespace: true, message: t('case.required', { field: t('case.partyName') }) }]}>
                <Input maxLength={200} data-testid="case-party-name" />
              </Form.Item>
              {partyType === 'individual' ? (
                <Form.Item name={['party', 'idNumber']} label={t('case.idNumber')} rules={[{ required: true, pattern: /^(\d{15}|\d{17}[\dXx])$/, message: t('validation.idNumber') }]}>
                  <Input maxLength={18} autoComplete="off" data-testid="case-party-idNumber" />
                </Form.Item>
              ) : (
                <>
                  <Form.Item name={['party', 'uscc']} label={t('case.uscc')} rules={[{ required: true, len: 18, message: t('validation.uscc') }]}>
                    <Input maxLength={18} autoComplete="off" data-testid="case-party-uscc" />
                  </Form.Item>
                  <Form.Item name={['party', 'legalRepresentative']} label={t('case.legalRepresentative')}>
                    <Input maxLength={100} data-testid="case-party-legalRepresentative" />
                  </Form.Item>
                </>
              )}
              <Form.Item name={['party', 'address']} label={t('case.address')}>
                <Input maxLength={300} data-testid="case-party-address" />
              </Form.Item>
              <Form.Item name={['party', 'phone']} label={t('case.phone')}>
                <Input maxLength={30} data-testid="case-party-phone" />
              </Form.Item>
            </Card>
          </Col>
        </Row>
        <DuplicateHint form={form} />
        <Space wrap className="zf-action-buttons">
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="case-open-submit">
            {t('case.openSubmit')}
          </Button>
          <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </div>
  );
}
