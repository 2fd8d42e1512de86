import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserSelf } from '@linli/shared';
import { useNavigateTo } from '../../lib/route';
import { ConnectionBadge } from './ConnectionBadge';
import { ElderToggle, LanguageSwitch, LogoutButton } from './Preferences';

interface Props {
  /** Absent on the login screen. */
  user?: UserSelf;
  communityName?: string;
  onLogout?: () => Promise<void>;
  /** The notifications bell (signed in only). */
  bell?: ReactNode;
}

export function Header({ user, communityName, onLogout, bell }: Props) {
  const navigate = useNavigateTo();
  const { t } = useTranslation();

  return (
    <header className={`app-header${communityName ? ' in-community' : ''}`}>
      <div className="header-row">
        <div className="header-title">
          <span className="brand">{t('app.name')}</span>
          {communityName && <span className="community-name">{communityName}</span>}
        </div>
        <div className="header-status">
          {user && bell}
          {user && <ConnectionBadge />}
        </div>
      </div>
      <nav className="header-actions" aria-label={t('app.name')}>
        {user && communityName && (
          <button
            type="button"
            className="ghost header-wide-only"
            data-testid="back-to-communities"
            aria-label={t('header.backAria')}
            onClick={() => navigate({ name: 'picker' })}
          >
            <span aria-hidden="true">‹ </span>
            {t('header.back')}
          </button>
        )}
        <LanguageSwitch />
        <ElderToggle />
        {user && onLogout && <LogoutButton onLogout={onLogout} className="ghost header-wide-only" title={t('header.signedInAs', { name: user.displayName })} />}
      </nav>
    </header>
  );
}
