import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { journeyHousehold } from '../../../test/journey-factories.js';

/** Subjects other modules register: a survey about a household's journey task goes to its customer. */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-24T02:00:00Z'));
});
afterAll(() => t.close());

describe('happy', () => {
  it('sends a survey about a journey task; the answer stores the step as the service', async () => {
    const h = await journeyHousehold(t, '2026-02-20');
    const [task] = await h.tasks();
    if (!task) throw new Error('no journey task');
    const defined = await h.manager.api.put('/api/surveys/journey_step', {
      kind: 'journey_task',
      nameZh: '旅程触点回访',
      questions: [{ key: 'overall', type: 'score5', textZh: '您对这次服务的满意度' }],
    });
    expect(defined.statusCode, defined.body).toBe(200);
    const sent = await h.manager.api.post('/api/surveys/journey_step/send', {
      channel: 'phone',
      subject: { type: 'journey_task', id: task.id },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const [req] = sent.json().items;
    expect(req).toMatchObject({ kind: 'journey_task', subjectType: 'journey_task', customerId: h.customer.id });
    const answered = await h.manager.api.post(`/api/survey-requests/${req.id}/answer`, {
      outcome: 'answered',
      answers: [{ key: 'overall', score: 4 }],
    });
    expect(answered.json()).toMatchObject({
      status: 'answered',
      score: 4,
      service: task.stepKey,
      stage: 'waiting_delivery',
    });
  });
});
