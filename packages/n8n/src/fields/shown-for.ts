/**
 * Where a shared parameter shows: the resources and operations that use it,
 * as the operations list says (the router derives it; see
 * `operations/router.ts`).
 */
export interface ShownFor {
  resource: string[];
  operation: string[];
}
