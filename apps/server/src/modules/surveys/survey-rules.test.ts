import type { SurveyQuestion } from '@anju/contracts/surveys';
import { describe, expect, it } from 'vitest';
import { checkAnswers, samplePerType, sampleStratified, stageOn } from './survey-rules.js';

const now = new Date('2026-11-24T02:00:00Z'); // 24 Nov in Shanghai

describe('stageOn', () => {
  it('reads the stage from the contract and handover dates, whole China days', () => {
    const at = (contractDate: string | null, deliveryDate: string | null = null) =>
      stageOn(now, { contractDate, deliveryDate });
    expect(at('2026-10-26')).toBe('signed'); // 29 days
    expect(at('2026-10-25')).toBe('waiting_delivery'); // 30 days
    expect(at('2026-01-01', '2026-12-20')).toBe('waiting_delivery'); // handover still to come
    expect(at('2025-01-01', '2026-11-24')).toBe('handover');
    expect(at('2025-01-01', '2026-10-25')).toBe('first_year');
    expect(at('2025-01-01', '2025-11-25')).toBe('first_year'); // 364 days
    expect(at('2025-01-01', '2025-11-24')).toBe('after_first_year');
    expect(at(null)).toBeNull();
    expect(stageOn(now, null)).toBeNull();
    // 23:30 on the 23rd UTC is the 24th in Shanghai
    expect(stageOn(new Date('2026-11-23T16:30:00Z'), { contractDate: '2026-10-26', deliveryDate: null })).toBe(
      'signed',
    );
  });
});

describe('samples', () => {
  const homes = (n: number, productType: string, stage?: string) =>
    Array.from({ length: n }, (_, i) => ({
      unitId: `${productType}-${i}`,
      customerId: `c-${productType}-${i}`,
      productType,
      stage,
    }));

  it('takes N per product type, all of a smaller type, the same pick for the same seed', () => {
    const all = [...homes(7, 'flat'), ...homes(3, 'villa')];
    const picked = samplePerType(all, 5, 'seed');
    expect(picked.filter((h) => h.productType === 'flat')).toHaveLength(5);
    expect(picked.filter((h) => h.productType === 'villa')).toHaveLength(3);
    expect(samplePerType(all, 5, 'seed')).toEqual(picked);
  });

  it('takes the share of each stage, rounded up', () => {
    const all = [...homes(10, 'a', 'signed'), ...homes(3, 'b', 'first_year'), ...homes(1, 'c', undefined)];
    const picked = sampleStratified(all, 0.2, 'seed');
    expect(picked.filter((h) => h.stage === 'signed')).toHaveLength(2);
    expect(picked.filter((h) => h.stage === 'first_year')).toHaveLength(1);
    expect(picked.filter((h) => h.stage === undefined)).toHaveLength(1);
  });
});

describe('checkAnswers', () => {
  const questions: SurveyQuestion[] = [
    { key: 'overall', type: 'score5', textZh: '总体', textEn: '', required: true, dimension: 'overall' },
    { key: 'nps', type: 'nps', textZh: '推荐', textEn: '', required: true },
    {
      key: 'why',
      type: 'multiple',
      textZh: '原因',
      textEn: '',
      required: false,
      options: [
        { code: 'price', textZh: '价格', textEn: '' },
        { code: 'service', textZh: '服务', textEn: '' },
      ],
    },
    { key: 'note', type: 'text', textZh: '备注', textEn: '', required: false },
  ];

  it('stores rows with dimensions and the first 5-point score as the headline', () => {
    const { rows, headline } = checkAnswers(questions, [
      { key: 'overall', score: 4 },
      { key: 'nps', score: 0 },
      { key: 'why', choices: ['price', 'service'] },
    ]);
    expect(headline).toBe(4);
    expect(rows).toEqual([
      { questionKey: 'overall', dimension: 'overall', score: 4, choices: null, text: null },
      { questionKey: 'nps', dimension: null, score: 0, choices: null, text: null },
      { questionKey: 'why', dimension: null, score: null, choices: ['price', 'service'], text: null },
    ]);
  });

  it('lists every problem at once', () => {
    expect(() =>
      checkAnswers(questions, [
        { key: 'overall', score: 0 },
        { key: 'why', choices: ['price', 'price'] },
        { key: 'why', choices: ['price'] },
        { key: 'note' },
      ]),
    ).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        details: {
          field: 'answers',
          problems: [
            { key: 'overall', reason: 'score must be 1–5' },
            { key: 'why', reason: 'an option is chosen twice' },
            { key: 'why', reason: 'answered twice' },
            { key: 'note', reason: 'text expected' },
            { key: 'nps', reason: 'required' },
          ],
        },
      }),
    );
  });
});
