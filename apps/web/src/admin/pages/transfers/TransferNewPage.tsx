import { useMutation } from '@tanstack/react-query';
import { Button, Card, Checkbox, Form, Input, Radio, Select } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { AgencyPicker } from '../../../components/transfers/AgencyPicker.tsx';
import { useBi, type AgencyTransfer, type PoliceTransfer } from '../../../components/transfers/transfers-api.ts';

const DEFAULT_MATERIALS = ['案件移送函', '立案审批表', '调查取证材料', '证据清单'];

/** 发起移送: to another agency (移送管辖) or, for a suspected crime, the transfer report to the head (两法衔接). */
export default function TransferNewPage() {
  const { l } = useBi();
  const [params] = useSearchParams();
  const caseId = params.get('caseId') ?? '';
  const navigate = useNavigate();
  const [kind, setKind] = useState<'agency' | 'police'>('agency');
  const run = useMutation({
    mutationFn: (v: Record<string, unknown>): Promise<{ id: string }> =>
      kind === 'agency'
        ? api.post<AgencyTransfer>('/transfers/agency', { caseId, toAgencyId: v['toAgencyId'], reason: v['reason'], materials: v['materials'] })
        : api.post<PoliceTransfer>('/transfers/police', { caseId, policeOrgan: v['policeOrgan'], summary: v['summary'], hasTesting: !!v['hasTesting'] }),
    onSuccess: (r) => navigate(`/admin/transfers/${kind}/${r.id}`),
  });
  return (
    <div data-testid="transfer-new">
      <PageHeader title={l('发起移送', 'Transfer a case')} />
      <Card size="small">
        <ErrorAlert error={run.error} />
        <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as 'agency' | 'police')} style={{ marginBottom: 16 }} data-testid="transfer-kind">
          <Radio.Button value="agency">{l('移送其他行政机关', 'To another agency')}</Radio.Button>
          <Radio.Button value="police" data-testid="transfer-kind-police">{l('涉嫌犯罪移送公安', 'Suspected crime → police')}</Radio.Button>
        </Radio.Group>
        <Form layout="vertical" onFinish={(v: Record<string, unknown>) => run.mutate(v)} initialValues={{ materials: DEFAULT_MATERIALS }} key={kind}>
          {kind === 'agency' ? (
            <>
              <Form.Item name="toAgencyId" label={l('接收机关', 'Receiving agency')} rules={[{ required: true }]}>
                <AgencyPicker testId="transfer-to-agency" />
              </Form.Item>
              <Form.Item name="reason" label={l('移送理由（不属本机关管辖的依据）', 'Reason')} rules={[{ required: true }]} extra={l('市场监督管理行政处罚程序规定 第十四条；受移送机关不得再自行移送（第十七条）', 'SAMR Art.14; the receiver may not transfer on (Art.17)')}>
                <Input.TextArea rows={3} data-testid="transfer-reason" />
              </Form.Item>
              <Form.Item name="materials" label={l('移送材料清单', 'Materials')} rules={[{ required: true }]}>
                <Select mode="tags" data-testid="transfer-materials" />
              </Form.Item>
            </>
          ) : (
            <>
              <Form.Item name="policeOrgan" label={l('公安机关', 'Police organ')} rules={[{ required: true }]}>
                <Input data-testid="transfer-police-organ" />
              </Form.Item>
              <Form.Item name="summary" label={l('涉嫌犯罪案件情况（移送报告）', 'Transfer report')} rules={[{ required: true }]} extra={l('国务院令第310号 第五条：负责人自接到报告之日起3日内作出决定', 'Order 310 Art.5: the head decides within 3 days')}>
                <Input.TextArea rows={4} data-testid="transfer-summary" />
              </Form.Item>
              <Form.Item name="hasTesting" valuePropName="checked">
                <Checkbox>{l('涉案物品经过检验或鉴定', 'Items were tested or appraised')}</Checkbox>
              </Form.Item>
            </>
          )}
          <Button type="primary" htmlType="submit" loading={run.isPending} data-testid="transfer-submit">
            {l('提交', 'Submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
