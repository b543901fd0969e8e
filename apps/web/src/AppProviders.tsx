import type { QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { AntdProvider } from './AntdProvider.tsx';
import { BaseProviders } from './BaseProviders.tsx';
import type { Locale } from './i18n/index.tsx';

export { createQueryClient } from './BaseProviders.tsx';

/** Every provider a back-office component needs (tests render components inside it). */
export function AppProviders({ children, queryClient, initialLocale }: { children: ReactNode; queryClient?: QueryClient; initialLocale?: Locale }) {
  return (
    <BaseProviders {...(queryClient ? { queryClient } : {})} {...(initialLocale ? { initialLocale } : {})}>
      <AntdProvider>{children}</AntdProvider>
    </BaseProviders>
  );
}
