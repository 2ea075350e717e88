/** Where a rule's force comes from: statute, local practice (no statute), or not yet verified. */
export type RuleBasis = 'law' | 'practice' | 'unverified';

/** The dated parameter a result read, so a reader can trace it back (OpenFisca style). */
export interface ParameterTrace {
  name: string;
  /** The date the value in force took effect (YYYY-MM-DD). */
  since: string;
  reference: string;
  basis: RuleBasis;
  value: unknown;
  /** Set when the value is the estate's own covenant choice: the estate's rule it comes from. */
  covenant?: string;
}
