import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRODUCTION_NODE_FLAGS } from './support/built-backend';

describe('the backend image (backend/Dockerfile)', () => {
  it('starts the backend with the Node.js flags of tools/node-flags.mjs, which npm start and the benchmark use', () => {
    // A Dockerfile cannot import the flags, so it repeats them: this keeps the copy true.
    const dockerfile = readFileSync(join(__dirname, '..', 'Dockerfile'), 'utf8');
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
    expect(cmd).toBeDefined();
    expect(JSON.parse(cmd ?? 'null')).toEqual(['node', ...PRODUCTION_NODE_FLAGS, 'main.js']);
  });
});
