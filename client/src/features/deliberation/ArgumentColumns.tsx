import { useTranslation } from 'react-i18next';
import { ENDORSEMENT_EMOJI, type ArgumentEntry, type ArgumentSides, type ArgumentStance } from '@linli/shared';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { ErrorLine } from '../../ui/ErrorLine';
import { MessageItem } from '../chat/message/MessageItem';
import type { MessageContext } from '../chat/message/MessageContext';
import { useChatStore, type OutboxEntry } from '../chat/store';

interface Props {
  sides: ArgumentSides;
  /** My arguments not stored yet, shown at the end of their side. */
  pending: OutboxEntry[];
  ctx: MessageContext;
  /** Whether endorsing is offered (an open topic). */
  canEndorse: boolean;
}

/** The endorsement toggle of one argument (a 👍 reaction: live for everyone like any reaction). */
function EndorseButton({ entry, me, enabled }: { entry: ArgumentEntry; me: string; enabled: boolean }) {
  const { t } = useTranslation();
  const chat = useChatStore();
  const action = useAction();
  const mine = entry.message.reactions.some((reaction) => reaction.emoji === ENDORSEMENT_EMOJI && reaction.userIds.includes(me));
  const own = entry.message.authorId === me;
  async function toggle() {
    const updated = await action.run(() => request('message:react', { messageId: entry.message.id, emoji: ENDORSEMENT_EMOJI }));
    if (updated) chat.applyMessages([updated]);
  }
  return (
    <div className="delib-endorse row tight">
      <span className="small muted" data-testid="delib-endorsements" data-count={entry.endorsements}>
        {t('deliberation.endorsements', { count: entry.endorsements })}
      </span>
      {enabled && !own && (
        <button type="button" className={`small ${mine ? 'secondary' : 'ghost'}`} data-testid="delib-endorse" aria-pressed={mine} disabled={action.pending} onClick={() => void toggle()}>
          {ENDORSEMENT_EMOJI} {t('deliberation.endorse')}
        </button>
      )}
      <ErrorLine error={action.error} small />
    </div>
  );
}

function Side({ stance, entries, pending, ctx, canEndorse }: { stance: ArgumentStance; entries: ArgumentEntry[]; pending: OutboxEntry[]; ctx: MessageContext; canEndorse: boolean }) {
  const { t } = useTranslation();
  return (
    <section className={`delib-side delib-side-${stance}`} data-testid={`delib-side-${stance}`} data-count={entries.length} aria-labelledby={`delib-side-${stance}-title`}>
      <h3 id={`delib-side-${stance}-title`}>
        {t(`deliberation.arguments.${stance}`)} <span className="badge">{entries.length}</span>
      </h3>
      {entries.length === 0 && pending.length === 0 && <p className="muted small">{t('deliberation.noArguments')}</p>}
      <ol className="message-list delib-arguments">
        {entries.map((entry) => (
          <li key={entry.message.id} className="delib-argument" data-testid="delib-argument" data-message-id={entry.message.id} data-stance={stance}>
            <ol className="message-list">
              <MessageItem item={{ kind: 'message', message: entry.message }} ctx={ctx} />
            </ol>
            <EndorseButton entry={entry} me={ctx.me} enabled={canEndorse} />
          </li>
        ))}
        {pending.map((entry) => (
          <li key={entry.clientId} className="delib-argument pending" data-testid="delib-argument-pending" data-stance={stance}>
            <ol className="message-list">
              <MessageItem item={{ kind: 'outbox', entry }} ctx={ctx} />
            </ol>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The two sides side by side (for | against), neutral views below; each strongest first. */
export function ArgumentColumns({ sides, pending, ctx, canEndorse }: Props) {
  const of = (stance: ArgumentStance) => pending.filter((entry) => (entry.stance ?? 'neutral') === stance);
  return (
    <div className="delib-columns">
      <div className="delib-pair">
        <Side stance="for" entries={sides.for} pending={of('for')} ctx={ctx} canEndorse={canEndorse} />
        <Side stance="against" entries={sides.against} pending={of('against')} ctx={ctx} canEndorse={canEndorse} />
      </div>
      <Side stance="neutral" entries={sides.neutral} pending={of('neutral')} ctx={ctx} canEndorse={canEndorse} />
    </div>
  );
}
