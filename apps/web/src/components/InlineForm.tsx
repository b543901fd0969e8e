import { Button, Form } from 'antd';
import type { Rule } from 'antd/es/form';
import type { ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert.tsx';

export interface InlineField {
  name: string;
  rules?: Rule[];
  input: ReactNode;
}

/**
 * A one-line form of back-office registers (add a supervisor, record a visit…): its fields, a submit button with the
 * mutation's pending state, optional extra controls before and after the button, and the mutation's error below.
 */
export function InlineForm<V>({
  fields,
  onFinish,
  submitLabel,
  pending,
  error,
  primary = false,
  initialValues,
  beforeSubmit,
  afterSubmit,
}: {
  fields: InlineField[];
  onFinish: (values: V) => void;
  submitLabel: ReactNode;
  pending: boolean;
  error: unknown;
  primary?: boolean;
  initialValues?: Partial<V>;
  beforeSubmit?: ReactNode;
  afterSubmit?: ReactNode;
}) {
  return (
    <>
      <Form<V> layout="inline" onFinish={onFinish} initialValues={initialValues}>
        {fields.map((f) => (
          <Form.Item key={f.name} name={f.name} rules={f.rules}>
            {f.input}
          </Form.Item>
        ))}
        {beforeSubmit}
        <Button htmlType="submit" type={primary ? 'primary' : 'default'} loading={pending}>
          {submitLabel}
        </Button>
        {afterSubmit}
      </Form>
      <ErrorAlert error={error} />
    </>
  );
}
