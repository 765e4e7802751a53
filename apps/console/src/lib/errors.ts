// the error-code table is in codeText.ts (bulk results only); the shell imports errorText.ts directly
export { hasCode, useErrorText } from './errorText';
