// The public face of pace-rules: every export is listed by name.
export { PaceError, isPaceError } from './errors/pace-error.js';
export type { PaceErrorCode, PaceErrorIssue } from './errors/pace-error.js';
