import { Button, Result, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { usePT } from '../messages.ts';

/**
 * What a citizen sees after filing a complaint or a city report: the number and the code (shown once — the server keeps
 * only a hash of the code), any notes, and the link to follow it.
 */
export function FiledReceipt({ title, testId, numberLabel, number, numberTestId, code, codeTestId, notes, statusHref }: { title: string; testId: string; numberLabel: string; number: string; numberTestId: string; code: string; codeTestId: string; notes: ReactNode; statusHref: string }) {
  const t = usePT();
  return (
    <Result
      status="success"
      title={title}
      data-testid={testId}
      subTitle={
        <div>
          <div>
            {numberLabel}：<Typography.Text strong copyable data-testid={numberTestId}>{number}</Typography.Text>
          </div>
          <div>
            {t('cp.code')}：<Typography.Text strong copyable data-testid={codeTestId}>{code}</Typography.Text>
          </div>
          {notes}
        </div>
      }
      extra={
        <Link to={statusHref}>
          <Button type="primary">{t('cp.track')}</Button>
        </Link>
      }
    />
  );
}
