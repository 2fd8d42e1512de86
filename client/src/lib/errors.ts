/** Turns wire errors into translated, user-facing sentences. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { errorCodes, type WireError } from '@linli/shared';
import { zhCN } from '../i18n/zh-CN';

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

type Field = keyof typeof zhCN.fields;

const isField = (name: string): name is Field => Object.hasOwn(zhCN.fields, name);

/** The field's name in the current language; a field without a label shows as sent. */
function fieldLabel(path: string, t: TFunction): string {
  // Paths look like "visibility.roles.0"; the first segment names the field.
  const head = path.split('.')[0] ?? path;
  return isField(head) ? t(`fields.${head}`) : head;
}
