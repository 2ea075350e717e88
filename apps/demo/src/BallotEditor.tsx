import { useIntl } from '@yishi/react';
import { type ChoiceOrNone, owners } from './estate.js';
import { useText } from './intl.js';

const CHOICES: readonly ChoiceOrNone[] = ['none', 'agree', 'oppose', 'abstain', 'invalid'];

export interface BallotEditorProps {
  choices: Readonly<Record<string, ChoiceOrNone>>;
  onChange: (owner: string, choice: ChoiceOrNone) => void;
}

/**
 * One native <select> per owner: Tab moves between owners, the arrow keys change a ballot, and
 * each select is named by its owner row header and the column header.
 */
export function BallotEditor({ choices, onChange }: BallotEditorProps) {
  const t = useText();
  const { locale } = useIntl();
  // Owner names are Chinese data; mark them so an English screen reader reads them right.
  const nameLang = locale === 'zh-CN' ? undefined : 'zh-CN';
  return (
    <table className="ballots">
      <caption>{t('ballotsCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('column.building')}</th>
          <th scope="col">{t('column.units')}</th>
          <th scope="col">{t('column.owner')}</th>
          <th scope="col" className="num">
            {t('column.area')}
          </th>
          <th scope="col">{t('column.choice')}</th>
        </tr>
      </thead>
      <tbody>
        {owners.map((row, i) => {
          const choice = choices[row.owner] ?? 'none';
          const id = `owner-${i}`;
          return (
            <tr key={row.owner} data-choice={choice} data-developer={row.developer || undefined}>
              <td>{t('building', { building: row.building })}</td>
              <td>{row.units.join('、')}</td>
              <th scope="row" id={id}>
                <span lang={nameLang}>{row.owner}</span>
                {row.developer ? (
                  <span className="note">{t('developer', { count: row.units.length })}</span>
                ) : null}
              </th>
              <td className="num">{row.area}</td>
              <td>
                <select
                  value={choice}
                  aria-label={t('choiceLabel', { owner: row.owner })}
                  data-owner={row.owner}
                  onChange={(e) => onChange(row.owner, e.currentTarget.value as ChoiceOrNone)}
                >
                  {CHOICES.map((c) => (
                    <option key={c} value={c}>
                      {t(`choice.${c}`)}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
