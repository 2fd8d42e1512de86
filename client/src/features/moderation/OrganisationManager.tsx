import { useTranslation } from 'react-i18next';
import type { Organisation } from '@linli/shared';
import type { CommunityData } from '../home/useCommunityData';
import { OrganisationForm } from './OrganisationForm';
import { ManagerPanel } from './ManagerPanel';
import { OrganisationItem } from './OrganisationItem';
import { useEditor } from './useEditor';

interface Props {
  communityId: string;
  data: CommunityData;
}

export function OrganisationManager({ communityId, data }: Props) {
  const { t } = useTranslation();
  const { editing, notice, formRef, formKey, edit, finish, cancel } = useEditor<Organisation>();

  function saved(org: Organisation) {
    data.saveOrganisation(org);
    finish(t('mod.orgSaved', { name: org.name }));
  }

  return (
    <ManagerPanel
      id="mod-orgs"
      title={t('mod.orgs')}
      formRef={formRef}
      form={<OrganisationForm key={formKey} communityId={communityId} editing={editing} onSaved={saved} onCancel={cancel} />}
      notice={notice}
      listTestId="org-list"
    >
      {data.organisations?.length === 0 && <li className="empty muted">{t('mod.noOrgs')}</li>}
      {(data.organisations ?? []).map((org) => (
        <OrganisationItem
          key={org.id}
          organisation={org}
          members={data.members}
          onEdit={() => edit(org)}
          onSaved={data.saveOrganisation}
          onRemoved={data.removeOrganisation}
        />
      ))}
    </ManagerPanel>
  );
}
