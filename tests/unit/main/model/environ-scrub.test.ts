import { describe, expect, it } from 'vitest';
import { takeSecretsFromEnvironment } from '../../../../main/model/environ-scrub';

describe('takeSecretsFromEnvironment', () => {
  it('removes the secret variables from the environment it is given and keeps a private copy', () => {
    const env: NodeJS.ProcessEnv = { OPENAI_API_KEY: 'sk-abcdefgh', TANDEM_WS_TOKEN: 'f'.repeat(32), PATH: '/usr/bin' };
    const taken = takeSecretsFromEnvironment(env, 'darwin');
    expect(env).toEqual({ PATH: '/usr/bin' });
    expect(taken.env).toMatchObject({
      OPENAI_API_KEY: 'sk-abcdefgh',
      TANDEM_WS_TOKEN: 'f'.repeat(32),
      PATH: '/usr/bin',
    });
    expect(taken.problem).toBeNull();
  });
  // Clearing /proc/self/environ is proven through the built CLI: tests/adversarial/secrets.test.ts.
});
