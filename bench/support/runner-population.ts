import { createRunnerTeam } from "@outpost/api/testing/runner-fixtures";
import { createCollection, type TestDatabase } from "@outpost/db/testing";
import type { Pool } from "./monitor-fleet";

const REGIONS = ["eu-west", "eu-central", "us-east", "us-west", "ap-south", "ap-northeast"];

/**
 * A team's runners as a large installation has them, inserted in bulk: names like
 * "Data centre 0042 eu-west", created by the team's members in turn, one in ten restricted to a
 * workspace; 60% seen seconds ago (Healthy) with 1–4 instances, 30% last seen hours ago
 * (Unhealthy), 10% never seen (Unknown); monitors on them, two runners each.
 */
export async function seedRunnerPopulation(handle: TestDatabase, pool: Pool, { runners, monitors }: { runners: number; monitors: number }) {
  const team = await createRunnerTeam(handle);
  const creators = [team.members.super_admin.id, team.members.admin.id];
  await pool.query(
    `insert into runners (team_id, name, description, key_hash, key_last4, visibility, workspace_id, created_by_id, last_seen_at, created_at)
     select $1::uuid, 'Data centre ' || lpad(g::text, 4, '0') || ' ' || ($2::text[])[g % array_length($2::text[], 1) + 1],
            'Runs the ' || ($2::text[])[g % array_length($2::text[], 1) + 1] || ' checks', md5(g::text || $1::text) || md5($1::text || g::text), lpad((g % 10000)::text, 4, '0'),
            (case when g % 10 = 3 then 'selected_workspace' else 'all_internal_workspaces' end)::runner_visibility,
            case when g % 10 = 3 then $3::uuid end, ($4::uuid[])[g % array_length($4::uuid[], 1) + 1],
            case when g % 10 < 6 then now() - make_interval(secs => g % 30) when g % 10 < 9 then now() - make_interval(hours => 1 + g % 48) end,
            now() - make_interval(days => g % 365)
     from generate_series(1, $5::int) g`,
    [team.team.id, REGIONS, team.w1.id, creators, runners],
  );
  await pool.query(
    `insert into runner_instances (id, runner_id, hostname, os, runner_version, protocol_version, first_seen_at, last_ping_at)
     select gen_random_uuid(), r.id, 'runner-' || left(r.id::text, 8) || '-' || i, 'linux 6.1', '0.1.0', 1, r.last_seen_at, r.last_seen_at
     from runners r, generate_series(1, 4) i
     where r.team_id = $1 and r.last_seen_at is not null and i <= 1 + (hashtext(r.id::text) & 3)`,
    [team.team.id],
  );
  const collection = await createCollection(handle.db, team.team.id, team.w1.id);
  await pool.query(
    `with made as (
       insert into monitors (team_id, workspace_id, collection_id, name, schedule, runner_mode, options, notifications)
       select $1, $2, $3, 'Monitor ' || g, '{"kind":"interval","minutes":5}', 'manual',
              '{"requestTimeoutMs":null,"delayBetweenRequestsMs":0,"retriesOnFailure":0,"followRedirects":true,"sslValidation":true}',
              '{"recipients":[],"stopAfterConsecutiveFailures":3,"webhookUrl":null}'
       from generate_series(1, $4::int) g returning id),
     numbered as (select id, row_number() over () n from made),
     pool as (select array_agg(id order by name) ids from runners where team_id = $1 and visibility = 'all_internal_workspaces')
     insert into monitor_runners (monitor_id, runner_id)
     select m.id, pool.ids[((m.n + k * 7) % array_length(pool.ids, 1)) + 1] from numbered m, pool, generate_series(0, 1) k`,
    [team.team.id, team.w1.id, collection.id, monitors],
  );
  return { team };
}
