import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../i18n/index.tsx';

export default function NotFoundPage() {
  const t = useT();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('common.notFound')}
      extra={
        <Link to="/admin">
          <Button type="primary">{t('nav.dashboard')}</Button>
        </Link>
      }
    />
  );
}
