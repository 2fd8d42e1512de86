import { useTranslation } from 'react-i18next';
import { indexComponentKeys, type IndexFigures } from '@linli/shared';
import { componentOf, scoreText } from './format';

interface Props {
  figures: IndexFigures;
  /** The live recompute, shown beside a published month. */
  live?: IndexFigures | null;
  testId: string;
}

/** Every component with its formula, numerator / denominator, score and weight; the weakest marked. */
export function ComponentTable({ figures, live, testId }: Props) {
  const { t } = useTranslation();
  const none = t('communityIndex.noData');
  return (
    <div className="index-table-scroll" tabIndex={0}>
      <table className="index-table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{t('communityIndex.formula')}</th>
            <th scope="col" className="num">
              {t('communityIndex.counts')}
            </th>
            <th scope="col" className="num">
              {t('communityIndex.value')}
            </th>
            {live && (
              <th scope="col" className="num">
                {t('communityIndex.live')}
              </th>
            )}
            <th scope="col" className="num">
              {t('communityIndex.weight')}
            </th>
          </tr>
        </thead>
        <tbody>
          {indexComponentKeys.map((key) => {
            const part = componentOf(figures.components, key);
            const livePart = live ? componentOf(live.components, key) : undefined;
            return (
              <tr key={key} className={figures.weakest === key ? 'weakest' : undefined} data-testid={`index-component-${key}`}>
                <th scope="row">
                  {t(`communityIndex.components.${key}`)}
                  {figures.weakest === key && <span className="index-badge live"> {t('communityIndex.weakest')}</span>}
                  <span className="index-formula">{t(`communityIndex.formulas.${key}`, { days: figures.deliberationDays })}</span>
                </th>
                <td className="num">{part && part.denominator > 0 ? `${part.numerator} / ${part.denominator}` : '—'}</td>
                <td className="num" data-testid={`index-value-${key}`}>
                  {scoreText(part?.value, none)}
                </td>
                {live && <td className="num">{scoreText(livePart?.value, none)}</td>}
                <td className="num">{figures.weights[key]}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
