import { useTranslation } from 'react-i18next';

interface Props {
  district: string;
  street: string;
  memberCount: number;
}

/** "District, street · N members": where a community is and how large. */
export function CommunityFacts({ district, street, memberCount }: Props) {
  const { t } = useTranslation();
  return (
    <>
      {t('picker.place', { district, street })}
      {' · '}
      {t('picker.memberCount', { count: memberCount })}
    </>
  );
}
