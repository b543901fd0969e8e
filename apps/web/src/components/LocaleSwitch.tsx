import { GlobalOutlined } from '@ant-design/icons';
import { Segmented } from 'antd';
import { useLocale, type Locale } from '../i18n/index.tsx';

/** 中文 / English switch; the choice is kept in localStorage. */
export function LocaleSwitch({ size = 'small' }: { size?: 'small' | 'middle' }) {
  const { locale, setLocale } = useLocale();
  return (
    <span data-testid="locale-switch" style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
      <GlobalOutlined aria-hidden style={{ color: 'rgba(0,0,0,0.45)' }} />
      <Segmented<Locale>
        size={size}
        value={locale}
        onChange={(v) => setLocale(v)}
        options={[
          { value: 'zh-CN', label: '中文' },
          { value: 'en-US', label: 'EN' },
        ]}
      />
    </span>
  );
}
