import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ack, ImportReport, Survey } from '@linli/shared';
import { useAction } from '../../lib/useAction';
import { ErrorLine } from '../../ui/ErrorLine';

/** POST /api/surveys/:id/import: the CSV as the body; dryRun only checks. */
async function importCsv(surveyId: string, csv: string, dryRun: boolean): Promise<Ack<ImportReport>> {
  try {
    const res = await fetch(`/api/surveys/${surveyId}/import${dryRun ? '?dryRun=1' : ''}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': 'text/csv' },
      body: csv,
    });
    const json = (await res.json().catch(() => null)) as Ack<ImportReport> | null;
    if (json && typeof json === 'object' && 'ok' in json) return json;
    return { ok: false, error: { code: 'INTERNAL', message: `HTTP ${res.status}` } };
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: 'network' } };
  }
}

/** Staff: paper questionnaires from a CSV; the validation report lists every bad row, and nothing is stored unless every row is good. */
export function ImportPanel({ survey }: { communityId: string; survey: Survey }) {
  const { t } = useTranslation();
  const [csv, setCsv] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const action = useAction();

  const run = async (dryRun: boolean) => {
    if (csv === null) return;
    const result = await action.run(() => importCsv(survey.id, csv, dryRun));
    if (result) setReport(result);
  };

  return (
    <section className="panel stack" data-testid="survey-import">
      <h3>{t('survey.staff.import')}</h3>
      <p className="small muted">{t('survey.staff.importHint')}</p>
      <label className="field">
        <span>{t('survey.staff.chooseFile')}</span>
        <input
          type="file"
          accept=".csv,text/csv"
          data-testid="survey-import-file"
          onChange={(e) => {
            setReport(null);
            const file = e.target.files?.[0];
            if (file) void file.text().then(setCsv);
          }}
        />
      </label>
      <div className="row wrap">
        <button type="button" className="secondary" data-testid="survey-import-check" disabled={csv === null || action.pending} onClick={() => void run(true)}>
          {t('survey.staff.check')}
        </button>
        <button type="button" className="primary" data-testid="survey-import-store" disabled={csv === null || action.pending} onClick={() => void run(false)}>
          {t('survey.staff.store')}
        </button>
      </div>
      <ErrorLine error={action.error} />
      {report && (
        <div data-testid="survey-import-report" data-stored={report.stored} data-bad={report.invalid.length}>
          <p>{t('survey.staff.report', { rows: report.rows, bad: report.invalid.length })}</p>
          {report.stored > 0 && <p className="survey-done">{t('survey.staff.stored', { count: report.stored })}</p>}
          {report.invalid.length > 0 && (
            <>
              <p className="error">{t('survey.staff.nothingStored')}</p>
              <ul className="survey-import-rows">
                {report.invalid.map((row) => (
                  <li key={`${row.row}-${row.respondent}`}>{t('survey.staff.row', { row: row.row, respondent: row.respondent || '—', reason: row.reason })}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}
