import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { BallotRules, Draft } from './ballot';
import { useNumber } from './format';

/** A ballot in words, as the confirm step and the receipt show it. */
export function BallotSummary({ rules, draft }: { rules: BallotRules; draft: Draft }) {
  const { t } = useTranslation();
  const number = useNumber();
  const label = (id: string) => rules.options.find((option) => option.id === id)?.label ?? id;
  const lines: string[] = (() => {
    switch (draft.kind) {
      case 'yesno':
        return draft.choice ? [t(`poll.ballot.yesno.${draft.choice}`)] : [];
      case 'single':
        return draft.choice ? [label(draft.choice)] : [];
      case 'multiple':
        return rules.options.filter((o) => draft.picks.includes(o.id)).map((o) => o.label);
      case 'budget':
        return rules.options.filter((o) => draft.picks.includes(o.id)).map((o) => `${o.label}（${t('poll.ballot.budget.cost', { cost: number(o.cost ?? 0) })}）`);
      case 'ranked':
        return draft.order.map((id, i) => t('poll.ballot.rankLine', { n: i + 1, label: label(id) }));
      case 'score':
        return rules.options.filter((o) => draft.scores[o.id] !== undefined).map((o) => t('poll.ballot.scoreLine', { label: o.label, score: draft.scores[o.id] }));
    }
  })();
  if (lines.length === 0) return <p className="muted">{t('poll.ballot.nothing')}</p>;
  return (
    <ul className="ballot-summary" data-testid="ballot-summary">
      {lines.map((line, i) => (
        <li key={i}>{line}</li>
      ))}
    </ul>
  );
}

/** A ballot in one line (a public poll's receipt list). */
export function ballotWords(rules: BallotRules, draft: Draft, t: TFunction): string {
  const label = (id: string) => rules.options.find((option) => option.id === id)?.label ?? id;
  switch (draft.kind) {
    case 'yesno':
      return draft.choice ? t(`poll.ballot.yesno.${draft.choice}`) : '';
    case 'single':
      return draft.choice ? label(draft.choice) : '';
    case 'multiple':
    case 'budget':
      return draft.picks.map(label).join('、');
    case 'ranked':
      return draft.order.map((id, i) => `${i + 1}.${label(id)}`).join(' ');
    case 'score':
      return Object.entries(draft.scores)
        .map(([id, score]) => t('poll.ballot.scoreLine', { label: label(id), score }))
        .join('、');
  }
}
