import { FileAddOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Tooltip } from 'antd';
import { api } from '../../api/client.ts';
import type { CaseDocument } from '../../api/types.ts';
import { useLocale } from '../../i18n/index.tsx';
import { useErrorText } from '../../lib/errors.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';
import { CaseDocuments } from './CaseDocuments.tsx';

export type ProcedureDocumentSubject = 'licence_application' | 'inspection' | 'coercive_measure' | 'penalty_case' | 'simplified_case';
interface Refusal {
  code: string;
  message: string;
  messageZh: string;
  citation?: string;
}
interface ProcedureDocumentsOut {
  documents: CaseDocument[];
  kinds: { kind: string; titleZh: string; titleEn: string; citation: string; documentId: string | null; refusal: Refusal | null }[];
}

/**
 * 执法文书 of a licence application, inspection, coercive measure, execution or on-the-spot decision: each kind its
 * procedure issues, generated from the record when the server allows it (the reason and citation otherwise), then
 * previewed and downloaded like the penalty case's documents.
 */
export function ProcedureDocuments({ subject, id, refreshKey }: { subject: ProcedureDocumentSubject; id: string; refreshKey?: unknown }) {
  const { locale } = useLocale();
  const zh = locale === 'zh-CN';
  const { message } = App.useApp();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const path = `/procedure-documents/${subject}/${id}`;
  const key = ['procedure-documents', subject, id, refreshKey];
  const q = useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<ProcedureDocumentsOut>(path, undefined, signal) });
  const gen = useMutation({
    mutationFn: (kind: string) => api.post<CaseDocument>(path, { kind }),
    onSuccess: (d) => {
      void message.success(`${zh ? d.titleZh : d.titleEn}${d.number ? ` ${d.number}` : ''}`);
      void qc.invalidateQueries({ queryKey: ['procedure-documents', subject, id] });
    },
    onError: (e) => void message.error(errorText(e)),
  });
  if (q.error) return <ErrorAlert error={q.error} onReload={() => void q.refetch()} />;
  const pending = (q.data?.kinds ?? []).filter((k) => !k.documentId);
  return (
    <CaseDocuments
      caseId={id}
      caseNo={null}
      documents={q.data?.documents}
      basePath={path}
      showCaseFile={false}
      header={
        pending.length ? (
          <Space size={4} wrap data-testid="procedure-documents-generate" style={{ marginBottom: 8 }}>
            {pending.map((k) => {
              const why = k.refusal ? `${zh ? k.refusal.messageZh : k.refusal.message}${k.refusal.citation ? `（${k.refusal.citation}）` : ''}` : `${zh ? '依据' : 'Basis'}：${k.citation}`;
              return (
                <Tooltip key={k.kind} title={why}>
                  <Button
                    size="small"
                    icon={<FileAddOutlined />}
                    disabled={!!k.refusal}
                    loading={gen.isPending && gen.variables === k.kind}
                    onClick={() => gen.mutate(k.kind)}
                    data-testid={`doc-generate-${k.kind}`}
                  >
                    {zh ? k.titleZh : k.titleEn}
                  </Button>
                </Tooltip>
              );
            })}
          </Space>
        ) : null
      }
    />
  );
}
