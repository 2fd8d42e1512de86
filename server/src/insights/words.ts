/**
 * The words of a problem report or a chat message, for the rising-topics count:
 * Chinese segmented by jieba (@node-rs/jieba, its default dictionary, no HMM so
 * only dictionary words come out), English lower-cased. Left out: URLs, e-mail
 * addresses, @mentions, words jieba tags as person names or numerals, the names
 * of the community's members, single characters, anything with a digit (house and
 * phone numbers, dates), anything without a letter, and the stop words.
 */
import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';
import { stopWords } from './stopwords.js';

const require = createRequire(import.meta.url);

// The dictionary is about 5 MB and takes a third of a second to load; it never changes,
// so one segmenter serves the whole process, loaded the first time a text is cut.
let segmenter: Jieba | null = null;

function jieba(): Jieba {
  if (!segmenter) {
    const { Jieba: JiebaClass } = require('@node-rs/jieba') as { Jieba: typeof Jieba };
    const { dict } = require('@node-rs/jieba/dict.js') as { dict: Uint8Array };
    segmenter = JiebaClass.withDict(dict);
  }
  return segmenter;
}

/** jieba's part-of-speech tags left out: person names (人名, 外文人名, 音译人名) and numerals ("三天", "十几个"). */
const droppedTags = new Set(['nr', 'nrfg', 'nrt', 'm', 'mq']);

const urls = /(?:https?:\/\/|www\.)\S+/giu;
const emails = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const mentions = /@[^\s@]+/gu;
const hasDigit = /\p{N}/u;
const hasLetter = /\p{L}/u;

/** Lower-cased names to leave out: the community's members' display names. */
export type NameSet = ReadonlySet<string>;

/**
 * The text with URLs, e-mail addresses and @mentions taken out. A mention of a known
 * name is cut exactly ("@王小明你好" keeps 你好); any other runs to the next space.
 */
export function withoutLinksAndMentions(text: string, names: readonly string[] = []): string {
  let out = text.normalize('NFKC').replace(urls, ' ').replace(emails, ' ');
  if (out.includes('@')) {
    for (const name of names) if (out.includes(`@${name}`)) out = out.split(`@${name}`).join(' ');
    out = out.replace(mentions, ' ');
  }
  return out;
}

/** Whether a token counts as a word (see the module comment). */
export function isCountedWord(word: string, names: NameSet = new Set()): boolean {
  return [...word].length >= 2 && !hasDigit.test(word) && hasLetter.test(word) && !stopWords.has(word) && !names.has(word);
}

/**
 * The counted words of a text, in order, repeats kept. `names`: the community's members'
 * display names, longest first (so "@王小明" is cut before "@王小"); documentCounts orders them.
 */
export function wordsOf(text: string, names: readonly string[] = [], nameSet: NameSet = lowerSet(names)): string[] {
  const clean = withoutLinksAndMentions(text, names);
  if (clean.trim() === '') return [];
  const words: string[] = [];
  for (const { word, tag } of jieba().tag(clean, false)) {
    if (droppedTags.has(tag)) continue;
    const lower = word.trim().toLowerCase();
    if (isCountedWord(lower, nameSet)) words.push(lower);
  }
  return words;
}

/** Lower-cased set of names (for isCountedWord / wordsOf). */
export function lowerSet(names: readonly string[]): NameSet {
  return new Set(names.map((name) => name.normalize('NFKC').trim().toLowerCase()).filter((name) => name.length > 0));
}

/**
 * In how many of the texts each word appears (a text using a word five times counts
 * once: one long message cannot make a topic).
 */
export function documentCounts(texts: Iterable<string>, names: readonly string[] = []): Map<string, number> {
  // Longest names first, so "@王小明" is cut before "@王小".
  const ordered = [...names].sort((a, b) => b.length - a.length);
  const nameSet = lowerSet(names);
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const word of new Set(wordsOf(text, ordered, nameSet))) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}
