// no-unreleased-overwrite with every option at its most expensive (bench variant C): many method
// and function names to match, many type specifiers of every kind (each one a typeMatchesSpecifier
// call per candidate type), the strict order (every release-before-assign is a finding to plan a
// fix for), a releaseWith helper that the fixer must import, and many init methods and decorators.
export const mostExpensiveOptions = {
  releaseMethods: [
    'release', 'dispose', 'close', 'destroy', 'free', 'end', 'shutdown', 'terminate', 'unsubscribe',
    'abort', 'disconnect', 'stop', 'cancel', 'unref', 'kill', 'teardown', 'cleanup', 'finalize',
    'complete', 'detach',
  ],
  releaseFunctions: [
    'ReferenceCountUtil.release', 'ReferenceCountUtil.safeRelease', 'clearTimeout', 'clearInterval',
    'clearImmediate', 'releaseResource', 'dispose', 'closeQuietly', 'destroyAll', 'cancelAnimationFrame',
  ],
  types: [
    { type: { from: 'lib', name: ['VideoFrame', 'AudioData', 'ImageBitmap', 'ReadableStreamDefaultReader'] }, release: { method: 'close' } },
    { type: { from: 'lib', name: 'WebSocket' }, release: { method: 'close' } },
    { type: { from: 'package', package: 'mongodb', name: ['MongoClient', 'ClientSession', 'ChangeStream'] }, release: { method: 'close' } },
    { type: { from: 'package', package: 'node:net', name: 'Socket' }, release: { method: 'destroy' } },
    { type: { from: 'package', package: 'node:tls', name: 'SecureContext' }, release: { function: 'releaseResource', from: 'eslint-plugin-resource-leak/runtime' } },
    { type: { from: 'file', name: ['Connection', 'ConnectionPool', 'Monitor', 'Subscription', 'Subscriber', 'EncodedPacket'] }, release: { method: 'close' } },
    { type: { from: 'file', name: 'Timeout' }, release: { method: 'clear' } },
    { type: 'AbortController', release: { method: 'abort' } },
    { type: { from: 'lib', name: 'Map' }, release: false },
    { type: { from: 'lib', name: 'Set' }, release: false },
  ],
  order: 'release-after-assign',
  releaseWith: { function: 'releaseResource', from: 'eslint-plugin-resource-leak/runtime' },
  initMethods: [
    'ngOnInit', 'onModuleInit', 'init', 'initialize', 'setup', 'start', 'connect', 'open', 'reset',
    '@postConstruct', '@PostConstruct', '@Init', '@OnInit',
  ],
};
