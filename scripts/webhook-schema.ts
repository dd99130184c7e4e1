/** Writes schema/webhook-body.schema.json from the one zod schema of the webhook body (`npm run schema`). */
import { writeFileSync } from 'node:fs';
import { webhookJsonSchema } from '../src/core/render/webhook-body.js';

writeFileSync('schema/webhook-body.schema.json', `${JSON.stringify(webhookJsonSchema(), null, 2)}\n`);
console.log('wrote schema/webhook-body.schema.json');
