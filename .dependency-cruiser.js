/**
 * The module boundaries of Archipelago as dependency-cruiser rules (`npm run lint:deps`).
 * The same rules are tested against the planted violations of
 * test/architecture/__fixtures__/violating-workspace (dependency-cruiser.spec.ts).
 * @type {import('dependency-cruiser').IConfiguration}
 */
const BUSINESS = '(auth|audit|billing|notification)';

module.exports = {
  forbidden: [
    {
      name: 'module-imports-other-module',
      comment: 'A business module reaches another only through @app/contracts (patterns, DTOs, typed clients).',
      severity: 'error',
      from: { path: `^libs/${BUSINESS}/` },
      to: { path: `^libs/${BUSINESS}/`, pathNot: ['^libs/$1/'] },
    },
    {
      name: 'module-imports-gateway-or-app',
      comment: 'Business modules and the kernel never depend on the gateway or the server app.',
      severity: 'error',
      from: { path: '^libs/', pathNot: '^libs/gateway/' },
      to: { path: ['^libs/gateway/', '^apps/'] },
    },
    {
      name: 'contracts-depend-on-nothing-of-ours',
      comment: 'Contracts are plain DTOs and patterns: no kernel, no module.',
      severity: 'error',
      from: { path: '^libs/contracts/' },
      to: { path: ['^libs/', '^apps/'], pathNot: '^libs/contracts/' },
    },
    {
      name: 'platform-depends-only-on-contracts',
      comment: 'The kernel knows contracts, never a module (its tests may also use libs/testing).',
      severity: 'error',
      from: { path: '^libs/platform/' },
      to: { path: ['^libs/', '^apps/'], pathNot: ['^libs/platform/', '^libs/contracts/', '^libs/testing/'] },
    },
    {
      name: 'kernel-folders-never-import-module',
      comment:
        "The kernel's module/ folder composes the others (PlatformModule, ModuleKernel): they never import it back, so each is read without the whole kernel behind it.",
      severity: 'error',
      from: { path: '^libs/platform/src/', pathNot: ['^libs/platform/src/module/', '^libs/platform/src/index\\.ts$'] },
      to: { path: '^libs/platform/src/module/' },
    },
    {
      name: 'testing-only-from-tests',
      comment: 'libs/testing (test apps, eventually, failureOf) is for test code only, never for a running program.',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: ['/test/', '\\.spec\\.ts$', '^libs/testing/'] },
      to: { path: '^libs/testing/' },
    },
    {
      name: 'only-through-index',
      comment: 'Another lib is used through its src/index.ts only.',
      severity: 'error',
      from: { path: '^(libs|apps)/([^/]+)/' },
      to: { path: '^libs/([^/]+)/src/.+', pathNot: ['^libs/$2/', '^libs/[^/]+/src/index\\.ts$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['__fixtures__', 'node_modules', 'dist'] },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
