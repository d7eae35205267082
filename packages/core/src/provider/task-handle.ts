/**
 * A submitted asynchronous job. Plain JSON on purpose: a workflow can store it,
 * carry it between steps and resume with `waitForTask` later, even in another
 * process.
 */
export interface TaskHandle {
  /** Format version of this object. */
  version: 1;
  /** Id of the provider that created the task, e.g. `'toapis'`. */
  provider: string;
  /** The vendor's task id. */
  taskId: string;
  model: string;
  /**
   * @deprecated Not written by core's providers, and never read: polls are
   * built from the provider's base URL and the task id, so a stored handle
   * cannot send the key elsewhere. Old handles that carry it still load.
   */
  pollUrl?: string;
  /** Creation time, milliseconds since the epoch. */
  createdAt: number;
}
