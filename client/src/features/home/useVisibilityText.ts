import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelVisibility, Organisation } from '@linli/shared';

/** Describes who can see a channel, naming roles and organisations. */
export function useVisibilityText(organisations: Organisation[] | null): (v: ChannelVisibility) => string {
  const { t } = useTranslation();
  return useCallback(
    (v: ChannelVisibility) => {
      switch (v.type) {
        case 'all':
          return t('visibility.all');
        case 'roles':
          return t('visibility.roles', {
            roles: v.roles.map((r) => t(`roles.${r}`)).join(t('visibility.separator')),
          });
        case 'organisation': {
          const org = organisations?.find((o) => o.id === v.organisationId);
          return t('visibility.organisation', { name: org?.name ?? t('visibility.unknownOrganisation') });
        }
      }
    },
    [organisations, t],
  );
}
