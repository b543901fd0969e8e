import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { useT } from '../i18n/index.tsx';
import { useErrorText } from './errors.ts';
import type { RegistryKind } from './registry.ts';

/** What a registry record needs for the publish / withdraw actions (both carry the version read: optimistic lock). */
export interface Publishable {
  id: string;
  name: string;
  version: number;
  published: boolean;
}

/**
 * Publish/unpublish and withdraw of a subject, officer or item record, as its detail page offers them. Every
 * change refreshes all queries of the registry, since publication shows in its lists and pickers too.
 */
export function usePublishWithdraw<R extends Publishable>(kind: RegistryKind) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [withdrawing, setWithdrawing] = useState(false);
  const refresh = () => void qc.invalidateQueries({ queryKey: [kind] });
  const publish = useMutation({
    mutationFn: (x: R) => api.post<R>(`/${kind}/${x.id}/publish`, { published: !x.published, version: x.version }),
    onSuccess: () => {
      void message.success(t('common.saved'));
      refresh();
    },
    onError: (e) => void message.error(errorText(e)),
  });
  /** Called by the reason modal; a failure is thrown back to it, which shows it and stays open. */
  const withdraw = async (x: R, reason: string) => {
    await api.post<void>(`/${kind}/${x.id}/withdraw`, { reason, version: x.version });
    void message.success(t('common.saved'));
    setWithdrawing(false);
    refresh();
  };
  return { kind, publish, refresh, withdrawing, setWithdrawing, withdraw };
}

export type PublishWithdraw<R extends Publishable> = ReturnType<typeof usePublishWithdraw<R>>;
