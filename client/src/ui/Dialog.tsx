import { useEffect, useEffectEvent, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';

interface Props {
  title: string;
  testId?: string;
  onClose: () => void;
  children: ReactNode;
}

/** A modal sheet over the page (full screen on phones): Escape or the close button closes it. */
export function Dialog({ title, testId, onClose, children }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);

  const close = useEffectEvent(onClose);

  // Once, on opening: a parent re-rendering (a new chat message) must not move the focus.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close();
    };
    document.addEventListener('keydown', onKey);
    document.documentElement.classList.add('dialog-open');
    ref.current?.focus();
    return () => {
      document.removeEventListener('keydown', onKey);
      document.documentElement.classList.remove('dialog-open');
    };
  }, []);

  return createPortal(
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid={testId} ref={ref} tabIndex={-1}>
        <div className="row between dialog-head">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="ghost" data-testid="dialog-close" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
        {children}
      </div>
    </div>,
    document.body,
  );
}
