import { useTranslation } from 'react-i18next';

export type MenuChoice = 'reply' | 'edit' | 'delete' | 'report' | 'issue' | 'hide' | 'mute';

interface Props {
  /** Which choices the user has on this message. */
  allowed: Record<MenuChoice, boolean>;
  pending: boolean;
  onPick: (choice: MenuChoice) => void;
  onClose: () => void;
}

/** The menu's entries, in the order shown. */
const choices = [
  { choice: 'reply', label: 'chat.actionReply' },
  { choice: 'edit', label: 'chat.actionEdit' },
  { choice: 'delete', label: 'chat.actionDelete' },
  { choice: 'report', label: 'chat.actionReport' },
  { choice: 'issue', label: 'chat.actionIssue' },
  { choice: 'hide', label: 'chat.actionHide' },
  { choice: 'mute', label: 'chat.actionMute' },
] as const satisfies readonly { choice: MenuChoice; label: string }[];

/** The "⋯" menu of a message: reply in a thread, edit, delete, report, turn into a problem report, and staff actions. */
export function ActionMenu({ allowed, pending, onPick, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <div className="popover action-menu" role="menu" aria-label={t('chat.actions')}>
      {choices
        .filter(({ choice }) => allowed[choice])
        .map(({ choice, label }) => (
          <button
            key={choice}
            type="button"
            role="menuitem"
            className={choice === 'delete' ? 'danger' : undefined}
            data-testid={`action-${choice}`}
            disabled={choice === 'delete' ? pending : undefined}
            onClick={() => onPick(choice)}
          >
            {t(label)}
          </button>
        ))}
      <button type="button" role="menuitem" className="ghost" onClick={onClose}>
        {t('chat.closeMenu')}
      </button>
    </div>
  );
}
