/**
 * "Is this already reported?": Chinese has no spaces between words, so texts
 * are compared by their character bigrams (Dice coefficient), the usual
 * measure for short Chinese texts; Latin words count as single tokens.
 */

/** The bigrams of a text: CJK runs as overlapping character pairs, other words whole, lower-cased. */
export function bigramsOf(text: string): Set<string> {
  const grams = new Set<string>();
  for (const run of text.toLowerCase().match(/\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu) ?? []) {
    if (/^\p{Script=Han}+$/u.test(run)) {
      if (run.length === 1) grams.add(run);
      for (let i = 0; i + 1 < run.length; i++) grams.add(run.slice(i, i + 2));
    } else {
      grams.add(run);
    }
  }
  return grams;
}

/** Dice coefficient of two bigram sets: 0 (nothing shared) to 1 (the same). */
export function similarityOf(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/** How alike a new report is to an existing one: the title counts double. */
export function issueSimilarity(draft: { title: string; description: string }, existing: { title: string; description: string }): number {
  const title = similarityOf(bigramsOf(draft.title), bigramsOf(existing.title));
  const whole = similarityOf(bigramsOf(`${draft.title} ${draft.description}`), bigramsOf(`${existing.title} ${existing.description}`));
  return (2 * title + whole) / 3;
}
