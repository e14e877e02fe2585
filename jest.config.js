/** ESM throughout: @actions/core 3, @actions/http-client 4 and tough-cookie 6 ship only ESM. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '__tests__/tsconfig.json' }]
  },
  testMatch: ['**/__tests__/**/*.test.ts'],
  testTimeout: 30000,
  verbose: true
}
