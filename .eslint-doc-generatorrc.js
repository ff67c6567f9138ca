// eslint-doc-generator reads the built plugin (package.json main: dist/index.js): run `npm run build` first.
/** @type {import('eslint-doc-generator').GenerateOptions} */
const config = {
  configEmoji: [
    ['recommended', '✅'],
    ['strict', '🔒'],
  ],
  ruleDocSectionInclude: ['Rule details', 'Options', 'Fixes', 'When not to use it'],
  ruleDocSectionOptions: true,
  ruleListColumns: ['name', 'description', 'configsError', 'fixable', 'hasSuggestions', 'requiresTypeChecking'],
};

export default config;
