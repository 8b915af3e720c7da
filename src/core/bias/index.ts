export * from './features';
export * from './effects';
export * from './report';
export * from './rows';
export * from './export';
