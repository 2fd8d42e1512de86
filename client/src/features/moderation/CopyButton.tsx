import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Copies a text to the clipboard and says so; nothing where the browser offers no clipboard (plain http). */
export function CopyButton({ text, testId }: { text: string; testId?: string }) {
  const { t } = useTranslation();
  // What was copied last: another text (a new key) is not copied yet.
  const [copiedText, setCopiedText] = useState<string | null>(null);
  const copied = copiedText === text;

  if (typeof navigator.clipboard === 'undefined') return null;

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopiedText(text);
    } catch {
      setCopiedText(null);
    }
  }

  return (
    <button type="button" className="secondary" data-testid={testId} data-copied={copied} onClick={() => void copy()}>
      <span aria-live="polite">{copied ? t('common.copied') : t('common.copy')}</span>
    </button>
  );
}
