'use strict';
// Run by check-schemas.sh: node check-schemas.cjs CACHE SCHEMA_DIR [--probe FILE]
// Compiles the provider schema and every compat-<api>.schema.json with Ajv 8 (draft 2020-12) in
// strict mode with ajv-formats; every strict-mode violation (unknown keywords, ignored or
// ambiguous keywords, union types, ...) fails the compilation. A probed document is valid when
// the provider schema accepts it and each compat object matches the compat schema of its api
// (the model's own, else the provider's, else openai-completions), as the loader checks them.
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const [cache, schemaDir, ...args] = process.argv.slice(2);
const fromCache = createRequire(path.join(cache, 'node_modules', 'index.js'));
const Ajv2020 = fromCache('ajv/dist/2020').default;
const addFormats = fromCache('ajv-formats').default;
const ajvVersion = fromCache('ajv/package.json').version;

const compatFiles = fs.readdirSync(schemaDir)
  .filter((file) => /^compat-.+\.schema\.json$/.test(file)).sort();
const files = [...compatFiles, 'provider.schema.json'];
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

function compatValid(compat, api) {
  if (compat === undefined) {
    return true;
  }
  const validate = validators[`compat-${api}.schema.json`];
  return validate !== undefined && validate(compat);
}

function valid(doc) {
  if (!validators['provider.schema.json'](doc)) {
    return false;
  }
  const api = doc.api || 'openai-completions';
  return compatValid(doc.compat, api) && (doc.models || [])
    .every((model) => compatValid(model.compat, model.api || api));
}

const probe = args.indexOf('--probe');
if (probe >= 0) {
  const documents = JSON.parse(fs.readFileSync(args[probe + 1], 'utf8'));
  console.log(JSON.stringify(documents.map(valid)));
} else {
  console.log(`check-schemas: Ajv ${ajvVersion} in strict mode with ajv-formats compiles ${files.join(' and ')}`);
}
