import { useTranslation } from 'react-i18next';
import { usePercent } from './format';

interface Row {
  id: string;
  label: string;
  votes: number;
  /** A winner, marked in green. */
  marked?: boolean;
}

/** Votes per option as plain bars with the number and share written out (readable without the chart). */
export function TallyBars({ rows, total, testId = 'tally-bars' }: { rows: Row[]; total: number; testId?: string }) {
  const { t } = useTranslation();
  const percent = usePercent();
  const most = Math.max(1, ...rows.map((row) => row.votes));
  return (
    <ul className="tally-bars" data-testid={testId}>
      {rows.map((row) => (
        <li key={row.id} className={row.marked ? 'marked' : undefined} data-testid="tally-row" data-option={row.id} data-votes={row.votes}>
          <div className="row between tally-head">
            <span className="tally-label">{row.label}</span>
            <span className="tally-number">
              {t('poll.live.votes', { count: row.votes })}
              {total > 0 && <span className="muted"> · {percent(row.votes / total)}</span>}
            </span>
          </div>
          <div className="meter" aria-hidden="true">
            <div className="meter-fill" style={{ width: `${(row.votes / most) * 100}%` }} />
          </div>
        </li>
      ))}
    </ul>
  );
}
