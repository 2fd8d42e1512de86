import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../lib/errors';
import { useChatStore, type OutboxEntry } from '../store';
import { useClock } from '../util';
import { MessageBody } from './MessageBody';
import type { MessageContext } from './MessageContext';
import { MessageShell } from './MessageShell';

/** A message of mine not stored yet: pending, or failed with Retry and Discard. */
export function OutboxItem({ entry, ctx }: { entry: OutboxEntry; ctx: MessageContext }) {
  const { t } = useTranslation();
  const chat = useChatStore();
  const clock = useClock();
  const errorText = useErrorText();
  const failed = entry.status === 'failed';
  return (
    <MessageShell own state={entry.status} id="" clientId={entry.clientId}>
      <div className="message-meta">
        <span className="message-author" data-testid="message-author">
          {t('chat.you')}
        </span>
        <time className="muted small" dateTime={entry.createdAt}>
          {clock(entry.createdAt)}
        </time>
      </div>
      <div className="bubble-row">
        {!failed && (
          <span className="send-state" role="img" aria-label={t('chat.pending')} title={t('chat.pending')} data-testid="pending-icon">
            <svg viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true">
              <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
              <path d="M8 4.5V8l2.5 1.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
            </svg>
          </span>
        )}
        <div className="bubble">
          {entry.voice ? (
            <p className="message-body" data-testid="message-body">
              🎤 {t('voice.seconds', { seconds: Math.max(1, Math.round(entry.voice.durationMs / 1000)) })}
              {entry.body && ' '}
              <MessageBody text={entry.body} names={ctx.memberNames} />
            </p>
          ) : (
            <p className="message-body" data-testid="message-body">
              <MessageBody text={entry.body} names={ctx.memberNames} />
            </p>
          )}
        </div>
      </div>
      {failed && (
        <div className="send-failed" role="alert">
          <span className="failed-label">
            <span aria-hidden="true">⚠ </span>
            {t('chat.failed')}
            {entry.error && <span className="small"> · {errorText(entry.error)}</span>}
          </span>
          <span className="row tight">
            <button type="button" className="secondary" data-testid="retry-button" onClick={() => chat.retryMessage(entry.clientId)}>
              {t('chat.retry')}
            </button>
            <button type="button" className="ghost" data-testid="discard-button" onClick={() => chat.discardMessage(entry.clientId)}>
              {t('chat.discard')}
            </button>
          </span>
        </div>
      )}
    </MessageShell>
  );
}
