import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Organisation } from '@linli/shared';
import type { CommunityData } from '../home/useCommunityData';
import { OrganisationForm } from './OrganisationForm';
import { OrganisationItem } from './OrganisationItem';

interface Props {
  communityId: string;
  data: CommunityData;
}

export function OrganisationManager({ communityId, data }: Props) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Organisation | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const formRef = useRef<HTMLDivElement>(null);

  function saved(org: Organisation) {
    data.saveOrganisation(org);
    setNotice(t('mod.orgSaved', { name: org.name }));
    setEditing(null);
    setFormKey((key) => key + 1);
  }

  return (
    <section className="panel" id="mod-orgs" aria-labelledby="mod-orgs-title">
      <h2 id="mod-orgs-title">{t('mod.orgs')}</h2>
      <div className="manager-grid">
        <div ref={formRef}>
          <OrganisationForm
            key={editing ? `edit-${editing.id}` : `new-${formKey}`}
            communityId={communityId}
            editing={editing}
            onSaved={saved}
            onCancel={() => setEditing(null)}
          />
          {notice && (
            <p className="success" role="status">
              {notice}
            </p>
          )}
        </div>
        <ul className="list compact" data-testid="org-list">
          {data.organisations?.length === 0 && <li className="empty muted">{t('mod.noOrgs')}</li>}
          {(data.organisations ?? []).map((org) => (
            <OrganisationItem
              key={org.id}
              organisation={org}
              members={data.members}
              onEdit={() => {
                setNotice(null);
                setEditing(org);
                formRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
              }}
              onSaved={data.saveOrganisation}
              onRemoved={data.removeOrganisation}
            />
          ))}
        </ul>
      </div>
    </section>
  );
}
