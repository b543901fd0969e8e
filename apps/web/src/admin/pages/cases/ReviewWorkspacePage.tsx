import { Alert } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useT } from '../../../i18n/index.tsx';
import { useListParams } from '../../../lib/useListParams.ts';
import { CaseTable, useCaseList } from '../../../components/cases/CaseTable.tsx';
import { ReviewChainTags, ReviewDeadlineCell } from '../../../components/cases/ReviewChainCard.tsx';

/**
 * 法制审核工作台: the cases under review submitted to me (行政处罚法 Art.58), or whose current chain level I sign, with
 * each case's review levels. The list is `status=under_review&mine=true`.
 */
export default function ReviewWorkspacePage() {
  const t = useT();
  const lp = useListParams([] as const);
  const list = useCaseList({ status: 'under_review', mine: true, page: lp.page, pageSize: lp.pageSize });
  return (
    <div data-testid="review-page">
      <PageHeader title={t('nav.review')} sub={t('review.hint')} />
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('review.checklistHint')} />
      {list.isError ? <ErrorAlert error={list.error} /> : null}
      <CaseTable list={list} lp={lp} rowTestId="review-row" extraColumns={[
          { title: t('reviewChain.title'), key: 'chain', width: 320, render: (_, r) => <ReviewChainTags rc={r.reviewChain} /> },
          // 审核期限 (内蒙古办法 Art.31): paused while materials are awaited, lengthened by the head's extension.
          { title: t('reviewTrack.deadline'), key: 'reviewDue', width: 200, render: (_, r) => <ReviewDeadlineCell rc={r.reviewChain} /> },
        ]} />
    </div>
  );
}
