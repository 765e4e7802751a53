import { errorBody, idParams } from '@anju/contracts';
import { answerSurveyBody, mySurveys, surveyForm } from '@anju/contracts/surveys';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { presentForm } from '../surveys/survey.presenter.js';
import type { PortalModule } from './portal.module.js';
import { ownerOf } from './portal-auth.routes.js';

const errors = { '4xx': errorBody };
const tags = ['portal'];

/** Surveys and callbacks in the owner portal: my pending ones with their questions, and answering one of mine. */
export const portalSurveyRoutes: FastifyPluginAsyncZod<{ portal: PortalModule }> = async (app, { portal }) => {
  app.get(
    '/api/portal/surveys',
    {
      config: { public: true },
      schema: {
        operationId: 'listMySurveys',
        tags,
        summary: 'My surveys and callbacks waiting for an answer, with their questions',
        response: { 200: mySurveys, ...errors },
      },
    },
    async (request) => ({
      items: (await portal.surveys.answers.mine(ownerOf(request).customerId)).map(presentForm),
    }),
  );

  app.post(
    '/api/portal/surveys/:id',
    {
      config: { public: true },
      schema: {
        operationId: 'answerMySurvey',
        tags,
        summary: 'Answer one of my surveys, once (another person’s is not found)',
        params: idParams,
        body: answerSurveyBody,
        response: { 200: surveyForm, ...errors },
      },
    },
    async (request) => {
      const id = request.params.id;
      const customerId = ownerOf(request).customerId;
      const row = await portal.surveys.answers.answerMine(customerId, id, request.body);
      return presentForm(await portal.surveys.answers.form(portal.surveys.db, row));
    },
  );
};
