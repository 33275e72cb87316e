// The baseline for http-baseline: the same two reads with no framework, no validation and no
// presenters: node:http plus the database driver. Mutuo's figures are reported against it.
import http from "node:http";
import { sql } from "drizzle-orm";
import { loadConfig } from "../src/config";
import { openDatabase, queryRows } from "../src/db/connect";

const config = loadConfig();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });

const server = http.createServer(async (req, res) => {
  try {
    if (req.url === "/healthz") {
      await database.db.execute(sql`select 1`);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: "ok" }));
    } else if (req.url === "/api/v1/meta") {
      const [row] = await queryRows(
        database.db,
        sql`select id, installed_at from instance limit 1`,
      );
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(row));
    } else {
      res.writeHead(404).end();
    }
  } catch {
    res.writeHead(500).end();
  }
});
server.listen(config.port, config.host);
const stop = () => server.close(() => database.close().then(() => process.exit(0)));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
