import { App as AntApp, ConfigProvider, theme as antTheme } from 'antd';
import enUSLocale from 'antd/locale/en_US';
import zhCNLocale from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { useLocale } from './i18n/index.tsx';

/** Government back-office palette: sober blue, compact radius, CJK-friendly font stack. */
const THEME = {
  token: {
    colorPrimary: '#1f4e9c',
    colorInfo: '#1f4e9c',
    borderRadius: 4,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
  },
  algorithm: antTheme.defaultAlgorithm,
};

/** Ant Design's locale (zh_CN default, en_US) and theme, following the app's locale. Inside BaseProviders. */
export function AntdProvider({ children }: { children: ReactNode }) {
  const { locale } = useLocale();
  return (
    <ConfigProvider locale={locale === 'en-US' ? enUSLocale : zhCNLocale} theme={THEME}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
