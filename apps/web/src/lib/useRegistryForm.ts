import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, type ApiIssue } from '../api/client.ts';
import { useLocale, useT } from '../i18n/index.tsx';
import { applyFieldErrors } from './errors.ts';
import { useRegistryRecord, type RegistryKind } from './registry.ts';

interface Saved {
  id: string;
}

interface Versioned extends Saved {
  version: number;
}

/**
 * The create/edit cycle every registry form shares: load the record when `id` is given and fill the form with it,
 * POST a new record or PATCH the loaded one with the `version` read (optimistic lock: the server answers 409 when
 * someone else saved first), put the server's 400/422 field issues on their fields (the rest are returned in
 * `issues` for the alert), and on success refresh the registry's queries and open the saved record's detail page.
 *
 * `toBody` gets the loaded record (undefined on create) for fields that are only sent when changed.
 */
export function useRegistryForm<V, R extends Versioned>({
  kind,
  id,
  toValues,
  toBody,
}: {
  kind: RegistryKind;
  /** Record being edited; undefined on create. */
  id?: string | undefined;
  /** Form values of the loaded record (needed only where `id` may be given). */
  toValues?: (record: R) => Partial<V>;
  toBody: (values: V, current: R | undefined) => object;
}) {
  const editing = !!id;
  const t = useT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const current = useRegistryRecord<R>(kind, id, editing);

  // Filled once per load (not on every render), so what the user types is not overwritten. `toValues` is left out
  // of the dependencies on purpose: pages pass a fresh function each render.
  useEffect(() => {
    if (current.data && toValues) form.setFieldsValue(toValues(current.data) as Parameters<typeof form.setFieldsValue>[0]);
  }, [current.data, form]);

  const save = useMutation({
    mutationFn: (v: V) => {
      const body = toBody(v, current.data);
      return editing && current.data ? api.patch<Saved>(`/${kind}/${id}`, { ...body, version: current.data.version }) : api.post<Saved>(`/${kind}`, body);
    },
    onSuccess: (saved) => {
      void message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: [kind] });
      navigate(`/admin/${kind}/${saved.id}`);
    },
    onError: (e) => setIssues(applyFieldErrors(form, e, locale)),
  });

  return {
    form,
    editing,
    /** The loaded record (edit only). */
    current,
    save,
    issues,
    onFinish: (v: V) => save.mutate(v),
    /** Re-reads the record after a version conflict; only while editing, as a new record has nothing to reload. */
    reload: editing ? () => void current.refetch() : undefined,
  };
}

export type RegistryForm<V, R extends Versioned> = ReturnType<typeof useRegistryForm<V, R>>;
