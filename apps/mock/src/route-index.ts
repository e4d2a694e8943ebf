// The operations of one spec load, indexed once, so that routing a request costs the same at 1 operation as at 1,000.
// It answers as Prism's router (prism-http 5.12, router/index.js and router/matchPath.js) answered the mock, which
// matched every path of the spec and sorted them all on each request: each segment is percent-decoded (kept as it is
// when it cannot be), a template segment is Prism's unanchored pattern (`{id}` takes any segment, the empty one too),
// a concrete path wins over a templated one, then the path that agrees with the request's raw segments for longer,
// then the later in the spec.
import type { IHttpOperation } from '@stoplight/types';

export type Routing =
  | { kind: 'found'; operation: IHttpOperation }
  | { kind: 'no-path' }
  | { kind: 'no-method'; allowed: string[] }
  | { kind: 'no-operations' };

export interface RouteIndex {
  /** Routes a request: `method` in lowercase, `path` the request's path as it came, percent-encoding and all. */
  route(method: string, path: string): Routing;
}

interface Route {
  operation: IHttpOperation;
  /** Its method in lowercase, as the request's is given. */
  method: string;
  /** The operation's position in the spec: the later wins a tie. */
  order: number;
  /** Its path split at `/`, before decoding, which is what Prism scores. */
  rawSegments: string[];
}

interface TemplatedRoute extends Route {
  /** One test per decoded segment: the segment itself, or Prism's pattern for a template segment. */
  segmentTests: (string | RegExp)[];
}

/** `a%20b` is `a b`; a segment that is not valid percent-encoding stays as it is. */
function decodeSegment(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const decodedSegments = (path: string) => path.split('/').slice(1).map(decodeSegment);

const isTemplate = (segment: string) => /{(.+)}/.test(segment);

/** Prism's pattern for a template segment (`item-{id}` finds `item-` anywhere in the segment). */
function templatePattern(segment: string): RegExp {
  const escaped = segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(escaped.replace(/\\\{[^\\]+\\\}/g, '(.*)'));
}

/** How far the request's raw segments agree with the operation's path: 1 per equal segment, 1/2 per template. */
function matchScore({ rawSegments }: Route, requestSegments: string[]): number {
  let score = 0;
  for (const [index, segment] of rawSegments.entries()) {
    if (segment === requestSegments[index]) score += 1;
    else if (isTemplate(segment)) score += 0.5;
    else break;
  }
  return score;
}

/** Of routes that all take the request, the one Prism picked: the best score, then the later in the spec. */
function best<R extends Route>(routes: R[], path: string): R {
  const [first, ...others] = routes as [R, ...R[]];
  if (others.length === 0) return first;
  const requestSegments = path.split('/');
  let chosen = first;
  let chosenScore = matchScore(first, requestSegments);
  for (const route of others) {
    const score = matchScore(route, requestSegments);
    if (score > chosenScore || (score === chosenScore && route.order > chosen.order)) {
      chosen = route;
      chosenScore = score;
    }
  }
  return chosen;
}

const sameSegments = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((segment, index) => segment === b[index]);

function templateMatches({ segmentTests }: TemplatedRoute, segments: readonly string[]): boolean {
  return segmentTests.every((test, index) =>
    typeof test === 'string' ? test === segments[index] : test.test(segments[index] as string),
  );
}

export function createRouteIndex(operations: readonly IHttpOperation[]): RouteIndex {
  /** Concrete routes by their decoded segments joined with `/`, as a request's are. */
  const concrete = new Map<string, (Route & { segments: string[] })[]>();
  /** Templated routes by their number of segments, which a request must have to match. */
  const templated = new Map<number, TemplatedRoute[]>();
  /** Each method's first place in the spec, the order of a 405's `Allow`. */
  const methodOrder = new Map<string, number>();
  for (const [order, operation] of operations.entries()) {
    const method = operation.method.toLowerCase();
    if (!methodOrder.has(method)) methodOrder.set(method, methodOrder.size);
    const route = { operation, method, order, rawSegments: operation.path.split('/') };
    const segments = decodedSegments(operation.path);
    if (segments.some(isTemplate)) {
      const segmentTests = segments.map((segment) => (isTemplate(segment) ? templatePattern(segment) : segment));
      const sameLength = templated.get(segments.length) ?? [];
      sameLength.push({ ...route, segmentTests });
      templated.set(segments.length, sameLength);
    } else {
      const key = segments.join('/');
      concrete.set(key, [...(concrete.get(key) ?? []), { ...route, segments }]);
    }
  }

  return {
    route(method, path) {
      if (operations.length === 0) return { kind: 'no-operations' };
      const segments = decodedSegments(path);
      const concreteMatches = (concrete.get(segments.join('/')) ?? []).filter((route) =>
        sameSegments(route.segments, segments),
      );
      const concreteFound = concreteMatches.filter((route) => route.method === method);
      if (concreteFound.length > 0) return { kind: 'found', operation: best(concreteFound, path).operation };
      const templatedMatches = (templated.get(segments.length) ?? []).filter((route) =>
        templateMatches(route, segments),
      );
      const templatedFound = templatedMatches.filter((route) => route.method === method);
      if (templatedFound.length > 0) return { kind: 'found', operation: best(templatedFound, path).operation };
      const pathMatches = [...concreteMatches, ...templatedMatches];
      if (pathMatches.length === 0) return { kind: 'no-path' };
      const allowed = [...new Set(pathMatches.map((route) => route.method))]
        .sort((a, b) => (methodOrder.get(a) as number) - (methodOrder.get(b) as number))
        .map((name) => name.toUpperCase());
      return { kind: 'no-method', allowed };
    },
  };
}
