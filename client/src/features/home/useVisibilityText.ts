import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelVisibility, Organisation } from '@linli/shared';

/** Describes who can see a channel, naming roles and organisations. */
export function useVisibilityText(organisations: Organisation[] | null): (visibility: ChannelVisibility) => string {
  const { t } = useTranslation();
  return useCallback(
    (visibility: ChannelVisibility) => {
      switch (visibility.type) {
        case 'all':
          return t('visibility.all');
        case 'roles':
          return t('visibility.roles', {
            roles: visibility.roles.map((role) => t(`roles.${role}`)).join(t('visibility.separator')),
          });
        case 'organisation': {
          const org = organisations?.find((organisation) => organisation.id === visibility.organisationId);
          return t('visibility.organisation', { name: org?.name ?? t('visibility.unknownOrganisation') });
        }
      }
    },
    [organisations, t],
  );
}
