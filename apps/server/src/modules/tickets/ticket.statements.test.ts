import { expect, it } from 'vitest';
import { statementTexts } from './ticket.statements.js';

/** The checked-in SQL of the tickets' hot paths: `npx vitest run -u` rewrites it after a deliberate change. */
it('matches the checked-in SQL of every one-statement hot path', async () => {
  const rendered = statementTexts()
    .map(([label, text]) => `-- ${label}\n${text.replace(/[ \t]+$/gm, '')};\n`)
    .join('\n');
  await expect(rendered).toMatchFileSnapshot('./ticket.statements.sql');
});
