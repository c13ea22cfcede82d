import pg from "pg";

/**
 * An empty database `name` on the server of `adminUrl` (dropped first if a run left it behind);
 * its URL and the server's version ("postgresql 15.20 …"), for the results file.
 */
export async function freshDatabase(adminUrl: string, name: string): Promise<{ url: string; version: string }> {
  const version = await asAdmin(adminUrl, async (client) => {
    const { rows } = await client.query<{ server_version: string }>("SHOW server_version");
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
    return rows[0]!.server_version;
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), version: `postgresql ${version}` };
}

/** Drops database `name` (connections and all) on the server of `adminUrl`. */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await asAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

async function asAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
