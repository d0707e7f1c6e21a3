import { count, eq } from "drizzle-orm";
import type { Database } from "./client";
import { teamMembers, teams, users, workspaceMembers, workspaces } from "./schema";

export const DEMO_TEAM_SLUG = "acme";
export const DEMO_USERS = {
  admin: { email: "admin@acme.test", name: "Ada Admin" },
  developer: { email: "developer@acme.test", name: "Dev Eloper" },
} as const;

export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}

/**
 * The demo team: Acme on the enterprise plan with private monitoring enabled, an admin and a
 * developer, two internal workspaces and the developer's personal workspace. Idempotent: a second
 * call finds the rows by their unique keys and adds nothing.
 */
export async function seedDemo(db: Database, { passwordHash }: { passwordHash: string }) {
  return db.transaction(async (tx) => {
    await tx
      .insert(teams)
      .values({ slug: DEMO_TEAM_SLUG, name: "Acme", plan: "enterprise", privateMonitoringEnabled: true })
      .onConflictDoNothing({ target: teams.slug });
    const [team] = await tx.select().from(teams).where(eq(teams.slug, DEMO_TEAM_SLUG));
    if (!team) throw new Error("demo team missing after insert");

    await tx
      .insert(users)
      .values([
        { ...DEMO_USERS.admin, passwordHash },
        { ...DEMO_USERS.developer, passwordHash },
      ])
      .onConflictDoNothing({ target: users.email });
    const [admin] = await tx.select().from(users).where(eq(users.email, DEMO_USERS.admin.email));
    const [developer] = await tx.select().from(users).where(eq(users.email, DEMO_USERS.developer.email));
    if (!admin || !developer) throw new Error("demo users missing after insert");

    await tx
      .insert(teamMembers)
      .values([
        { teamId: team.id, userId: admin.id, role: "admin" },
        { teamId: team.id, userId: developer.id, role: "developer" },
      ])
      .onConflictDoNothing();

    await tx
      .insert(workspaces)
      .values([
        { teamId: team.id, name: "Payments", type: "internal" },
        { teamId: team.id, name: "Platform", type: "internal" },
        { teamId: team.id, name: "Dev Eloper's Workspace", type: "personal", ownerId: developer.id },
      ])
      .onConflictDoNothing({ target: [workspaces.teamId, workspaces.name] });
    const rows = await tx.select().from(workspaces).where(eq(workspaces.teamId, team.id));

    for (const workspace of rows) {
      const members =
        workspace.type === "personal"
          ? [{ workspaceId: workspace.id, userId: developer.id, role: "admin" as const }]
          : [
              { workspaceId: workspace.id, userId: admin.id, role: "admin" as const },
              { workspaceId: workspace.id, userId: developer.id, role: "editor" as const },
            ];
      await tx.insert(workspaceMembers).values(members).onConflictDoNothing();
    }
    return { teamId: team.id, adminId: admin.id, developerId: developer.id };
  });
}
