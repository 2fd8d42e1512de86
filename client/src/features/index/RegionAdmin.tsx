import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { indexComponentKeys, type District, type IndexWeights } from '@linli/shared';
import { useErrorText } from '../../lib/errors';
import { socketQueryFn, useSocketQuery } from '../../lib/query';
import { request } from '../../lib/socket';
import { useAction } from '../../lib/useAction';
import { indexKeys } from './indexQueries';

/** Platform admins: districts (weights, deliberation days), streets, which street each community is in, supervisors, and the log. */
export function RegionAdmin() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const client = useQueryClient();
  const overview = useSocketQuery({ queryKey: indexKeys.overview(), queryFn: socketQueryFn('region:overview', {}) });
  const action = useAction();
  const [districtName, setDistrictName] = useState('');
  const [streetName, setStreetName] = useState('');
  const [streetDistrict, setStreetDistrict] = useState('');
  const [phone, setPhone] = useState('');
  const [grantRegion, setGrantRegion] = useState('');
  const refresh = () => client.invalidateQueries({ queryKey: indexKeys.all() });
  const data = overview.data;

  if (overview.error)
    return (
      <p className="error" role="alert">
        {errorText(overview.error)}
      </p>
    );
  if (!data) return null;
  const regionOptions = [...data.districts.map((d) => ({ value: `district:${d.id}`, label: `${t('communityIndex.oversight.district')} · ${d.name}` })), ...data.streets.map((s) => ({ value: `street:${s.id}`, label: `${t('communityIndex.oversight.street')} · ${s.name}` }))];
  const regionName = (id: string) => data.districts.find((d) => d.id === id)?.name ?? data.streets.find((s) => s.id === id)?.name ?? '';

  return (
    <section className="panel stack index-admin" data-testid="region-admin">
      <h3>{t('communityIndex.admin.title')}</h3>
      {action.error && (
        <p className="error" role="alert">
          {action.error}
        </p>
      )}

      <fieldset className="stack">
        <legend>{t('communityIndex.admin.districts')}</legend>
        {data.districts.map((district) => (
          <DistrictForm key={district.id} district={district} onSaved={refresh} />
        ))}
        <form
          className="inline-form"
          onSubmit={async (event) => {
            event.preventDefault();
            if (await action.run(() => request('region:saveDistrict', { name: districtName }))) {
              setDistrictName('');
              await refresh();
            }
          }}
        >
          <label className="field grow">
            <span className="small">{t('communityIndex.admin.name')}</span>
            <input value={districtName} onChange={(event) => setDistrictName(event.target.value)} data-testid="region-district-name" />
          </label>
          <button type="submit" disabled={action.pending} data-testid="region-district-add">
            {t('communityIndex.admin.add')}
          </button>
        </form>
      </fieldset>

      <fieldset className="stack">
        <legend>{t('communityIndex.admin.streets')}</legend>
        <ul className="index-rows">
          {data.streets.map((street) => (
            <li key={street.id}>
              {regionName(street.districtId)} · {street.name}
            </li>
          ))}
        </ul>
        <form
          className="inline-form"
          onSubmit={async (event) => {
            event.preventDefault();
            const districtId = streetDistrict || data.districts[0]?.id;
            if (districtId && (await action.run(() => request('region:saveStreet', { districtId, name: streetName })))) {
              setStreetName('');
              await refresh();
            }
          }}
        >
          <label className="field grow">
            <span className="small">{t('communityIndex.admin.districtOf')}</span>
            <select value={streetDistrict} onChange={(event) => setStreetDistrict(event.target.value)}>
              {data.districts.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field grow">
            <span className="small">{t('communityIndex.admin.name')}</span>
            <input value={streetName} onChange={(event) => setStreetName(event.target.value)} data-testid="region-street-name" />
          </label>
          <button type="submit" disabled={action.pending || data.districts.length === 0} data-testid="region-street-add">
            {t('communityIndex.admin.add')}
          </button>
        </form>
      </fieldset>

      <fieldset className="stack">
        <legend>{t('communityIndex.admin.communities')}</legend>
        <ul className="index-rows">
          {data.communities.map((community) => (
            <li key={community.id} data-testid="region-community">
              <label className="field">
                <span className="small">
                  {community.name}（{community.district} {community.street}）· {community.assigned ? t('communityIndex.admin.assigned') : t('communityIndex.admin.byName')}
                </span>
                <select
                  value={community.assigned ? (community.streetId ?? '') : ''}
                  onChange={async (event) => {
                    if (await action.run(() => request('region:assign', { communityId: community.id, streetId: event.target.value || null }))) await refresh();
                  }}
                >
                  <option value="">
                    {t('communityIndex.admin.byName')}
                    {!community.assigned && community.streetId ? `（${regionName(community.streetId)}）` : ''}
                  </option>
                  {data.streets.map((street) => (
                    <option key={street.id} value={street.id}>
                      {regionName(street.districtId)} · {street.name}
                    </option>
                  ))}
                </select>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>

      <fieldset className="stack">
        <legend>{t('communityIndex.admin.supervisors')}</legend>
        {data.grants.length === 0 && <p className="muted small">{t('communityIndex.admin.noGrants')}</p>}
        <ul className="index-rows index-grants" data-testid="region-grants">
          {data.grants.map((grant) => (
            <li key={`${grant.userId}:${grant.region.id}`}>
              <span>
                {grant.displayName} · {t(`communityIndex.oversight.${grant.region.type}`)} {grant.region.name}
              </span>
              <button
                type="button"
                className="danger"
                disabled={action.pending}
                onClick={async () => {
                  if (await action.run(() => request('region:revoke', { userId: grant.userId, regionType: grant.region.type, regionId: grant.region.id }))) await refresh();
                }}
              >
                {t('communityIndex.admin.revoke')}
              </button>
            </li>
          ))}
        </ul>
        <form
          className="inline-form"
          onSubmit={async (event) => {
            event.preventDefault();
            const [regionType, regionId] = (grantRegion || regionOptions[0]?.value || '').split(':') as ['district' | 'street', string];
            if (regionId && (await action.run(() => request('region:grant', { phone, regionType, regionId })))) {
              setPhone('');
              await refresh();
            }
          }}
        >
          <label className="field grow">
            <span className="small">{t('communityIndex.admin.phone')}</span>
            <input value={phone} inputMode="tel" onChange={(event) => setPhone(event.target.value)} data-testid="region-grant-phone" />
          </label>
          <label className="field grow">
            <span className="small">{t('communityIndex.admin.region')}</span>
            <select value={grantRegion} onChange={(event) => setGrantRegion(event.target.value)}>
              {regionOptions.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={action.pending || regionOptions.length === 0} data-testid="region-grant">
            {t('communityIndex.admin.grant')}
          </button>
        </form>
      </fieldset>

      <details>
        <summary>{t('communityIndex.admin.audit')}</summary>
        <ul className="index-rows small">
          {data.audit.map((entry) => (
            <li key={entry.id}>
              {new Date(entry.at).toLocaleString()} · {entry.actorName} · {t(`audit.actions.${entry.action}`, { defaultValue: entry.action })} · {entry.target}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}

function DistrictForm({ district, onSaved }: { district: District; onSaved: () => Promise<void> }) {
  const { t } = useTranslation();
  const action = useAction();
  const [days, setDays] = useState(String(district.deliberationDays));
  const [weights, setWeights] = useState<IndexWeights>(district.weights);
  return (
    <form
      className="stack"
      data-testid="region-district"
      onSubmit={async (event) => {
        event.preventDefault();
        if (await action.run(() => request('region:saveDistrict', { districtId: district.id, name: district.name, deliberationDays: Number(days), weights }))) await onSaved();
      }}
    >
      <strong>{district.name}</strong>
      <label className="field">
        <span className="small">{t('communityIndex.admin.deliberationDays')}</span>
        <input type="number" min={1} max={60} value={days} onChange={(event) => setDays(event.target.value)} />
      </label>
      <span className="small">{t('communityIndex.admin.weights')}</span>
      <div className="index-weights">
        {indexComponentKeys.map((key) => (
          <label key={key} className="field">
            <span className="small">{t(`communityIndex.components.${key}`)}</span>
            <input type="number" min={0} max={10} value={weights[key]} onChange={(event) => setWeights({ ...weights, [key]: Number(event.target.value) })} />
          </label>
        ))}
      </div>
      {action.error && (
        <p className="error" role="alert">
          {action.error}
        </p>
      )}
      <button type="submit" disabled={action.pending}>
        {t('communityIndex.admin.save')}
      </button>
    </form>
  );
}
