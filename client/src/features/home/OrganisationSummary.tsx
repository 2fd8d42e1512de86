import { useTranslation } from 'react-i18next';
import type { Organisation } from '@linli/shared';

/** Who is responsible in this community ("one core, many actors"). */
export function OrganisationSummary({ organisations }: { organisations: Organisation[] | null }) {
  const { t } = useTranslation();
  if (organisations === null) return null;
  return (
    <section className="panel" aria-labelledby="orgs-title">
      <h2 id="orgs-title">{t('home.organisations')}</h2>
      <p className="muted small">{t('home.organisationsHint')}</p>
      {organisations.length === 0 && <p className="muted">{t('home.noOrganisations')}</p>}
      <ul className="list compact">
        {organisations.map((org) => (
          <li key={org.id} className="org-summary">
            <div className="member-head">
              <strong>{org.name}</strong>
              <span className={`badge org-${org.kind}`}>{t(`orgKinds.${org.kind}`)}</span>
            </div>
            {org.description && <p className="small pre">{org.description}</p>}
            {org.staff.length > 0 && (
              <p className="muted small">
                {t('home.staffList', {
                  names: org.staff
                    .map((staffMember) =>
                      staffMember.title ? t('home.staffWithTitle', { name: staffMember.displayName, title: staffMember.title }) : staffMember.displayName,
                    )
                    .join(t('visibility.separator')),
                })}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
