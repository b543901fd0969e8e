import { fireEvent, render, screen } from '@testing-library/react';
import { COERCION_ACTIONS } from '@zhifa/domain';
import { describe, expect, it, vi } from 'vitest';
import { AppProviders } from '../../AppProviders.tsx';
import { COERCION_ACTION_LABELS, ProcedureActions } from './procedure.tsx';

const view = {
  status: 'in_force',
  availableActions: ['release'],
  refusedActions: [
    { action: 'confiscate', refusals: [{ code: 'RULE_VIOLATION', message: 'needs a decision', messageZh: '没收应当依据行政处罚决定', citation: '行政强制法 Art.27' }] },
    { action: 'extend', refusals: [{ code: 'RULE_VIOLATION', message: 'approval', messageZh: '须经负责人批准', citation: '行政强制法 Art.25 para 1, 2' }] },
  ],
};

describe('ProcedureActions', () => {
  it('shows the allowed and the refused steps in the table’s order, refused ones marked and still opening their form', () => {
    const onAction = vi.fn();
    render(
      <AppProviders initialLocale="zh-CN">
        <ProcedureActions view={view} labels={COERCION_ACTION_LABELS} order={COERCION_ACTIONS} canAct onAction={onAction} danger={['confiscate']} />
      </AppProviders>,
    );
    const buttons = screen.getAllByRole('button');
    expect(buttons.map((b) => b.getAttribute('data-testid'))).toEqual(['action-extend', 'action-release', 'action-confiscate']);
    expect(screen.getByTestId('action-release').getAttribute('data-refused')).toBe('false');
    expect(screen.getByTestId('action-extend').getAttribute('data-refused')).toBe('true');
    expect(screen.getByTestId('action-release').textContent?.replace(/\s/g, '')).toBe('解除'); // antd spaces two-character labels
    fireEvent.click(screen.getByTestId('action-extend'));
    expect(onAction).toHaveBeenCalledWith('extend');
  });

  it('a reader without the handling permission sees no buttons', () => {
    render(
      <AppProviders initialLocale="zh-CN">
        <ProcedureActions view={view} labels={COERCION_ACTION_LABELS} order={COERCION_ACTIONS} canAct={false} onAction={() => {}} />
      </AppProviders>,
    );
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });
});
