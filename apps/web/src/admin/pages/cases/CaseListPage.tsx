import { PlusOutlined } from '@ant-design/icons';
import { PENALTY_STATUSES } from '@zhifa/domain';
import { Button, Checkbox, Input, Select } from 'antd';
import { useNavigate } from 'react-router-dom';
import { Permission, useCan } from '../../../auth/auth.tsx';
import { CaseTable, useCaseList } from '../../../components/cases/CaseTable.tsx';
import { useCaseLabels } from '../../../components/cases/useCaseLabels.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useT } from '../../../i18n/index.tsx';
import { useListParams } from '../../../lib/useListParams.ts';

const FILTERS = ['status', 'q', 'mine'] as const;

/** 案件列表: cases in my scope, by status, number or party, or only those I handle. */
export default function CaseListPage() {
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const labels = useCaseLabels();
  const lp = useListParams(FILTERS);
  const f = lp.filters;
  const list = useCaseList({ status: f.status, q: f.q, mine: f.mine === 'true' ? true : undefined, page: lp.page, pageSize: lp.pageSize });
  return (
    <div data-testid="cases-page">
      <PageHeader
        title={t('nav.cases')}
        sub={t('case.listHint')}
        extra={
          can(Permission.CASE_HANDLE) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/admin/cases/new')} data-testid="case-create">
              {t('case.open')}
            </Button>
          ) : null
        }
      />
      <div className="zf-filters">
        <Input.Search allowClear placeholder={t('case.searchPlaceholder')} defaultValue={f.q} onSearch={(v) => lp.setFilters({ q: v.trim() })} style={{ maxWidth: 280 }} data-testid="filter-q" />
        <Select
          allowClear
          placeholder={t('common.status')}
          value={f.status}
          onChange={(v) => lp.setFilters({ status: v })}
          options={PENALTY_STATUSES.map((s) => ({ value: s, label: labels.status(s) }))}
          style={{ width: 200 }}
          data-testid="filter-status"
        />
        <Checkbox checked={f.mine === 'true'} onChange={(e) => lp.setFilters({ mine: e.target.checked ? 'true' : undefined })} data-testid="filter-mine" style={{ alignSelf: 'center', minWidth: 0 }}>
          {t('case.mineOnly')}
        </Checkbox>
        <Button onClick={lp.reset}>{t('common.resetFilters')}</Button>
      </div>
      {list.isError ? <ErrorAlert error={list.error} /> : null}
      <CaseTable list={list} lp={lp} />
    </div>
  );
}
