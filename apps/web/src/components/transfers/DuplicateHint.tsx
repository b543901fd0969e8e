import { useQuery } from '@tanstack/react-query';
import { Alert, Form, type FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../api/client.ts';
import { useCan, Permission } from '../../auth/auth.tsx';
import { useDebounced } from '../../lib/useDebounced.ts';
import { useBi } from './transfers-api.ts';

/**
 * On the case-opening form: cases of the same party and kind of act already open in other agencies (行政处罚法 Art.25:
 * the first to file takes jurisdiction; a dispute goes to designation). A hint only — opening is not blocked.
 */
export function DuplicateHint({ form }: { form: FormInstance }) {
  const can = useCan();
  const { l } = useBi();
  const partyType = (Form.useWatch(['party', 'type'], form) as string | undefined) ?? 'individual';
  const idNumber = Form.useWatch(['party', 'idNumber'], form) as string | undefined;
  const uscc = Form.useWatch(['party', 'uscc'], form) as string | undefined;
  const itemId = Form.useWatch('itemId', form) as string | undefined;
  const violationOn = Form.useWatch('violationOn', form) as Dayjs | undefined;
  const identifier = useDebounced(((partyType === 'individual' ? idNumber : uscc) ?? '').trim());
  const ready = can(Permission.TRANSFER_READ) && identifier.length >= 15 && !!itemId && !!violationOn;
  const q = useQuery({
    queryKey: ['transfers', 'duplicate-hint', partyType, identifier, itemId, violationOn?.format('YYYY-MM-DD')],
    queryFn: ({ signal }) => api.get<{ caseId: string; caseNo: string | null; agencyName: string; violationOn: string; status: string }[]>('/transfers/duplicates/hint', { partyType, identifier, itemId, violationOn: violationOn!.format('YYYY-MM-DD') }, signal),
    enabled: ready,
    retry: false,
  });
  if (!ready || !q.data?.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="duplicate-hint"
      title={l('疑似重复案件：同一当事人的同类违法行为已在其他机关办理', 'Possible duplicate: another agency handles the same party and act')}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {q.data.map((c) => (
            <li key={c.caseId}>{`${c.agencyName} ${c.caseNo ?? l('（线索）', '(lead)')} · ${c.violationOn}`}</li>
          ))}
          <li>{l('最先立案的机关管辖；有争议的，报请共同上一级机关指定管辖（行政处罚法 第二十五条）。', 'The first to file has jurisdiction; disputes go to designation (Art.25).')}</li>
        </ul>
      }
    />
  );
}
