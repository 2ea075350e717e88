import { isYishiError, type Matter, resolvePolicy, tallyOwnersAssembly } from '@yishi/core';
import { cnNational, reforms, shanghai } from '@yishi/policies';
import { LocaleProvider, QuorumGauge, TallyExplanation, useIntl, type YishiLocale } from '@yishi/react';
import { useEffect, useMemo, useState } from 'react';
import { BallotEditor } from './BallotEditor.js';
import { type ChoiceOrNone, initialChoices, owners, registry, toBallots } from './estate.js';
import { useText } from './intl.js';
import { PolicyControls, type PolicyId } from './PolicyControls.js';

const PACKS = { shanghai, cnNational } as const;
export const DEFAULT_DATE = '2025-07-01';

export function App() {
  const [locale, setLocale] = useState<YishiLocale>('zh-CN');
  return (
    <LocaleProvider locale={locale}>
      <Page onToggleLocale={() => setLocale((l) => (l === 'zh-CN' ? 'en' : 'zh-CN'))} />
    </LocaleProvider>
  );
}

function Page({ onToggleLocale }: { onToggleLocale: () => void }) {
  const t = useText();
  const [choices, setChoices] = useState<Record<string, ChoiceOrNone>>(initialChoices);
  const [matter, setMatter] = useState<Matter>('hireManager');
  const [policyId, setPolicyId] = useState<PolicyId>('shanghai');
  const [date, setDate] = useState(DEFAULT_DATE);
  const [reformIds, setReformIds] = useState<string[]>([]);
  const { locale } = useIntl();
  const otherLang = locale === 'zh-CN' ? 'en' : 'zh-CN';
  const documentTitle = t('documentTitle');

  // The page language and title follow the chosen locale (WCAG 3.1.1).
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = documentTitle;
  }, [locale, documentTitle]);

  const tally = useMemo(() => {
    try {
      const policy = resolvePolicy(PACKS[policyId], date, {
        reforms: reformIds.flatMap((id) => (reforms[id] ? [reforms[id]] : [])),
      });
      return { result: tallyOwnersAssembly({ registry, ballots: toBallots(choices), matter, policy }) };
    } catch (err) {
      if (isYishiError(err)) return { error: { code: err.code, message: err.message } };
      throw err;
    }
  }, [choices, matter, policyId, date, reformIds]);

  const counts = useMemo(() => {
    const c = { voted: 0, agree: 0, oppose: 0, abstain: 0, invalid: 0 };
    for (const row of owners) {
      const v = choices[row.owner] ?? 'none';
      if (v !== 'none') {
        c.voted++;
        c[v]++;
      }
    }
    return c;
  }, [choices]);

  const setAll = (choice: ChoiceOrNone) =>
    setChoices(Object.fromEntries(owners.map((o) => [o.owner, choice])));

  return (
    <>
      <header className="top">
        <h1>{t('title')}</h1>
        <button
          type="button"
          className="lang"
          lang={otherLang}
          aria-label={t('switchLanguageLabel')}
          onClick={onToggleLocale}
        >
          {t('switchLanguage')}
        </button>
      </header>
      <main>
        <p className="lead">{t('lead', { units: registry.units.length, owners: owners.length })}</p>
        <div className="layout">
          <div className="inputs">
            <section aria-labelledby="settings-h" className="card">
              <h2 id="settings-h">{t('settings')}</h2>
              <PolicyControls
                matter={matter}
                policyId={policyId}
                date={date}
                reformIds={reformIds}
                packs={PACKS}
                reforms={reforms}
                onMatter={setMatter}
                onPolicy={setPolicyId}
                onDate={setDate}
                onReform={(id, on) =>
                  setReformIds((ids) => (on ? [...ids, id] : ids.filter((x) => x !== id)))
                }
              />
            </section>
            <section aria-labelledby="ballots-h" className="card">
              <h2 id="ballots-h">{t('ballots')}</h2>
              <p className="counts">{t('counts', { ...counts, total: owners.length })}</p>
              <div className="actions">
                <button type="button" onClick={() => setAll('agree')}>
                  {t('allAgree')}
                </button>
                <button type="button" onClick={() => setChoices(initialChoices())}>
                  {t('reset')}
                </button>
                <button type="button" onClick={() => setAll('none')}>
                  {t('clear')}
                </button>
              </div>
              <BallotEditor
                choices={choices}
                onChange={(owner, c) => setChoices((prev) => ({ ...prev, [owner]: c }))}
              />
            </section>
          </div>
          <section aria-labelledby="results-h" className="card results">
            <h2 id="results-h">{t('results')}</h2>
            {'result' in tally && tally.result ? (
              <>
                <QuorumGauge result={tally.result} live />
                <QuorumGauge result={tally.result} kind="approval" live />
                <TallyExplanation result={tally.result} headingLevel={3} />
              </>
            ) : (
              <p role="alert" className="error">
                {t('error', { code: tally.error?.code ?? '', message: tally.error?.message ?? '' })}
              </p>
            )}
          </section>
        </div>
      </main>
      <footer>
        <p>{t('footer')}</p>
      </footer>
    </>
  );
}
