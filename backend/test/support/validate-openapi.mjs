// Validates the OpenAPI document on stdin against the official schema (run
// as a child process: the validator is ESM-only and Jest here is CommonJS).
import { Validator } from '@seriousme/openapi-schema-validator';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const result = await new Validator().validate(JSON.parse(input));
process.stdout.write(JSON.stringify(result));
