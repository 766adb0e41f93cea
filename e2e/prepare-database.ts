/** The e2e webServer's first step: a fresh, migrated `catwalk_e2e` database (npm start then seeds it). */
import { createFreshDatabase } from "../tests/database";

const url = await createFreshDatabase("catwalk_e2e");
console.log(`[e2e] fresh database ${url}`);
