/** Exit codes of every aigis command. */
export const EXIT = {
  /** Nothing at or above the --fail-on threshold. */
  ok: 0,
  /** Findings at or above the threshold. */
  findings: 1,
  /** Bad usage or configuration. */
  usage: 2,
  /** An internal error: aigis itself failed. */
  internal: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
