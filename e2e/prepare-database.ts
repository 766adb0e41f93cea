/**
 * The e2e webServer's first step: a fresh, migrated `catwalk_e2e` database (npm start then seeds it).
 * Its first local sign-in is taken here: the local sign-in makes the first local user an admin, and
 * the tests' admin signs in through OpenID Connect instead, so that no test user becomes admin by
 * the order the tests happen to run in.
 */
import pg from "pg";
import { createFreshDatabase } from "../tests/database";

const url = await createFreshDatabase("catwalk_e2e");
const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  await client.query(`
    with first_local as (insert into users (name, role) values ('e2e first local user', 'admin') returning id)
    insert into accounts (user_id, provider, provider_account_id) select id, 'local', 'e2e first local user' from first_local`);
} finally {
  await client.end();
}
console.log(`[e2e] fresh database ${url}, its first local user taken`);
