import { Tag } from 'antd';
import { useT } from '../i18n/index.tsx';
import { useLabels } from '../lib/labels.ts';

/** 执法证 status colours: active green, suspended orange, revoked/cancelled red, expired grey. */
export const CERT_STATUS_COLOR: Record<string, string> = {
  active: 'green',
  suspended: 'orange',
  revoked: 'red',
  cancelled: 'red',
  expired: 'default',
};

export function CertStatusTag({ status, testId = 'cert-status-tag' }: { status: string | null | undefined; testId?: string }) {
  const labels = useLabels();
  const t = useT();
  if (!status) return <Tag data-testid={testId}>{t('officer.noCertificate')}</Tag>;
  return (
    <Tag color={CERT_STATUS_COLOR[status] ?? 'default'} data-testid={testId} data-status={status}>
      {labels.certStatus(status)}
    </Tag>
  );
}

const SUBJECT_STATUS_COLOR: Record<string, string> = { confirmed: 'blue', announced: 'green', revoked: 'red' };
export function SubjectStatusTag({ status }: { status: string }) {
  const labels = useLabels();
  return (
    <Tag color={SUBJECT_STATUS_COLOR[status] ?? 'default'} data-status={status}>
      {labels.enumText('subjectStatus', status)}
    </Tag>
  );
}

export function EntrustmentStatusTag({ status }: { status: string }) {
  const labels = useLabels();
  return <Tag color={status === 'active' ? 'green' : 'default'}>{labels.enumText('entrustmentStatus', status)}</Tag>;
}

export function PublishedTag({ published, withdrawnAt }: { published: boolean; withdrawnAt?: string | null }) {
  const t = useT();
  if (withdrawnAt) return <Tag color="default">{t('common.withdrawn')}</Tag>;
  return published ? <Tag color="cyan">{t('common.published')}</Tag> : <Tag>{t('common.unpublished')}</Tag>;
}

/** Evidence tag of a rule parameter: [P] primary law, [S] secondary source, [U] unverified, [Seed] placeholder. */
const RULE_TAG_COLOR: Record<string, string> = { P: 'green', S: 'blue', U: 'orange', SEED: 'default' };
export function RuleTag({ tag }: { tag: string }) {
  const t = useT();
  const norm = tag.replace(/[[\]]/g, '').trim();
  const color = RULE_TAG_COLOR[norm.toUpperCase()] ?? 'purple';
  const title = (() => {
    switch (norm.toUpperCase()) {
      case 'P':
        return t('rules.tag.P');
      case 'S':
        return t('rules.tag.S');
      case 'U':
        return t('rules.tag.U');
      case 'SEED':
        return t('rules.tag.Seed');
      default:
        return norm;
    }
  })();
  return (
    <Tag color={color} title={title} data-testid="rule-tag">
      [{norm}]
    </Tag>
  );
}
