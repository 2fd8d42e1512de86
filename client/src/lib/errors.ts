/** Turns wire errors into translated, user-facing sentences. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodes, type WireError } from '@linli/shared';

/** Returns a function that renders any WireError in the current language. */
export function useErrorText(): (error: WireError) => string {
  const { t } = useTranslation();
  return useCallback(
    (error: WireError) => {
      if (error.code === 'INTERNAL' && error.message === 'timeout') return t('errorExtra.timeout');
      if (error.code === 'INTERNAL' && error.message === 'network') return t('errorExtra.network');
      const code = errorCodes.includes(error.code) ? error.code : 'INTERNAL';
      const parts = [t(`errors.${code}`)];
      if (code === 'VALIDATION_FAILED' && error.issues && error.issues.length > 0) {
        const fields = [...new Set(error.issues.map((issue) => fieldLabel(issue.path, t)))];
        parts.push(t('errorExtra.fields', { fields: fields.join(', ') }));
      }
      if (error.retryAfterSeconds !== undefined && error.retryAfterSeconds > 0) {
        parts.push(t('errorExtra.retryAfter', { seconds: Math.ceil(error.retryAfterSeconds) }));
      }
      return parts.join(t('errorExtra.separator'));
    },
    [t],
  );
}

function fieldLabel(path: string, t: (key: string, options?: { defaultValue: string }) => string): string {
  // Paths look like "visibility.roles.0"; the first segment names the field.
  const head = path.split('.')[0] ?? path;
  return t(`fields.${head}`, { defaultValue: head });
}
