// Writes schemas/*.schema.json from the zod schemas, for portals in other languages.
// A test fails if the committed files are stale: run `npx tsx scripts/gen-schemas.ts`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { registryJsonSchemas } from '../src/registry/jsonSchema.js';

for (const [name, schema] of Object.entries(registryJsonSchemas())) {
  const path = fileURLToPath(new URL(`../schemas/${name}.schema.json`, import.meta.url));
  writeFileSync(path, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${path}`);
}
