/** The knowledge base's error codes (part of ERROR_CODES, error-codes.ts). */
export const KNOWLEDGE_ERROR_CODES = {
  KNOWLEDGE_TITLE_REQUIRED: { status: 400, zh: '请填写标准问题的标题', en: 'The article needs a title' },
  KNOWLEDGE_ARTICLE_NOT_FOUND: {
    status: 404,
    zh: '标准问题不存在或不在您的范围内',
    en: 'The knowledge article does not exist or is outside your scope',
  },
  KNOWLEDGE_PLACE_INVALID: {
    status: 422,
    zh: '标准问题只能放在集团或城市公司，且在您的范围内',
    en: 'An article is placed at the group or a city company within your scope',
  },
  KNOWLEDGE_PHOTO_LIMIT: { status: 409, zh: '每个标准问题最多 12 张照片', en: 'An article holds at most 12 photos' },
} as const;
