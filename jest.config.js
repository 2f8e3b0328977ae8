/** Jest runs TypeScript through SWC (type-checking is `tsc --noEmit`, the first half of `npm test`). */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(ts|js|mjs)$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }] },
  // jose ships only ES modules; compile it to CommonJS like our own code.
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  testMatch: ['**/?(*.)test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 60000,
};
