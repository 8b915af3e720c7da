// comlink ships its Node adapter as dist/esm/node-adapter.mjs with types in node-adapter.d.ts (no exports map),
// so the .mjs path Node needs at run time gets its types here.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  export { default } from 'comlink/dist/esm/node-adapter';
}
