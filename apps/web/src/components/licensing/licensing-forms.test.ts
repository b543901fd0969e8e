import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { toRegisterBody } from '../../admin/pages/licensing/LicenceRegisterPage.tsx';
import { isResolvableInForm, toLicensingPayload } from './LicensingActions.tsx';

const refusal = (guard: string, details: Record<string, unknown> = {}) => ({ code: 'RULE_VIOLATION', message: 'x', messageZh: 'x', citation: '行政许可法', details: { guard, ...details } });

describe('licensing step forms', () => {
  it('a refusal the form answers leaves the step enabled; any other keeps it refused', () => {
    expect(isResolvableInForm('accept', [refusal('intakeReceiptSealed')])).toBe(true);
    expect(isResolvableInForm('accept', [refusal('intakeReceiptSealed'), refusal('materialsCompleteOrDeemedAccepted')])).toBe(false);
    expect(isResolvableInForm('accept', [refusal('applicantNotBanned')])).toBe(false);
    expect(isResolvableInForm('refuse', [refusal('refusalStatesReasonsAndRemedies')])).toBe(true);
    // The missing approval comes with the form; a second extension does not.
    expect(isResolvableInForm('extend_period', [refusal('licensingExtensionApproved', { problems: ['approval'] })])).toBe(true);
    expect(isResolvableInForm('extend_period', [refusal('licensingExtensionApproved', { extendedOn: '2026-06-01' })])).toBe(false);
    expect(isResolvableInForm('grant', [refusal('hearingRightsRespected')])).toBe(false);
  });

  it('each step sends only the fields the server reads for it', () => {
    expect(toLicensingPayload('accept', { sealedReceiptIssued: true, reason: 'ignored' })).toEqual({ sealedReceiptIssued: true });
    expect(toLicensingPayload('not_accept', { sealedReceiptIssued: true, notAcceptedReason: 'false_materials', reason: ' 虚假 ', falseSafety: true })).toEqual({
      sealedReceiptIssued: true,
      notAcceptedReason: 'false_materials',
      reason: '虚假',
      falseApplication: { isSafetyRelated: true },
    });
    expect(toLicensingPayload('extend_period', { approvedBy: 'agency_head', reason: '核查', reasonsToldOn: dayjs('2026-06-03') })).toEqual({
      extension: { approvedBy: 'agency_head', reasons: '核查', reasonsToldOn: '2026-06-03' },
    });
    expect(toLicensingPayload('issue_certificate', { certificateNo: ' JY1 ', validFrom: dayjs('2026-06-01') })).toEqual({ certificateNo: 'JY1', validFrom: '2026-06-01', expiresOn: null });
    expect(toLicensingPayload('refuse', { reason: '不符合', remediesStated: true })).toEqual({ reason: '不符合', remediesStated: true });
    expect(toLicensingPayload('close', { reason: 'x' })).toEqual({});
  });

  it('the registration body carries the applicant by its identifier and the materials handed in', () => {
    expect(
      toRegisterBody({ itemId: 'i', applicant: { type: 'organisation', name: ' 某公司 ', uscc: 'abc', address: ' ' }, submittedMaterials: ['申请书'], receivedOn: dayjs('2026-06-01'), isJointHandling: false }),
    ).toEqual({ itemId: 'i', applicant: { type: 'organisation', name: '某公司', uscc: 'ABC' }, submittedMaterials: ['申请书'], receivedOn: '2026-06-01', isJointHandling: false });
  });
});
