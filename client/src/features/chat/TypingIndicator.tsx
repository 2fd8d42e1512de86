import { useTranslation } from 'react-i18next';
import { useChat } from './store';
import { useNameWithRole } from '../home/StaffDirectory';

/** "陈阿姨正在输入…" under the timeline; entries expire on their own. */
export function TypingIndicator({ channelId }: { channelId: string }) {
  const { t } = useTranslation();
  const typing = useChat((state) => state.typing[channelId]);
  const withRole = useNameWithRole();
  const names = (typing ?? []).map((entry) => withRole(entry.userId, entry.displayName));
  const text =
    names.length === 0
      ? ''
      : names.length > 3
        ? t('chat.typingMany', { count: names.length })
        : t('chat.typing', { names: names.join(t('visibility.separator')), count: names.length });
  return (
    <p className="typing muted small" data-testid="typing-indicator" aria-live="polite" data-active={names.length > 0}>
      {text}
    </p>
  );
}
