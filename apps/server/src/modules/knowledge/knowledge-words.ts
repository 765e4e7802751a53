import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/**
 * Chinese word segmentation for the knowledge base (decisions: jieba + tsvector `simple`). The dictionary is loaded
 * once per process, on first use (about 0.2 s). Words are what PostgreSQL's `simple` config indexes as they are:
 * the search-mode cut (卫生间 → 卫生 + 卫生间), letters and digits only, lower case, without filler words.
 */
let jieba: Jieba | null = null;
const segmenter = () => {
  jieba ??= Jieba.withDict(dict);
  return jieba;
};

/** Filler words that match nearly every article and would only blur the ranking. */
const STOP_WORDS = new Set([
  '的',
  '了',
  '是',
  '在',
  '有',
  '和',
  '与',
  '及',
  '或',
  '也',
  '都',
  '就',
  '很',
  '我',
  '我们',
  '您',
  '你',
  '家',
  '请',
  '一个',
  '一下',
  '这个',
  '那个',
  '出现',
  '问题',
  '情况',
  '发现',
  '有点',
  'the',
  'a',
  'an',
  'of',
  'and',
]);

const WORD = /^[\p{L}\p{N}]+$/u;

/** The distinct index words of a text, in order of first appearance. */
export function wordsOf(text: string): string[] {
  if (!text.trim()) return [];
  const seen = new Set<string>();
  for (const raw of segmenter().cutForSearch(text, true)) {
    const word = raw.trim().toLowerCase();
    if (word && WORD.test(word) && !STOP_WORDS.has(word)) seen.add(word);
  }
  return [...seen];
}

/** The words joined with spaces: what `to_tsvector('simple', …)` is given. */
export const indexText = (...texts: string[]) => wordsOf(texts.join('\n')).join(' ');

/**
 * A `to_tsquery('simple', …)` text matching any of the words (ranking prefers articles with more of them), or null
 * when the text has no words. Words hold letters and digits only, so nothing in them is tsquery syntax.
 */
export function anyWordQuery(text: string, max = 16): string | null {
  const words = wordsOf(text).slice(0, max);
  return words.length ? words.join(' | ') : null;
}

/** A `to_tsquery('simple', …)` text matching articles that hold every word (the first, precise tier), or null. */
export function allWordsQuery(text: string, max = 8): string | null {
  const words = wordsOf(text).slice(0, max);
  return words.length ? words.join(' & ') : null;
}
