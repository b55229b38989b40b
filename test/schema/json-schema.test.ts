import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderJsonSchemas } from '../../scripts/json-schemas.js';

describe('JSON Schema files in schema/', () => {
  const rendered = renderJsonSchemas();
  it.each(Object.keys(rendered))('%s is up to date with the zod schemas (run `npm run schema`)', (file) => {
    const committed = readFileSync(join(import.meta.dirname, '..', '..', 'schema', file), 'utf8');
    expect(committed).toBe(rendered[file]);
  });
  it('bundled packs point editors at the rules-pack schema', () => {
    for (const pack of ['rules/california/law.json', 'rules/pace/program.json']) {
      const json = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', pack), 'utf8')) as { $schema?: string };
      expect(json.$schema, pack).toBe('../../schema/rules-pack.schema.json');
    }
  });
});
