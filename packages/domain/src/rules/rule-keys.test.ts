import { describe, expect, it } from 'vitest';
import { RULE_KEY_LIST, RULE_KEYS } from './rule-keys.ts';
import { validateRuleParams } from './profiles.ts';

describe('RULE_KEYS catalogue', () => {
  it.each([
    ['training.annualHours', 60, 'P'],
    ['training.legalReviewerAnnualHours', 30, 'Seed'],
    ['certificate.reviewCycleYears', 2, 'Seed'],
    ['certificate.knowledgeTestCycleYears', 4, 'Seed'],
    ['simplified.maxFineIndividual', 200, 'P'],
    ['simplified.maxFineOrganisation', 3000, 'P'],
    ['hearing.largeFineIndividual', 10000, 'U'],
    ['hearing.largeFineOrganisation', 100000, 'U'],
    ['hearing.largeConfiscation', 10000, 'U'],
    ['legalReview.timeLimitWorkingDays', 10, 'P'],
    ['publication.licencePenaltyWorkingDays', 7, 'P'],
    ['publication.otherWorkingDays', 20, 'P'],
    ['publication.withdrawWorkingDays', 3, 'P'],
    ['penalty.caseDecisionDays', 90, 'P'],
    ['legalReviewer.minRatioOfOfficers', 0.05, 'P'],
    ['limitation.years', 2, 'P'],
    ['limitation.yearsLifeHealthFinance', 5, 'P'],
  ] as const)('%s defaults to %s [%s]', (key, value, tag) => {
    expect(RULE_KEYS[key].default).toBe(value);
    expect(RULE_KEYS[key].tag).toBe(tag);
  });

  it('every entry is complete and its default passes its own validation', () => {
    for (const key of RULE_KEY_LIST) {
      const spec = RULE_KEYS[key];
      expect(typeof spec.default).toBe(spec.type);
      expect(spec.citation.length).toBeGreaterThan(0);
      expect(spec.zh.length).toBeGreaterThan(0);
      expect(spec.en.length).toBeGreaterThan(0);
      expect(validateRuleParams({ [key]: spec.default })).toEqual({ ok: true });
    }
  });
});
