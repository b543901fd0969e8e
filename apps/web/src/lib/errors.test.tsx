import { act, render, screen } from '@testing-library/react';
import { Form, Input, type FormInstance } from 'antd';
import { describe, expect, it } from 'vitest';
import { AppProviders } from '../AppProviders.tsx';
import { ApiError } from '../api/client.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { applyFieldErrors, issuePath } from './errors.ts';

const validation = (issues: { path: string[]; message: string; messageZh?: string }[]) =>
  new ApiError(400, { code: 'VALIDATION_FAILED', message: 'The request is invalid.', messageZh: '请求内容不符合要求。', details: { issues }, requestId: 'req-7' });

describe('issuePath', () => {
  it('drops the Fastify context segment and turns list indexes into numbers', () => {
    expect(issuePath({ path: ['body', 'legalBasis', '0', 'effectiveFrom'], message: 'x' })).toEqual(['legalBasis', 0, 'effectiveFrom']);
    expect(issuePath({ path: ['uscc'], message: 'x' })).toEqual(['uscc']);
  });
});

describe('applyFieldErrors', () => {
  it('puts server issues on the matching fields (zh message first) and returns the rest', async () => {
    let form: FormInstance | null = null;
    function Harness() {
      const [f] = Form.useForm();
      form = f;
      return (
        <Form form={f} initialValues={{ uscc: '', name: '' }}>
          <Form.Item name="uscc" label="uscc">
            <Input />
          </Form.Item>
          <Form.Item name="name" label="name">
            <Input />
          </Form.Item>
        </Form>
      );
    }
    render(
      <AppProviders initialLocale="zh-CN">
        <Harness />
      </AppProviders>,
    );
    const err = validation([
      { path: ['body', 'uscc'], message: 'bad check character', messageZh: '校验码错误' },
      { path: ['body', 'supervisingBureauId'], message: 'unknown bureau' },
    ]);
    let rest: ReturnType<typeof applyFieldErrors> = [];
    await act(async () => {
      rest = applyFieldErrors(form!, err, 'zh-CN');
    });
    expect(form!.getFieldError('uscc')).toEqual(['校验码错误']);
    expect(form!.getFieldError('name')).toEqual([]);
    expect(rest.map((i) => i.path.join('.'))).toEqual(['body.supervisingBureauId']);
    expect(await screen.findByText('校验码错误')).toBeTruthy();
  });

  it('ignores errors that are not ApiErrors', () => {
    expect(applyFieldErrors({} as FormInstance, new Error('boom'), 'en-US')).toEqual([]);
  });
});

describe('ErrorAlert', () => {
  it('shows the localized message, unmatched issues and the request id', () => {
    render(
      <AppProviders initialLocale="en-US">
        <ErrorAlert error={validation([])} issues={[{ path: ['body', 'mystery'], message: 'unknown field' }]} />
      </AppProviders>,
    );
    const alert = screen.getByTestId('error-alert');
    expect(alert.textContent).toContain('The request is invalid.');
    expect(alert.textContent).toContain('mystery: unknown field');
    expect(alert.textContent).toContain('req-7');
  });

  it('offers a reload on a version conflict', () => {
    const conflict = new ApiError(409, { code: 'VERSION_CONFLICT', message: 'changed', messageZh: '记录已被他人修改，请刷新后重试。', requestId: 'r' });
    render(
      <AppProviders initialLocale="zh-CN">
        <ErrorAlert error={conflict} onReload={() => undefined} />
      </AppProviders>,
    );
    expect(screen.getByTestId('error-alert').textContent).toContain('记录已被他人修改');
    expect(screen.getByTestId('reload-after-conflict')).toBeTruthy();
  });
});
