import { useTranslation } from 'react-i18next';
import type { Poll } from '@linli/shared';
import { useErrorText } from '../../lib/errors';
import { useFormatDate } from '../../lib/format';
import { useSocketQuery } from '../../lib/query';
import { ErrorLine } from '../../ui/ErrorLine';
import { draftFromBallot, rulesOf } from './ballot';
import { ballotWords } from './BallotSummary';
import { pollResultQuery } from './pollQueries';
import { ReceiptList } from './ReceiptList';
import { ResultView } from './ResultView';
import { useMyReceipt } from './useMyReceipt';

/** A closed poll's result page: the frozen result, every receipt counted, changed votes, the recount file. */
export function ResultSection({ poll, userId, myReceipt }: { poll: Poll; userId: string; myReceipt: string | null }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const formatDate = useFormatDate();
  const query = useSocketQuery(pollResultQuery(poll.communityId, poll.id));
  const mine = useMyReceipt(poll.id, userId, myReceipt);
  if (query.error) return <ErrorLine error={errorText(query.error)} />;
  if (!query.data) return <p className="muted">{t('poll.loading')}</p>;
  const { result, receipts, history, exportPath } = query.data;
  const rules = rulesOf(poll);
  const words = (choice: Parameters<typeof draftFromBallot>[1]) => ballotWords(rules, draftFromBallot(poll.kind, choice), t);
  const secret = poll.ballot === 'secret';
  return (
    <section className="panel result-panel" aria-labelledby="result-title" data-testid="poll-result-page">
      <h2 id="result-title">{t('poll.result.title')}</h2>
      <ResultView result={result} options={rules.options} budget={poll.budget} />
      <ReceiptList
        secret={secret}
        mine={mine}
        receipts={receipts.map((item) => ({
          receipt: item.receipt,
          choice: item.choice === undefined ? null : words(item.choice),
          voterName: item.voterName ?? null,
          assisted: item.assisted ?? false,
        }))}
      />
      {history.length > 0 && (
        <details data-testid="poll-history">
          <summary>{t('poll.history.title', { count: history.length })}</summary>
          <ul className="small">
            {history.map((change) => (
              <li key={`${change.receipt}-${change.replacedAt}`}>{t('poll.history.line', { name: change.voterName, choice: words(change.choice), date: formatDate(change.replacedAt) })}</li>
            ))}
          </ul>
        </details>
      )}
      <div className="recount small" data-testid="poll-recount">
        <a className="button-link secondary" href={exportPath} download data-testid="poll-export">
          {t('poll.result.recount')}
        </a>
        <p>{t('poll.result.recountHint')}</p>
        <code>{t('poll.result.recountCommand')}</code>
      </div>
    </section>
  );
}
