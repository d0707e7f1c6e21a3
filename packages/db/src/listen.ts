import type pg from "pg";

export type Listener = {
  /** Sends a notification on the channel to every listening process (this one included). */
  notify: (payload: string) => Promise<void>;
  close: () => Promise<void>;
};

export type ListenOptions = {
  onPayload: (payload: string) => void;
  /** Told when the listening connection is lost; it is re-opened after `retryMs`. */
  onError?: (error: unknown) => void;
  retryMs?: number;
};

/**
 * PostgreSQL LISTEN on one dedicated pooled connection, re-established after the connection is lost
 * (a database restart, say). Notifications sent while it is down are missed, so callers must not
 * depend on them alone: they shorten waits that a periodic re-check also ends.
 */
export async function listen(pool: pg.Pool, channel: string, { onPayload, onError = () => {}, retryMs = 1_000 }: ListenOptions): Promise<Listener> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Not a plain channel name: ${channel}`);
  let held: { client: pg.PoolClient; lost: (error: unknown) => void; ended: () => void } | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const onNotification = (message: pg.Notification) => {
    if (message.channel === channel) onPayload(message.payload ?? "");
  };

  function reconnectLater(error: unknown) {
    if (closed) return;
    onError(error);
    retry = setTimeout(() => void connect(), retryMs);
  }

  async function connect() {
    let next: pg.PoolClient;
    try {
      next = await pool.connect();
    } catch (error) {
      return reconnectLater(error);
    }
    let gone = false;
    // Stays attached after the first call: a broken client may still emit, and an unheard "error" would crash.
    const lost = (error: unknown) => {
      if (gone) return;
      gone = true;
      next.off("notification", onNotification);
      next.release(true); // a broken connection must not go back to the pool
      if (held?.client === next) held = undefined;
      reconnectLater(error);
    };
    const ended = () => lost(new Error("the listening connection ended"));
    next.on("error", lost);
    next.on("end", ended);
    next.on("notification", onNotification);
    try {
      await next.query(`LISTEN ${channel}`);
    } catch (error) {
      return lost(error);
    }
    held = { client: next, lost, ended };
    if (closed) await release();
  }

  async function release() {
    const current = held;
    held = undefined;
    if (!current) return;
    const { client, lost, ended } = current;
    await client.query(`UNLISTEN ${channel}`).catch(() => {});
    client.off("error", lost);
    client.off("end", ended);
    client.off("notification", onNotification);
    client.release();
  }

  await connect();

  return {
    notify: async (payload) => {
      await pool.query("select pg_notify($1, $2)", [channel, payload]);
    },
    close: async () => {
      closed = true;
      clearTimeout(retry);
      await release();
    },
  };
}
