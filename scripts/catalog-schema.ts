// Writes the JSON Schema of Edgewise YAML (generated from the zod schemas) to public/schemas/.
// Run after changing an input schema: npx tsx --conditions=react-server scripts/catalog-schema.ts
import fs from "node:fs";
import path from "node:path";
import { catalogJsonSchemaText, SCHEMA_PATH } from "../lib/catalog/as-code/json-schema";

const target = path.resolve(SCHEMA_PATH);
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, catalogJsonSchemaText());
console.log(`Wrote ${SCHEMA_PATH}`);
