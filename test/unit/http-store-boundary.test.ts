// Architecture: http/ never reaches the store — eslint refuses `context.store` and `{ store } = context` there.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const lint = async (code: string, filePath: string) => {
  const [result] = await new ESLint().lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.message);
};

describe('http never reaches the store', () => {
  it('refuses context.store and a destructured store in src/http', async () => {
    const member = await lint(
      'export const f = (context: { store: unknown }) => context.store;\n',
      'src/http/routes/boundary-probe.ts',
    );
    assert.ok(
      member.some((m) => m.startsWith('http never reaches the store')),
      member.join('\n'),
    );
    const pattern = await lint(
      'export const f = (context: { store: unknown }) => {\n  const { store } = context;\n  return store;\n};\n',
      'src/http/routes/boundary-probe.ts',
    );
    assert.ok(
      pattern.some((m) => m.startsWith('http never reaches the store')),
      pattern.join('\n'),
    );
  });

  it('allows it in core, and keeps the error-text rule in http', async () => {
    const core = await lint(
      'export const f = (context: { store: unknown }) => context.store;\n',
      'src/core/boundary-probe.ts',
    );
    assert.deepEqual(core, []);
    const text = await lint(
      "declare function failure(text: string): Error;\nexport const e = failure('a literal text');\n",
      'src/http/routes/boundary-probe.ts',
    );
    assert.ok(text.includes('error texts belong in an *-errors.ts catalogue'), text.join('\n'));
  });
});
