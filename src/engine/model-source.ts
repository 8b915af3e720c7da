/**
 * Small facts about a ModelSource that both runtimes (browser.ts, node.ts) need: which server a Hub-layout
 * source is fetched from (its host is part of the spec: docs/architecture.md, 'One model load') and how
 * messages name a source.
 */
import type { ModelSource } from '../core/types';

export function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** The server a Hub-layout source is fetched from: the Hub (or mirror) it names, or its base URL. */
export function remoteRoot(source: { type: 'hub'; host: string } | { type: 'url'; baseUrl: string }): string {
  return source.type === 'hub' ? source.host : source.baseUrl;
}

/** A source as messages name it: the embedded name, the folder, or the id and the server it comes from. */
export function describeSource(source: ModelSource, folder: (path: string) => string = (p) => p): string {
  switch (source.type) {
    case 'embedded':
      return source.name;
    case 'path':
      return folder(source.path);
    case 'files':
      return `${source.name} (opened folder)`;
    case 'hub':
    case 'url':
      return `${source.id} (${remoteRoot(source)})`;
  }
}
