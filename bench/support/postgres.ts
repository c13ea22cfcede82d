import pg from "pg";

/**
 * An empty database `name` on the server of `adminUrl` (dropped first if a run left it behind);
 * its URL and the server's version ("postgresql 15.20 …"), for the results file.
 */
export async function freshDatabase(adminUrl: string, name: string): Promise<{ url: string; version: string }> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const { rows } = await client.query<{ server_version: string }>("SHOW server_version");
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), version: `postgresql ${rows[0]!.server_version}` };
}
