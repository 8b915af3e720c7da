// Public API of the pure core (docs/architecture.md, 'Layers'): shared types, errors, formatting, file
// formats, scoring maths.
export * from './types';
export * from './errors';
export * from './flatten';
export * from './nim';
export * from './formats/index';
export * from './scoring';
export * from './ranking';
export * from './stats';
export * from './perturb';
export * from './share';
