import { Typography } from 'antd';
import type { ReactNode } from 'react';

export function PageHeader({ title, extra, sub, testId }: { title: ReactNode; extra?: ReactNode; sub?: ReactNode; testId?: string }) {
  return (
    <div className="zf-page-head" data-testid={testId}>
      <div style={{ minWidth: 0 }}>
        <Typography.Title level={4}>{title}</Typography.Title>
        {sub ? <Typography.Text type="secondary">{sub}</Typography.Text> : null}
      </div>
      {extra ? <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>{extra}</div> : null}
    </div>
  );
}
