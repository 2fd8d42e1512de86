/**
 * Words the rising-topics count leaves out: Chinese and English function words, chat
 * fillers and the words every problem report uses ("问题", "反映"), which say nothing
 * about what the problem is. One word per line, lower case; `#` starts a comment.
 * Single characters, numbers, URLs and @mentions are dropped by the tokenizer
 * (words.ts) and need no line here. Kept as a module, not a .txt file, so the
 * compiled server carries it without a copy step.
 */
const list = `
# 代词 pronouns
我们 你们 他们 她们 它们 咱们 大家 自己 别人 人家 各位 本人
这个 那个 这些 那些 这里 那里 这儿 那儿 这边 那边 这样 那样 这么 那么 这种 那种 这次 那次 这位 那位
哪个 哪些 哪里 哪儿 什么 怎么 怎样 怎么样 为什么 为何 多少 几个 谁的
# 虚词 particles, conjunctions, prepositions, adverbs
的话 而且 并且 或者 还是 但是 可是 不过 然而 因为 所以 因此 如果 要是 虽然 即使 只要 只有 除了 以及 而是 于是 然后 接着 另外 此外 总之 比如 例如
关于 对于 根据 按照 通过 为了 由于 从而 以便 以免 并且 甚至 尤其 特别 非常 十分 比较 更加 最好 有点 有些 一些 一点 一下 一直 一起 一样 一般 一定 一切
已经 正在 还在 刚刚 马上 立刻 终于 总是 经常 常常 往往 偶尔 从来 一向 依然 仍然 还有 还要 也是 就是 只是 都是 不是 没有 不要 不能 不会 不用 不行 不了 没法
可以 可能 应该 需要 必须 能够 愿意 希望 觉得 认为 知道 看到 听说 发现 感觉 好像 似乎 也许 大概 其实 确实 当然 肯定 真的 的确 其他 其它 所有 每个 任何 一个 两个
现在 今天 昨天 明天 今年 去年 明年 最近 以前 以后 之前 之后 时候 时间 期间 目前 当时 刚才 早上 晚上 上午 下午 中午 每天 天天
之类 等等 方面 情况 事情 东西 地方 问题 反映 反应 情况下 有关 相关 进行 处理一下 麻烦 请问 请求 谢谢 感谢 辛苦 您好 你好 大家好 好的 好吧 是的 对的 收到 明白 了解 知道了 没事 没关系 不好意思 哈哈 哈哈哈 嗯嗯 呵呵
# English function words
the and for are but not you your yours all any can had has have her his him its our ours out was were who whom whose why how what when where which while with from into onto upon over under about above below after before again then than that this these those there here they them their theirs she he it we us me my mine our
be been being do does did done doing is am will would shall should could may might must can't cannot don doesn didn isn aren wasn weren won wouldn shouldn couldn
an as at by if in of on or so to up no yes too very just also only some such own same other more most much many few each both either neither nor
hi hello thanks thank please ok okay pls yeah yep
`;

export const stopWords: ReadonlySet<string> = new Set(
  list
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .flatMap((line) => line.split(/\s+/))
    .filter((word) => word.length > 0),
);
