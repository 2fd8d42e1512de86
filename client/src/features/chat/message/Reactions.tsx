import { useTranslation } from 'react-i18next';
import type { Message } from '@linli/shared';

interface Props {
  reactions: Message['reactions'];
  me: string;
  pending: boolean;
  /** Counts only: the user may not react here (see MessageContext.canReact). */
  readOnly?: boolean;
  onReact: (emoji: string) => void;
}

/** The emoji chips under a message; pressing one toggles my reaction. */
export function Reactions({ reactions, me, pending, readOnly = false, onReact }: Props) {
  const { t } = useTranslation();
  return (
    <div className="reactions">
      {reactions.map((reaction) => {
        const mine = reaction.userIds.includes(me);
        return (
          <button
            key={reaction.emoji}
            type="button"
            className={`reaction${mine ? ' mine' : ''}`}
            data-testid="reaction-button"
            data-emoji={reaction.emoji}
            aria-pressed={mine}
            aria-label={t('chat.reactionLabel', { emoji: reaction.emoji, count: reaction.count })}
            disabled={pending || readOnly}
            onClick={() => onReact(reaction.emoji)}
          >
            <span aria-hidden="true">{reaction.emoji}</span> {reaction.count}
          </button>
        );
      })}
    </div>
  );
}
