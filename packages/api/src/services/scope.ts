import type { Membership } from "./team/find-membership";
import type { Actor } from "./workspace/access";

/** Who is acting and in which team: always taken from the authenticated context, never from input. */
export type TeamScope = { actor: Actor; team: Membership["team"] };
