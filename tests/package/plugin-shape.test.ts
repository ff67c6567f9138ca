import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';

describe('plugin object', () => {
  it('has meta, rules and named configs', () => {
    expect(plugin.meta.namespace).toBe('resource-leak');
    expect(Object.keys(plugin.rules)).toEqual(['no-unreleased-overwrite']);
    expect(plugin.configs.recommended.name).toBe('resource-leak/recommended');
    expect(plugin.configs.strict.name).toBe('resource-leak/strict');
    expect(plugin.configs.recommended.plugins?.['resource-leak']).toBe(plugin);
  });
});
