import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, theme as antTheme } from 'antd';
import enUSLocale from 'antd/locale/en_US';
import zhCNLocale from 'antd/locale/zh_CN';
import { useState, type ReactNode } from 'react';
import { isApiError } from './api/client.ts';
import { I18nProvider, useLocale, type Locale } from './i18n/index.tsx';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Client errors (4xx) will not get better by retrying; network blips and 5xx get one more try.
        retry: (count, err) => (isApiError(err) && err.status >= 400 && err.status < 500 ? false : count < 1),
      },
      mutations: { retry: false },
    },
  });
}

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

function ThemedConfig({ children }: { children: ReactNode }) {
  const { locale } = useLocale();
  return (
    <ConfigProvider locale={locale === 'en-US' ? enUSLocale : zhCNLocale} theme={THEME}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function AppProviders({ children, queryClient, initialLocale }: { children: ReactNode; queryClient?: QueryClient; initialLocale?: Locale }) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <I18nProvider {...(initialLocale ? { initialLocale } : {})}>
      <ThemedConfig>
        <QueryClientProvider client={client}>{children}</QueryClientProvider>
      </ThemedConfig>
    </I18nProvider>
  );
}
