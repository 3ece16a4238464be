'use strict';
// Run by check-schemas.sh: node check-schemas.cjs CACHE SCHEMA_DIR [--probe FILE]
// Compiles both schemas with Ajv 8 (draft 2020-12) in strict mode with ajv-formats; every
// strict-mode violation (unknown keywords, ignored or ambiguous keywords, union types, ...)
// fails the compilation.
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const [cache, schemaDir, ...args] = process.argv.slice(2);
const fromCache = createRequire(path.join(cache, 'node_modules', 'index.js'));
const Ajv2020 = fromCache('ajv/dist/2020').default;
const addFormats = fromCache('ajv-formats').default;
const ajvVersion = fromCache('ajv/package.json').version;

const files = ['compat-openai-completions.schema.json', 'provider.schema.json'];
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const validators = {};
try {
  const schemas = files.map((file) => JSON.parse(fs.readFileSync(path.join(schemaDir, file), 'utf8')));
  schemas.forEach((schema) => ajv.addSchema(schema));
  files.forEach((file, i) => {
    validators[file] = ajv.getSchema(schemas[i].$id);
  });
} catch (e) {
  console.error(`check-schemas: Ajv ${ajvVersion} (strict) rejects the schemas: ${e.message}`);
  process.exit(1);
}

const probe = args.indexOf('--probe');
if (probe >= 0) {
  const documents = JSON.parse(fs.readFileSync(args[probe + 1], 'utf8'));
  console.log(JSON.stringify(documents.map((doc) => validators['provider.schema.json'](doc))));
} else {
  console.log(`check-schemas: Ajv ${ajvVersion} in strict mode with ajv-formats compiles ${files.join(' and ')}`);
}
