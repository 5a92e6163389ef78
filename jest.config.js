// One Jest run for the whole workspace. Unit tests (*.test.ts) sit beside the code and do no I/O;
// *.int.test.ts and tests/e2e talk to the real Postgres, Redis and Kafka that scripts/test.sh starts.
/** @type {import('jest').Config} */
module.exports = {
  // Node, plus a database of its own for every file that talks to Postgres (tests/support/database-per-file.ts).
  testEnvironment: "<rootDir>/tests/support/database-per-file.ts",
  // In the workspace, @voxbridge/sdk resolves to its TypeScript source (the "voxbridge-source" export
  // condition); its published build is checked by packages/sdk/src/package.test.ts.
  testEnvironmentOptions: { customExportConditions: ["voxbridge-source", "node", "require", "default"] },
  roots: ["<rootDir>/packages", "<rootDir>/services", "<rootDir>/tools", "<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "/generated/"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2023", parser: { syntax: "typescript" } }, module: { type: "commonjs" } }] },
  globalSetup: "<rootDir>/tests/support/global-setup.ts",
  globalTeardown: "<rootDir>/tests/support/global-teardown.ts",
  testTimeout: 60_000,
  maxWorkers: 2,
};
