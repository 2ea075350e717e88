import { type Matter, type PolicyPack, type Reform, resolvePolicy } from '@yishi/core';
import { useIntl } from '@yishi/react';
import { useId } from 'react';
import { useText } from './intl.js';

export const MATTERS: readonly Matter[] = [
  'rulesOfProcedure',
  'managementCovenant',
  'electCommittee',
  'hireManager',
  'useMaintenanceFund',
  'raiseMaintenanceFund',
  'rebuild',
  'changeCommonUse',
  'otherMajor',
];

export type PolicyId = 'shanghai' | 'cnNational';

export interface PolicyControlsProps {
  matter: Matter;
  policyId: PolicyId;
  date: string;
  reformIds: readonly string[];
  packs: Readonly<Record<PolicyId, PolicyPack>>;
  reforms: Readonly<Record<string, Reform>>;
  onMatter: (m: Matter) => void;
  onPolicy: (p: PolicyId) => void;
  onDate: (d: string) => void;
  onReform: (id: string, on: boolean) => void;
}

/** Reforms that change an owners' assembly parameter under this pack on this date (and any already chosen). */
function relevantReforms(
  pack: PolicyPack,
  date: string,
  reforms: Readonly<Record<string, Reform>>,
  chosen: readonly string[],
) {
  let base: ReturnType<typeof resolvePolicy>;
  try {
    base = resolvePolicy(pack, date);
  } catch {
    return Object.values(reforms).filter((r) => chosen.includes(r.id));
  }
  const ownersParams = (p: ReturnType<typeof resolvePolicy>) =>
    JSON.stringify(
      Object.entries(p.parameters)
        .filter(([name]) => name.startsWith('ownersAssembly.'))
        .map(([name, v]) => [name, v.value]),
    );
  const before = ownersParams(base);
  return Object.values(reforms).filter((r) => {
    if (chosen.includes(r.id)) return true;
    try {
      return ownersParams(resolvePolicy(pack, date, { reforms: [r] })) !== before;
    } catch {
      return false;
    }
  });
}

export function PolicyControls(props: PolicyControlsProps) {
  const t = useText();
  const { t: yt, locale } = useIntl();
  const ids = { matter: useId(), date: useId(), dateHint: useId(), reformsHint: useId() };
  const pack = props.packs[props.policyId];
  const shown = relevantReforms(pack, props.date, props.reforms, props.reformIds);

  return (
    <div className="controls">
      <div className="field">
        <label htmlFor={ids.matter}>{t('matter')}</label>
        <select
          id={ids.matter}
          value={props.matter}
          onChange={(e) => props.onMatter(e.currentTarget.value as Matter)}
        >
          {MATTERS.map((m) => (
            <option key={m} value={m}>
              {yt('matter', { matter: m })}
            </option>
          ))}
        </select>
      </div>

      <fieldset className="field">
        <legend>{t('policy')}</legend>
        {(['shanghai', 'cnNational'] as const).map((id) => (
          <label key={id} className="choice">
            <input
              type="radio"
              name="policy"
              value={id}
              checked={props.policyId === id}
              onChange={() => props.onPolicy(id)}
            />
            {t(`policy.${id}`)}
          </label>
        ))}
      </fieldset>

      <div className="field">
        <label htmlFor={ids.date}>{t('date')}</label>
        <input
          id={ids.date}
          type="date"
          value={props.date}
          min="1990-01-01"
          max="2099-12-31"
          required
          aria-describedby={ids.dateHint}
          onChange={(e) => e.currentTarget.value && props.onDate(e.currentTarget.value)}
        />
        <p id={ids.dateHint} className="hint">
          {t('dateHint')}
        </p>
      </div>

      <fieldset className="field" aria-describedby={ids.reformsHint}>
        <legend>{t('reforms')}</legend>
        <p id={ids.reformsHint} className="hint">
          {t('reformsHint')}
        </p>
        {shown.length === 0 ? <p className="hint">{t('reformsNone')}</p> : null}
        {shown.map((r) => (
          <label key={r.id} className="choice reform">
            <input
              type="checkbox"
              value={r.id}
              checked={props.reformIds.includes(r.id)}
              onChange={(e) => props.onReform(r.id, e.currentTarget.checked)}
            />
            <span>
              {r.title[locale]}
              <span className="hint"> {r.description[locale]}</span>
            </span>
          </label>
        ))}
      </fieldset>
    </div>
  );
}
