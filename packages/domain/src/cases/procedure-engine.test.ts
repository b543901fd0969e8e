import { describe, expect, it } from 'vitest';
import { procedureEngine } from './procedure-engine.ts';

type S = 'draft' | 'sent' | 'done';
type A = 'send' | 'finish';
interface F { status: S; signed: boolean }

const engine = procedureEngine<S, A, 'signed', F, { strict: boolean }, string>({
  transitions: { draft: { send: 'sent' }, sent: { finish: 'done' }, done: {} },
  statusInfo: { draft: { zh: '草稿' }, sent: { zh: '已发送' }, done: { zh: '完成' } },
  actionGuards: { send: ['signed'] },
  guards: {
    signed: (f, ctx) => (f.signed || !ctx.strict ? null : { code: 'RULE_VIOLATION', message: 'Sign first.', messageZh: '请先签名。', citation: 'Test Art.1' }),
  },
  notices: (f) => (f.status === 'sent' ? ['waiting'] : []),
});

describe('procedureEngine', () => {
  it('lists a table move as allowed only when its guards pass, and tags each refusal with its guard', () => {
    expect(engine.available({ status: 'draft', signed: true }, { strict: true })).toEqual({ allowed: ['send'], refused: [], notices: [] });
    const unsigned = engine.available({ status: 'draft', signed: false }, { strict: true });
    expect(unsigned.allowed).toEqual([]);
    expect(unsigned.refused).toEqual([{ action: 'send', refusals: [expect.objectContaining({ code: 'RULE_VIOLATION', details: { guard: 'signed' } })] }]);
    expect(engine.available({ status: 'sent', signed: false }, { strict: true }).notices).toEqual(['waiting']);
  });

  it('checks one action: the next status, a guard refusal, or INVALID_TRANSITION with the allowed actions', () => {
    expect(engine.check({ status: 'draft', signed: true }, 'send', { strict: true })).toEqual({ ok: true, to: 'sent' });
    expect(engine.check({ status: 'draft', signed: false }, 'send', { strict: false })).toEqual({ ok: true, to: 'sent' });
    const guarded = engine.check({ status: 'draft', signed: false }, 'send', { strict: true });
    expect(guarded.ok).toBe(false);
    const off = engine.check({ status: 'draft', signed: true }, 'finish', { strict: true });
    expect(off).toEqual({ ok: false, refusals: [expect.objectContaining({ code: 'INVALID_TRANSITION', messageZh: '当前状态（草稿）下不允许该操作。', details: { allowedActions: ['send'] } })] });
    expect(engine.next('done', 'finish')).toBeUndefined();
  });
});
