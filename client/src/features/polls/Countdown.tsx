import { useTranslation } from 'react-i18next';
import type { Poll } from '@linli/shared';
import { useFormatDate } from '../../lib/format';
import { useNow } from '../issues/deadline';
import { useSpan } from './format';

/** Closes in / opens in / closed at, moving by itself. */
export function PollCountdown({ poll }: { poll: Pick<Poll, 'state' | 'opensAt' | 'closesAt' | 'closedAt'> }) {
  const { t } = useTranslation();
  const now = useNow(30_000);
  const span = useSpan();
  const formatDate = useFormatDate();
  let text: string;
  if (poll.state === 'scheduled') text = t('poll.opensIn', { time: span(Date.parse(poll.opensAt) - now) });
  else if (poll.state === 'open') text = t('poll.closesIn', { time: span(Date.parse(poll.closesAt) - now) });
  else text = t('poll.closedAt', { date: formatDate(poll.closedAt ?? poll.closesAt) });
  return (
    <span className="poll-countdown" data-testid="poll-countdown">
      {text}
    </span>
  );
}
