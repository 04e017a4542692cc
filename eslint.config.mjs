import tseslint from 'typescript-eslint';

// Only the composition root, the editor adapters and their helpers may touch the VS Code API;
// only the cluster module may load the Kubernetes client (others may import its types).
const editorAdapters = ['src/extension.ts', 'src/features/**/*.ts'];
const vscodeOnlyInAdapters = { name: 'vscode', message: 'Pure modules must not import vscode: move the editor glue to src/features/.' };
const kubernetesClientOnlyInCluster = {
  name: '@kubernetes/client-node',
  message: 'Only src/cluster/ may load the Kubernetes client; import its types with `import type`.',
  allowTypeImports: true,
};
const clusterTypesOnly = {
  group: ['**/cluster', '**/cluster/*'],
  message: 'Import the cluster module with `import type`; ClusterConnection loads it lazily.',
  allowTypeImports: true,
};

export default tseslint.config(
  { ignores: ['dist/**', 'test/standins/*/dist/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', '.local-cluster/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: [...editorAdapters, 'src/cluster/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [vscodeOnlyInAdapters, kubernetesClientOnlyInCluster], patterns: [clusterTypesOnly] }] },
  },
  {
    files: ['src/cluster/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [vscodeOnlyInAdapters] }] },
  },
  {
    files: editorAdapters,
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [kubernetesClientOnlyInCluster], patterns: [clusterTypesOnly] }] },
  },
  {
    files: ['src/features/explorer/clusterConnection.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
