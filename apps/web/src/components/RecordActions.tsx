import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Popconfirm } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useT } from '../i18n/index.tsx';
import type { Publishable, PublishWithdraw } from '../lib/usePublishWithdraw.ts';
import { ReasonModal } from './ReasonModal.tsx';

/** The back arrow at the start of a detail page's title: to a fixed list, or (`-1`) to wherever the user came from. */
export function BackButton({ to }: { to: string | -1 }) {
  const t = useT();
  const navigate = useNavigate();
  return <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => (to === -1 ? navigate(-1) : navigate(to))} aria-label={t('common.back')} />;
}

/**
 * Publish/unpublish (confirmed), edit and withdraw buttons of a registry record's detail header. Test ids are
 * `<testIdPrefix>-publish`, `-edit` and `-withdraw`; the withdraw button only opens {@link WithdrawModal}.
 */
export function RecordActions<R extends Publishable>({ actions, record, testIdPrefix, withdrawLabel }: { actions: PublishWithdraw<R>; record: R; testIdPrefix: string; withdrawLabel: string }) {
  const t = useT();
  const navigate = useNavigate();
  return (
    <>
      <Popconfirm title={record.published ? t('common.unpublishConfirm') : t('common.publishConfirm')} onConfirm={() => actions.publish.mutate(record)}>
        <Button loading={actions.publish.isPending} data-testid={`${testIdPrefix}-publish`}>
          {record.published ? t('common.unpublish') : t('common.publish')}
        </Button>
      </Popconfirm>
      <Button icon={<EditOutlined />} onClick={() => navigate(`/admin/${actions.kind}/${record.id}/edit`)} data-testid={`${testIdPrefix}-edit`}>
        {t('common.edit')}
      </Button>
      <Button danger onClick={() => actions.setWithdrawing(true)} data-testid={`${testIdPrefix}-withdraw`}>
        {withdrawLabel}
      </Button>
    </>
  );
}

/**
 * Asks the reason of a withdrawal. Rendered by the page outside {@link RecordActions}: the buttons go away once the
 * record is withdrawn, and the modal must stay mounted to close normally.
 */
export function WithdrawModal<R extends Publishable>({ actions, record, label }: { actions: PublishWithdraw<R>; record: R; label: string }) {
  return (
    <ReasonModal
      open={actions.withdrawing}
      danger
      title={`${label} · ${record.name}`}
      onCancel={() => actions.setWithdrawing(false)}
      onSubmit={(v) => actions.withdraw(record, v.reason)}
    />
  );
}
