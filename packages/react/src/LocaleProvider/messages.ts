import en from '../../intl/en.json';
import zhCN from '../../intl/zh-CN.json';

/** The locales yishi ships strings for. zh-CN is the default: the statutes and most readers are Chinese. */
export type YishiLocale = 'zh-CN' | 'en';

/** The id of every UI string in `intl/<locale>.json`. */
export type MessageKey =
  | 'gauge.title'
  | 'line.name'
  | 'threshold'
  | 'met'
  | 'meter.valuetext'
  | 'meter.figures'
  | 'meter.legalLine'
  | 'figure'
  | 'gap'
  | 'gap.met'
  | 'gap.unreachable'
  | 'explanation.title'
  | 'explanation.outcome'
  | 'outcome'
  | 'explanation.matter'
  | 'matter'
  | 'explanation.policy'
  | 'explanation.policyValue'
  | 'explanation.reforms'
  | 'explanation.reformsNone'
  | 'explanation.rule'
  | 'basis'
  | 'explanation.lines'
  | 'column.line'
  | 'column.part'
  | 'column.whole'
  | 'column.percent'
  | 'column.threshold'
  | 'column.status'
  | 'column.gap'
  | 'column.reference'
  | 'gap.none'
  | 'explanation.failures'
  | 'explanation.notes'
  | 'explanation.parameters'
  | 'column.parameter'
  | 'column.value'
  | 'column.since'
  | 'column.basis'
  | 'value.none'
  | 'value.entry'
  | 'value.separator';

/** Every UI string, keyed by id. */
export type Messages = Readonly<Record<MessageKey, string>>;

// Both files must have exactly these keys: `satisfies` catches a missing key, this an extra one.
type Extra = Exclude<keyof typeof zhCN | keyof typeof en, MessageKey>;
const noExtraKeys: [Extra] extends [never] ? true : Extra = true;
void noExtraKeys;

/** The strings shipped in `intl/<locale>.json`. */
export const defaultMessages: Readonly<Record<YishiLocale, Messages>> = {
  'zh-CN': zhCN satisfies Messages,
  en: en satisfies Messages,
};
