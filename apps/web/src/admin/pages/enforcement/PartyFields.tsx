import { Form, Input, Radio } from 'antd';
import { useT } from '../../../i18n/index.tsx';
import { useCaseLabels } from '../../../components/cases/useCaseLabels.ts';

export interface PartyValues {
  type: 'individual' | 'organisation';
  name: string;
  idNumber?: string;
  uscc?: string;
  legalRepresentative?: string;
  address?: string;
}

const opt = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);

/** The party as the server takes it (GB 11643 ID number or GB 32100 credit code). */
export function toParty(p: PartyValues): Record<string, unknown> {
  const address = opt(p.address) ? { address: opt(p.address) } : {};
  return p.type === 'individual'
    ? { type: 'individual', name: p.name.trim(), idNumber: (p.idNumber ?? '').trim().toUpperCase(), ...address }
    : { type: 'organisation', name: p.name.trim(), uscc: (p.uscc ?? '').trim().toUpperCase(), ...(opt(p.legalRepresentative) ? { legalRepresentative: opt(p.legalRepresentative) } : {}), ...address };
}

/** The party fields of the case form, under `name` (e.g. 'target' or 'party'). */
export function PartyFields({ name, type }: { name: string; type: 'individual' | 'organisation' }) {
  const t = useT();
  const labels = useCaseLabels();
  return (
    <>
      <Form.Item name={[name, 'type']} label={t('case.partyType')}>
        <Radio.Group optionType="button" options={(['organisation', 'individual'] as const).map((k) => ({ value: k, label: labels.partyType(k) }))} />
      </Form.Item>
      <Form.Item name={[name, 'name']} label={type === 'individual' ? t('case.partyName') : t('case.orgName')} rules={[{ required: true, whitespace: true, message: t('case.required', { field: t('case.partyName') }) }]}>
        <Input maxLength={200} data-testid={`${name}-name`} />
      </Form.Item>
      {type === 'individual' ? (
        <Form.Item name={[name, 'idNumber']} label={t('case.idNumber')} rules={[{ required: true, pattern: /^(\d{15}|\d{17}[\dXx])$/, message: t('validation.idNumber') }]}>
          <Input maxLength={18} autoComplete="off" data-testid={`${name}-idNumber`} />
        </Form.Item>
      ) : (
        <>
          <Form.Item name={[name, 'uscc']} label={t('case.uscc')} rules={[{ required: true, len: 18, message: t('validation.uscc') }]}>
            <Input maxLength={18} autoComplete="off" data-testid={`${name}-uscc`} />
          </Form.Item>
          <Form.Item name={[name, 'legalRepresentative']} label={t('case.legalRepresentative')}>
            <Input maxLength={100} />
          </Form.Item>
        </>
      )}
      <Form.Item name={[name, 'address']} label={t('case.address')}>
        <Input maxLength={300} data-testid={`${name}-address`} />
      </Form.Item>
    </>
  );
}
