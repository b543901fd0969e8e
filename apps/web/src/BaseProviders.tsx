import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { isApiError } from './api/client.ts';
import { I18nProvider, type Locale } from './i18n/index.tsx';

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

/**
 * Locale and data fetching: all that the public portal's first page needs. Ant Design's providers are added by the
 * parts that use it (the back office, the portal's richer pages, see AntdProvider.tsx), so a visitor of the portal
 * home page downloads no UI library (issue #4: first-load JavaScript budget).
 */
export function BaseProviders({ children, queryClient, initialLocale }: { children: ReactNode; queryClient?: QueryClient; initialLocale?: Locale }) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <I18nProvider {...(initialLocale ? { initialLocale } : {})}>
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </I18nProvider>
  );
}
