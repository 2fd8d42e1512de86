import { describe, expect, it } from 'vitest';
import { documentCounts, isCountedWord, lowerSet, withoutLinksAndMentions, wordsOf } from './words.js';
import { stopWords } from './stopwords.js';

describe('wordsOf: the words a report or message is counted by', () => {
  it('segments Chinese with jieba and drops stop words, single characters and numbers', () => {
    // 3 / 号 / 楼 / 了 / 来 / 修: single characters or numbers; 什么 / 时候: stop words.
    expect(wordsOf('3号楼电梯又坏了，物业什么时候来修？')).toEqual(['电梯', '又坏了', '物业']);
    expect(wordsOf('停车位不够，电动车充电桩太少，电动车乱停')).toEqual(['停车位', '不够', '电动车', '充电', '电动车']);
  });

  it('takes out URLs, e-mail addresses, @mentions, phone numbers and numerals such as 三天', () => {
    expect(wordsOf('@王小明 你好，电梯停运三天了 https://example.com/a?b=1 联系 li.wei@example.com 13800001111')).toEqual(['电梯', '停运', '联系']);
  });

  it('never counts a person: names jieba tags as such, and the community members’ names', () => {
    // 刘师傅 is tagged as a person name; 开心果 is a dictionary word, left out only because a member is called that.
    expect(wordsOf('刘师傅说垃圾桶满了')).toEqual(['垃圾桶']);
    expect(wordsOf('开心果反映垃圾桶满了')).toEqual(['开心果', '垃圾桶']);
    expect(wordsOf('开心果反映垃圾桶满了', ['开心果'])).toEqual(['垃圾桶']);
  });

  it('cuts a mention of a known name exactly, even with no space after it', () => {
    expect(withoutLinksAndMentions('@陈阿姨你好 垃圾桶满了', ['陈阿姨'])).toBe(' 你好 垃圾桶满了');
    // An unknown name runs to the next space.
    expect(withoutLinksAndMentions('@某人你好 垃圾桶满了')).toBe('  垃圾桶满了');
  });

  it('lower-cases English and drops its function words', () => {
    expect(wordsOf('The elevator in building 3 is broken again, please fix the ELEVATOR')).toEqual(['elevator', 'building', 'broken', 'fix', 'elevator']);
  });

  it('isCountedWord: two characters at least, a letter, no digit, not a stop word, not a name', () => {
    expect(isCountedWord('电梯')).toBe(true);
    expect(isCountedWord('梯')).toBe(false);
    expect(isCountedWord('3栋')).toBe(false);
    expect(isCountedWord('！！')).toBe(false);
    expect(isCountedWord('我们')).toBe(false);
    expect(isCountedWord('the')).toBe(false);
    expect(isCountedWord('wifi', lowerSet(['WiFi']))).toBe(false);
  });
});

describe('documentCounts', () => {
  it('counts in how many texts a word appears, once per text', () => {
    const counts = documentCounts(['电梯坏了，电梯又停了', '电梯噪音', '噪音扰民'], []);
    expect(Object.fromEntries(counts)).toEqual({ 电梯: 2, 噪音: 2, 扰民: 1 });
  });
});

describe('the stop-word list', () => {
  it('holds Chinese and English function words, each lower case and at least two characters', () => {
    for (const word of ['我们', '什么', '已经', '问题', 'the', 'and', 'please']) expect(stopWords.has(word)).toBe(true);
    for (const word of stopWords) {
      expect(word).toBe(word.toLowerCase());
      expect([...word].length).toBeGreaterThanOrEqual(2);
    }
  });
});
