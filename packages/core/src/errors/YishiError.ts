/**
 * Errors are values with stable codes (STYLE §6). The UI maps `code` to a zh-CN/en message;
 * `issues` carry the structured facts (file, row, field, expected) so a portal can point at
 * the exact cell of a spreadsheet a residents' committee typed in.
 */
export type YishiErrorCode =
  | 'INVALID_INPUT'
  | 'INVALID_POLICY'
  | 'UNKNOWN_POLICY'
  | 'UNKNOWN_REFORM'
  | 'UNKNOWN_MATTER'
  | 'UNKNOWN_BODY'
  | 'PARAMETER_NOT_IN_FORCE'
  // rules (issue 8)
  | 'SUBSET_MATTER_NOT_COVERED'
  | 'GROUP_REPRESENTATIVES_INVALID'
  | 'BALLOT_UNKNOWN_OWNER'
  | 'BALLOT_DUPLICATE'
  | 'BALLOT_UNKNOWN_VOTER'
  | 'ATTENDANCE_UNKNOWN_PERSON'
  | 'ATTENDANCE_DUPLICATE'
  | 'EMPTY_ELECTORATE'
  | 'INVALID_AREA'
  | 'INVALID_DATE'
  | 'DATE_OUT_OF_RANGE'
  | 'INVALID_HOLIDAY_DATA'
  | 'NOTICE_EVENT_REFUSED'
  // engine (issue 5)
  | 'INVALID_EVENT'
  | 'FORBIDDEN_ROLE'
  | 'EVENT_NOT_ALLOWED'
  | 'UNKNOWN_PROCESS'
  | 'UNKNOWN_KIND'
  | 'PROCESS_EXISTS'
  | 'RULES_FROZEN'
  | 'LOG_TAMPERED'
  | 'VOTE_AFTER_CLOSE'
  | 'DOUBLE_VOTE'
  | 'NOT_ON_REGISTER'
  | 'PROXY_INVALID'
  | 'BUDGET_NOT_COVERED'
  // bounded inputs (issue 9)
  | 'CLOCK_BACKWARDS'
  | 'CLOCK_OUT_OF_RANGE'
  | 'CLOCK_JUMP'
  // rules from the law (issue 9)
  | 'POLICY_NOT_FROM_PACK'
  | 'STATUTORY_LINE'
  | 'COVENANT_NOT_ALLOWED'
  | 'REFORM_NOT_ALLOWED'
  // processes bound to each other (issue 9)
  | 'LINK_NOT_FOUND'
  | 'LINK_WRONG_KIND'
  | 'LINK_NOT_PASSED'
  | 'LINK_OUT_OF_ORDER'
  | 'LINK_REQUIRED'
  | 'LINK_MISMATCH'
  // paper ballots and proxies (issue 9: roles bound to people)
  | 'OWN_BALLOT_PROTECTED'
  | 'BATCH_OPEN'
  | 'BATCH_CLOSED'
  | 'BATCH_MISMATCH'
  | 'DUAL_ENTRY_REQUIRED'
  // records that add up (issue 9)
  | 'BUDGET_EXCEEDED'
  | 'DATE_OUT_OF_ORDER'
  | 'RESIDENTS_NOT_CONSULTED'
  // the calendar a log was written on (issue 9)
  | 'CALENDAR_MISMATCH'
  // streams and stores (issue 10)
  | 'INVALID_ENTRY'
  | 'ENTRY_TOO_LARGE'
  | 'VERSION_CONFLICT'
  | 'DUPLICATE_REQUEST'
  | 'STORE_CLOSED'
  | 'INVALID_ANCHOR'
  | 'INVALID_RECEIPT';

export interface IssueLocation {
  /** The file the value came from, when known (set by the CLI or an importer). */
  file?: string;
  /** 1-based row in a CSV file, or 0-based index in a JSON array. */
  row?: number;
  index?: number;
  /** Dotted path of the field, e.g. `units.12.area`. */
  path?: string;
  field?: string;
}

export interface YishiIssue extends IssueLocation {
  message: string;
  expected?: string;
  received?: string;
}

const BRAND = Symbol.for('yishi.error');

export class YishiError extends Error {
  override readonly name = 'YishiError';
  readonly code: YishiErrorCode;
  readonly issues: readonly YishiIssue[];

  constructor(code: YishiErrorCode, message: string, issues: readonly YishiIssue[] = []) {
    super(message);
    Object.defineProperty(this, BRAND, { value: true });
    this.code = code;
    this.issues = issues;
  }

  /** The same error, with every issue located in `file` (used by importers and the CLI). */
  inFile(file: string): YishiError {
    const issues = this.issues.map((i) => ({ ...i, file }));
    return new YishiError(this.code, `${file}: ${this.message}`, issues);
  }
}

/**
 * Whether `e` is a YishiError. Checks a global brand rather than `instanceof`, so it also holds
 * across entry points and bundles that each carry their own copy of the class (CommonJS builds).
 */
export function isYishiError(e: unknown): e is YishiError {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true;
}
