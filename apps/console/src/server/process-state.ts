import "server-only";

// What the health check needs to know about this console process. Start-up code and route handlers
// may each load their own copy of this module (one per bundle), so the state lives on globalThis.

type ProcessState = {
  /** The dispatch loop boot started; unset until then. */
  dispatchLoop?: { lastTickAt: () => Date | null };
  /** Set when a SIGTERM/SIGINT started the shutdown: load balancers should send work elsewhere. */
  closing: boolean;
};

const state: ProcessState = ((globalThis as { outpostProcessState?: ProcessState }).outpostProcessState ??= { closing: false });

export function registerDispatchLoop(loop: NonNullable<ProcessState["dispatchLoop"]>) {
  state.dispatchLoop = loop;
}

export function markClosing() {
  state.closing = true;
}

export const processState = (): Readonly<ProcessState> => state;
