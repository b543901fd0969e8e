import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { AV_STAGES } from '@zhifa/domain';
import { Button, Card, Col, DatePicker, Divider, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { useParams } from 'react-router-dom';
import type { DiscretionTier, Exemption, HearingThresholds, Item, LegalBasis, MajorCriteria, ServiceGuide } from '../../../api/types.ts';
import { FormActions, RegistryFormPage } from '../../../components/RegistryFormPage.tsx';
import { SubjectSelect } from '../../../components/RemoteSelects.tsx';
import { useT } from '../../../i18n/index.tsx';
import { DATE } from '../../../lib/format.ts';
import { useLabels } from '../../../lib/labels.ts';
import { useRegistryForm } from '../../../lib/useRegistryForm.ts';

export const TIER_LEVELS = ['exempt', 'light', 'general', 'serious'] as const;
export const EXEMPTION_KINDS = ['first_violation', 'minor'] as const;

interface Values {
  code: string;
  name: string;
  category: string;
  sector: string;
  subjectIds: string[];
  randomInspection: boolean;
  legalBasis: LegalBasis[];
  avRequirements: Record<string, string | undefined>;
  hasMajor: boolean;
  majorCriteria?: MajorCriteria;
  hasHearing: boolean;
  hearingThresholds?: HearingThresholds;
  hasGuide: boolean;
  serviceGuide?: ServiceGuide;
  flowchart: { step: string; description?: string }[];
  discretionTiers: DiscretionTier[];
  exemptions: Exemption[];
}

/** DatePicker inside a form whose value is an ISO date string (so list values stay plain JSON). */
const dateStringProps = {
  getValueProps: (v: string | null | undefined) => ({ value: v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format(DATE) : null),
};

function Section({ title, children, extra }: { title: string; children: ReactNode; extra?: ReactNode }) {
  return (
    <Card type="inner" size="small" title={title} extra={extra} style={{ marginBottom: 16 }}>
      {children}
    </Card>
  );
}

function toValues(it: Item): Values {
  return {
    code: it.code,
    name: it.name,
    category: it.category,
    sector: it.sector,
    subjectIds: it.subjectIds,
    randomInspection: it.randomInspection,
    legalBasis: it.legalBasis,
    avRequirements: Object.fromEntries(AV_STAGES.map((s) => [s, it.avRequirements[s]])),
    hasMajor: !!it.majorCriteria,
    ...(it.majorCriteria ? { majorCriteria: it.majorCriteria } : {}),
    hasHearing: !!it.hearingThresholds,
    ...(it.hearingThresholds ? { hearingThresholds: it.hearingThresholds } : {}),
    hasGuide: !!it.serviceGuide,
    ...(it.serviceGuide ? { serviceGuide: it.serviceGuide } : {}),
    flowchart: it.flowchart,
    discretionTiers: it.discretionTiers,
    exemptions: it.exemptions,
  };
}

const num = (v: number | null | undefined) => (v === undefined || v === null ? null : v);

function toBody(v: Values) {
  const av: Record<string, string> = {};
  for (const [k, req] of Object.entries(v.avRequirements ?? {})) if (req === 'required' || req === 'optional') av[k] = req;
  return {
    code: v.code.trim(),
    name: v.name.trim(),
    category: v.category,
    sector: v.sector,
    subjectIds: v.subjectIds,
    randomInspection: !!v.randomInspection,
    legalBasis: (v.legalBasis ?? []).map((b) => ({ law: b.law, article: b.article, version: b.version, effectiveFrom: b.effectiveFrom, effectiveTo: b.effectiveTo || null, ...(b.text ? { text: b.text } : {}) })),
    avRequirements: av,
    majorCriteria:
      v.hasMajor && v.majorCriteria
        ? { penaltyTypes: v.majorCriteria.penaltyTypes ?? [], fineAtLeast: num(v.majorCriteria.fineAtLeast), confiscationAtLeast: num(v.majorCriteria.confiscationAtLeast), other: v.majorCriteria.other ?? [] }
        : null,
    hearingThresholds:
      v.hasHearing && v.hearingThresholds
        ? {
            fineIndividualAtLeast: num(v.hearingThresholds.fineIndividualAtLeast),
            fineOrganisationAtLeast: num(v.hearingThresholds.fineOrganisationAtLeast),
            confiscationAtLeast: num(v.hearingThresholds.confiscationAtLeast),
            penaltyTypes: v.hearingThresholds.penaltyTypes ?? [],
          }
        : null,
    serviceGuide:
      v.hasGuide && v.serviceGuide
        ? {
            conditions: v.serviceGuide.conditions ?? '',
            materials: v.serviceGuide.materials ?? [],
            timeLimitDays: num(v.serviceGuide.timeLimitDays),
            timeLimitDayType: v.serviceGuide.timeLimitDayType || null,
            fees: v.serviceGuide.fees ?? '',
            ...(v.serviceGuide.office ? { office: v.serviceGuide.office } : {}),
          }
        : null,
    flowchart: (v.flowchart ?? []).map((s) => ({ step: s.step, ...(s.description ? { description: s.description } : {}) })),
    discretionTiers: (v.discretionTiers ?? []).map((x) => ({
      level: x.level,
      circumstance: x.circumstance,
      penaltyTypes: x.penaltyTypes ?? [],
      fineMin: num(x.fineMin),
      fineMax: num(x.fineMax),
      ...(x.description ? { description: x.description } : {}),
    })),
    exemptions: v.exemptions ?? [],
  };
}

/** Create or edit an enforcement item with its legal basis, procedure, guide, discretion tiers and sub-list flags. */
export default function ItemFormPage() {
  const { id } = useParams();
  const t = useT();
  const labels = useLabels();
  const reg = useRegistryForm<Values, Item>({ kind: 'items', id, toValues, toBody });
  const { form, editing, current } = reg;
  const hasMajor = Form.useWatch('hasMajor', form);
  const hasHearing = Form.useWatch('hasHearing', form);
  const hasGuide = Form.useWatch('hasGuide', form);

  const known = current.data ? Object.fromEntries(current.data.subjectIds.map((sid, i) => [sid, current.data.subjectNames[i] ?? sid])) : undefined;
  const penaltyOptions = labels.options.penaltyType;
  const removeIcon = (onClick: () => void) => <MinusCircleOutlined onClick={onClick} aria-label={t('common.remove')} style={{ marginTop: 34 }} />;

  return (
    <RegistryFormPage reg={reg} testId="item-form-page" title={editing ? t('item.edit') : t('item.create')} sub={current.data ? `${current.data.code} ${current.data.name}` : undefined}>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={reg.onFinish}
        scrollToFirstError
        data-testid="item-form"
        initialValues={{
          randomInspection: false,
          subjectIds: [],
          legalBasis: [{ law: '', article: '', version: '', effectiveFrom: undefined }],
          avRequirements: {},
          hasMajor: false,
          hasHearing: false,
          hasGuide: false,
          flowchart: [],
          discretionTiers: [],
          exemptions: [],
        }}
      >
        <Section title={t('common.basicInfo')}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="code" label={t('item.code')} rules={[{ required: true, pattern: /^[0-9A-Za-z_.-]{3,40}$/, message: t('validation.itemCode') }]}>
                <Input maxLength={40} data-testid="item-code-input" />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, max: 200 }]}>
                <Input maxLength={200} data-testid="item-name-input" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="category" label={t('item.category')} rules={[{ required: true }]}>
                <Select options={labels.options.category} data-testid="item-category-input" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="sector" label={t('common.sector')} rules={[{ required: true }]}>
                <Select options={labels.options.sector} showSearch={{ optionFilterProp: 'label' }} data-testid="item-sector-input" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="randomInspection" label={t('item.randomInspection')} valuePropName="checked">
                <Switch data-testid="item-random-input" />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="subjectIds" label={t('item.subjects')} rules={[{ required: true, type: 'array', min: 1, message: t('validation.subjects') }]}>
                <SubjectSelect multiple known={known} testId="item-subjects-input" />
              </Form.Item>
            </Col>
          </Row>
        </Section>

        <Section title={t('item.legalBasis')}>
          <Form.List name="legalBasis" rules={[{ validator: async (_, v: unknown[]) => (v && v.length ? undefined : Promise.reject(new Error(t('validation.legalBasis')))) }]}>
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field, i) => (
                  <div key={field.key}>
                    {i > 0 ? <Divider style={{ margin: '4px 0 12px' }} /> : null}
                    <Row gutter={8}>
                      <Col xs={24} md={8}>
                        <Form.Item name={[field.name, 'law']} label={t('item.law')} rules={[{ required: true, whitespace: true, max: 200 }]}>
                          <Input maxLength={200} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={4}>
                        <Form.Item name={[field.name, 'article']} label={t('item.article')} rules={[{ required: true, whitespace: true, max: 100 }]}>
                          <Input maxLength={100} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={3}>
                        <Form.Item name={[field.name, 'version']} label={t('item.lawVersion')} rules={[{ required: true, whitespace: true, max: 50 }]}>
                          <Input maxLength={50} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={4}>
                        <Form.Item name={[field.name, 'effectiveFrom']} label={t('item.effectiveFrom')} rules={[{ required: true }]} {...dateStringProps}>
                          <DatePicker style={{ width: '100%' }} />
                        </Form.Item>
                      </Col>
                      <Col xs={10} md={4}>
                        <Form.Item name={[field.name, 'effectiveTo']} label={t('item.effectiveTo')} {...dateStringProps}>
                          <DatePicker style={{ width: '100%' }} />
                        </Form.Item>
                      </Col>
                      <Col xs={2} md={1}>{removeIcon(() => remove(field.name))}</Col>
                      <Col span={24}>
                        <Form.Item name={[field.name, 'text']} label={t('item.lawText')} rules={[{ max: 4000 }]}>
                          <Input.TextArea rows={2} maxLength={4000} />
                        </Form.Item>
                      </Col>
                    </Row>
                  </div>
                ))}
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ law: '', article: '', version: '' })}>
                  {t('item.addLegalBasis')}
                </Button>
                <Form.ErrorList errors={errors} />
              </>
            )}
          </Form.List>
        </Section>

        <Section title={t('item.flowchart')}>
          <Form.List name="flowchart">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <Row gutter={8} key={field.key}>
                    <Col xs={24} md={7}>
                      <Form.Item name={[field.name, 'step']} label={`${t('item.step')} ${i + 1}`} rules={[{ required: true, whitespace: true, max: 100 }]}>
                        <Input maxLength={100} />
                      </Form.Item>
                    </Col>
                    <Col xs={22} md={16}>
                      <Form.Item name={[field.name, 'description']} label={t('common.description')} rules={[{ max: 1000 }]}>
                        <Input maxLength={1000} />
                      </Form.Item>
                    </Col>
                    <Col xs={2} md={1}>{removeIcon(() => remove(field.name))}</Col>
                  </Row>
                ))}
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ step: '' })}>
                  {t('item.addStep')}
                </Button>
              </>
            )}
          </Form.List>
        </Section>

        <Section title={t('item.avRequirements')}>
          <Row gutter={8}>
            {AV_STAGES.map((stage) => (
              <Col xs={12} md={6} key={stage}>
                <Form.Item name={['avRequirements', stage]} label={labels.avStage(stage)}>
                  <Select allowClear placeholder={labels.enumText('avRequirement', 'none')} options={labels.options.fromDictionary('avRequirement', ['required', 'optional'])} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Section>

        <Section
          title={t('item.majorCriteria')}
          extra={
            <Form.Item name="hasMajor" valuePropName="checked" noStyle>
              <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
            </Form.Item>
          }
        >
          {hasMajor ? (
            <Row gutter={8}>
              <Col xs={24} md={12}>
                <Form.Item name={['majorCriteria', 'penaltyTypes']} label={t('item.tier.penaltyTypes')}>
                  <Select mode="multiple" options={penaltyOptions} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name={['majorCriteria', 'fineAtLeast']} label={t('item.fineAtLeastLabel')}>
                  <InputNumber min={0} style={{ width: '100%' }} suffix={t('common.yuan')} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name={['majorCriteria', 'confiscationAtLeast']} label={t('item.confiscationAtLeastLabel')}>
                  <InputNumber min={0} style={{ width: '100%' }} suffix={t('common.yuan')} />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item name={['majorCriteria', 'other']} label={t('item.majorOther')}>
                  <Select mode="tags" open={false} placeholder={t('item.tagsHint')} />
                </Form.Item>
              </Col>
            </Row>
          ) : (
            <span style={{ color: 'rgba(0,0,0,0.45)' }}>{t('item.notMajor')}</span>
          )}
        </Section>

        <Section
          title={t('item.hearingThresholds')}
          extra={
            <Form.Item name="hasHearing" valuePropName="checked" noStyle>
              <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
            </Form.Item>
          }
        >
          {hasHearing ? (
            <Row gutter={8}>
              <Col xs={12} md={6}>
                <Form.Item name={['hearingThresholds', 'fineIndividualAtLeast']} label={t('item.hearing.individualLabel')}>
                  <InputNumber min={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name={['hearingThresholds', 'fineOrganisationAtLeast']} label={t('item.hearing.organisationLabel')}>
                  <InputNumber min={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name={['hearingThresholds', 'confiscationAtLeast']} label={t('item.confiscationAtLeastLabel')}>
                  <InputNumber min={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={6}>
                <Form.Item name={['hearingThresholds', 'penaltyTypes']} label={t('item.tier.penaltyTypes')}>
                  <Select mode="multiple" options={penaltyOptions} />
                </Form.Item>
              </Col>
            </Row>
          ) : (
            <span style={{ color: 'rgba(0,0,0,0.45)' }}>{t('item.hearing.default')}</span>
          )}
        </Section>

        <Section
          title={t('item.serviceGuide')}
          extra={
            <Form.Item name="hasGuide" valuePropName="checked" noStyle>
              <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
            </Form.Item>
          }
        >
          {hasGuide ? (
            <Row gutter={8}>
              <Col span={24}>
                <Form.Item name={['serviceGuide', 'conditions']} label={t('item.guide.conditions')} rules={[{ max: 4000 }]}>
                  <Input.TextArea rows={3} maxLength={4000} />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item name={['serviceGuide', 'materials']} label={t('item.guide.materials')}>
                  <Select mode="tags" open={false} placeholder={t('item.tagsHint')} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name={['serviceGuide', 'timeLimitDays']} label={t('item.guide.timeLimit')}>
                  <InputNumber min={1} max={3650} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name={['serviceGuide', 'timeLimitDayType']} label={t('item.guide.dayType')}>
                  <Select allowClear options={labels.options.fromDictionary('dayType', ['WORKING', 'CALENDAR'])} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name={['serviceGuide', 'fees']} label={t('item.guide.fees')} rules={[{ max: 1000 }]}>
                  <Input maxLength={1000} />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item name={['serviceGuide', 'office']} label={t('item.guide.office')} rules={[{ max: 300 }]}>
                  <Input maxLength={300} />
                </Form.Item>
              </Col>
            </Row>
          ) : (
            <span style={{ color: 'rgba(0,0,0,0.45)' }}>{t('item.guide.none')}</span>
          )}
        </Section>

        <Section title={t('item.discretionTiers')}>
          <Form.List name="discretionTiers">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <div key={field.key}>
                    {i > 0 ? <Divider style={{ margin: '4px 0 12px' }} /> : null}
                    <Row gutter={8}>
                      <Col xs={12} md={4}>
                        <Form.Item name={[field.name, 'level']} label={t('item.tier.level')} rules={[{ required: true }]}>
                          <Select options={labels.options.fromDictionary('tierLevel', TIER_LEVELS)} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={8}>
                        <Form.Item name={[field.name, 'penaltyTypes']} label={t('item.tier.penaltyTypes')} rules={[{ required: true, type: 'array', min: 1 }]}>
                          <Select mode="multiple" options={penaltyOptions} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} md={5}>
                        <Form.Item name={[field.name, 'fineMin']} label={t('item.tier.fineMin')}>
                          <InputNumber min={0} style={{ width: '100%' }} />
                        </Form.Item>
                      </Col>
                      <Col xs={10} md={6}>
                        <Form.Item name={[field.name, 'fineMax']} label={t('item.tier.fineMax')}>
                          <InputNumber min={0} style={{ width: '100%' }} />
                        </Form.Item>
                      </Col>
                      <Col xs={2} md={1}>{removeIcon(() => remove(field.name))}</Col>
                      <Col xs={24} md={12}>
                        <Form.Item name={[field.name, 'circumstance']} label={t('item.tier.circumstance')} rules={[{ required: true, whitespace: true, max: 1000 }]}>
                          <Input.TextArea rows={2} maxLength={1000} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={12}>
                        <Form.Item name={[field.name, 'description']} label={t('common.description')} rules={[{ max: 2000 }]}>
                          <Input.TextArea rows={2} maxLength={2000} />
                        </Form.Item>
                      </Col>
                    </Row>
                  </div>
                ))}
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ level: 'general', penaltyTypes: [] })}>
                  {t('item.addTier')}
                </Button>
              </>
            )}
          </Form.List>
        </Section>

        <Section title={t('item.exemptions')}>
          <Form.List name="exemptions">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Row gutter={8} key={field.key}>
                    <Col xs={24} md={5}>
                      <Form.Item name={[field.name, 'kind']} label={t('item.exemption.kind')} rules={[{ required: true }]}>
                        <Select options={labels.options.fromDictionary('exemptionKind', EXEMPTION_KINDS)} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={9}>
                      <Form.Item name={[field.name, 'circumstance']} label={t('item.tier.circumstance')} rules={[{ required: true, whitespace: true, max: 1000 }]}>
                        <Input maxLength={1000} />
                      </Form.Item>
                    </Col>
                    <Col xs={22} md={9}>
                      <Form.Item name={[field.name, 'conditions']} label={t('item.exemption.conditions')} rules={[{ required: true, whitespace: true, max: 1000 }]}>
                        <Input maxLength={1000} />
                      </Form.Item>
                    </Col>
                    <Col xs={2} md={1}>{removeIcon(() => remove(field.name))}</Col>
                  </Row>
                ))}
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ kind: 'first_violation' })}>
                  {t('item.addExemption')}
                </Button>
              </>
            )}
          </Form.List>
        </Section>

        <FormActions saving={reg.save.isPending} submitTestId="item-form-submit" />
      </Form>
    </RegistryFormPage>
  );
}
