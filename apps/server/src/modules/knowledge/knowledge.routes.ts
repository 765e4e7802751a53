import { errorBody, fileInfo, idParams } from '@anju/contracts';
import {
  getKnowledgeArticleQuery,
  homeCareArticles,
  knowledgeArticle,
  knowledgeHits,
  knowledgeSuggestions,
  knowledgeVersions,
  searchHomeCareQuery,
  searchKnowledgeQuery,
  suggestKnowledgeBody,
  upsertKnowledgeArticleBody,
} from '@anju/contracts/knowledge';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { presentFile } from '../../platform/files/files.presenter.js';
import { FilesService } from '../../platform/files/files.service.js';
import { readUpload } from '../../platform/files/upload.js';
import { contextOf } from '../../platform/http/auth.plugin.js';
import { ownerOf } from '../portal/portal-auth.routes.js';
import { presentArticle, presentHit, presentHomeCare, presentVersion } from './knowledge.presenter.js';
import type { KnowledgeService } from './knowledge.service.js';

const errors = { '4xx': errorBody };
const tags = ['knowledge'];
const MAX_PHOTO_BYTES = FilesService.maxBytes(['image']);

/** validate (contracts) → authorise and act (service) → present. */
export const knowledgeRoutes: FastifyPluginAsyncZod<{ knowledge: KnowledgeService }> = async (app, { knowledge }) => {
  const full = async (ctx: ReturnType<typeof contextOf>, id: string, version?: number) => {
    const { row, orgUnitName, photos } = await knowledge.get(ctx, id, version);
    return presentArticle(row, orgUnitName, photos);
  };

  app.get(
    '/api/knowledge/articles',
    {
      schema: {
        operationId: 'searchKnowledge',
        tags,
        summary: 'Search the standard problems by words (Chinese segmented), category, audience and status',
        querystring: searchKnowledgeQuery,
        response: { 200: knowledgeHits, ...errors },
      },
    },
    async (request) => {
      const { items, nextCursor } = await knowledge.search(contextOf(request), request.query);
      return { items: items.map(presentHit), nextCursor };
    },
  );

  app.post(
    '/api/knowledge/articles',
    {
      schema: {
        operationId: 'upsertKnowledgeArticle',
        tags,
        summary: 'Create an article (no id) or save a new version of it (id and the version read; stale: 409)',
        body: upsertKnowledgeArticleBody,
        response: { 200: knowledgeArticle, ...errors },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const row = await knowledge.upsert(ctx, request.body);
      return full(ctx, row.id);
    },
  );

  app.get(
    '/api/knowledge/articles/:id',
    {
      schema: {
        operationId: 'getKnowledgeArticle',
        tags,
        summary: 'An article as it is now, or an older version of it',
        params: idParams,
        querystring: getKnowledgeArticleQuery,
        response: { 200: knowledgeArticle, ...errors },
      },
    },
    async (request) => full(contextOf(request), request.params.id, request.query.version),
  );

  app.get(
    '/api/knowledge/articles/:id/versions',
    {
      schema: {
        operationId: 'listKnowledgeArticleVersions',
        tags,
        summary: 'Every saved version of an article, newest first (who and when)',
        params: idParams,
        response: { 200: knowledgeVersions, ...errors },
      },
    },
    async (request) => ({
      items: (await knowledge.versions(contextOf(request), request.params.id)).map(presentVersion),
    }),
  );

  app.post(
    '/api/knowledge/articles/:id/photos',
    {
      schema: {
        operationId: 'uploadKnowledgePhoto',
        tags,
        summary: 'Add a photo to an article (multipart field "file"); 200 when the same photo is already there',
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 200: fileInfo, 201: fileInfo, ...errors },
      },
    },
    async (request, reply) => {
      const { file, created } = await knowledge.uploadPhoto(contextOf(request), request.params.id, () =>
        readUpload(request, MAX_PHOTO_BYTES),
      );
      return reply.code(created ? 201 : 200).send(presentFile(file));
    },
  );

  app.post(
    '/api/knowledge/suggest',
    {
      schema: {
        operationId: 'suggestKnowledge',
        tags,
        summary: 'The top published articles for what an agent is typing (words, the category ranked up)',
        body: suggestKnowledgeBody,
        response: { 200: knowledgeSuggestions, ...errors },
      },
    },
    async (request) => ({ items: (await knowledge.suggest(contextOf(request), request.body)).map(presentHit) }),
  );

  app.get(
    '/api/portal/home-care',
    {
      config: { public: true },
      schema: {
        operationId: 'searchHomeCare',
        tags: ['portal'],
        summary: 'Home care (家居保养): published owner-facing articles for my homes, by words and category',
        querystring: searchHomeCareQuery,
        response: { 200: homeCareArticles, ...errors },
      },
    },
    async (request) => {
      const owner = ownerOf(request);
      return { items: (await knowledge.homeCare(owner.customerId, request.query)).map(presentHomeCare) };
    },
  );
};
