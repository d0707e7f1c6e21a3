// postman-collection ships its declarations without pointing package.json at them.
/// <reference path="../../node_modules/postman-collection/types/index.d.ts" />

// postman-runtime ships CommonJS without types. This declares only the part of its surface the
// executor uses (checked against 7.56.1), so a version bump that changes it fails loudly here.
declare module "postman-runtime" {
  import type { Collection, Item, Request, Response, VariableScope } from "postman-collection";
  import type { Agent as HttpAgent } from "node:http";

  /** Where the run is: `ref` is unique per item execution, so it keys everything we record. */
  export interface Cursor {
    position: number;
    iteration: number;
    length: number;
    ref: string;
  }

  export interface Assertion {
    name: string;
    passed: boolean;
    skipped: boolean;
    error: { name?: string; message?: string } | null;
  }

  /** A script error as the sandbox reports it (a serialised Error, not an instance). */
  export interface ScriptError {
    name?: string;
    message?: string;
  }

  /** One script run of an event; `result.return.nextRequest` is how setNextRequest is expressed. */
  export interface ScriptExecution {
    error?: ScriptError;
    result?: { return?: { nextRequest?: string | null } };
  }

  export interface ScriptEvent {
    listen: string;
  }

  export interface Callbacks {
    beforeItem?(err: Error | null, cursor: Cursor, item: Item): void;
    request?(err: Error | null, cursor: Cursor, response: Response | undefined, request: Request, item: Item): void;
    assertion?(cursor: Cursor, assertions: Assertion[]): void;
    script?(err: ScriptError | null, cursor: Cursor, result: unknown, script: unknown, event: ScriptEvent, item: Item): void;
    /** `results` is the array the engine later reads setNextRequest from (see run-recorder.ts). */
    test?(err: Error | null, cursor: Cursor, results: ScriptExecution[], item: Item): void;
    console?(cursor: Cursor, level: string, ...messages: unknown[]): void;
    done?(err: Error | null): void;
  }

  export interface RunOptions {
    /** Milliseconds; 0 or absent means no limit (the engine's global default is 3 minutes). */
    timeout?: { request?: number; script?: number; global?: number };
    delay?: { item?: number };
    environment?: VariableScope;
    /** Hosts, IPs and CIDR ranges checked before connecting, after DNS and on every redirect. */
    network?: { restrictedAddresses?: Record<string, boolean> };
    /** Without it, postman-request sends requests through HTTP_PROXY/HTTPS_PROXY when they are set. */
    ignoreProxyEnvironmentVariables?: boolean;
    requester?: {
      followRedirects?: boolean;
      strictSSL?: boolean;
      useWhatWGUrlParser?: boolean;
      /** Agent instances used for every request of the run (instead of postman-request's global pool). */
      agents?: { http?: HttpAgent; https?: HttpAgent };
    };
  }

  export interface Run {
    start(callbacks: Callbacks): void;
    abort(): void;
  }

  export class Runner {
    run(collection: Collection, options: RunOptions, callback: (err: Error | null, run: Run) => void): void;
  }

  const postmanRuntime: { Runner: typeof Runner; version: string };
  export default postmanRuntime;
}

// Present in postman-collection 5.3.1's code but missing from its shipped declarations.
declare module "postman-collection" {
  interface ItemGroup {
    /** Calls back with every request item, descending into folders. */
    forEachItem(callback: (item: Item) => void): void;
  }
}
