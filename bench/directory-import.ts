// The import half of the directory benchmark, in its own process so its peak memory is its own:
// `node --import tsx bench/directory-import.ts` reads {url?, dataDir?, files} as JSON on stdin,
// migrates, imports each NDJSON file through the HSDS importer (each with its places' time zone)
// and prints {seconds, services, records, peakRssMb, baselineRssMb, rejected} on stdout.
import { openDatabase } from "../src/db/connect";
import { migrate } from "../src/db/migrate";
import { importHsdsPath } from "../src/modules/directory/hsds/import";

interface Job {
  url?: string;
  dataDir?: string;
  files: { zone: string; file: string }[];
}

const sum = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);

async function main(job: Job) {
  const database = await openDatabase({ url: job.url, dataDir: job.dataDir });
  try {
    await migrate(database.db);
    const baselineRssMb = process.resourceUsage().maxRSS / 1024;
    let records = 0;
    let services = 0;
    let rejected = 0;
    const started = performance.now();
    for (const { zone, file } of job.files) {
      const summary = await importHsdsPath(database.db, file, { timeZone: zone, startedBy: null });
      records += sum(summary.created) + sum(summary.updated);
      services += summary.services.created + summary.services.updated;
      rejected += summary.rejected.length + (summary.moreRejected ?? 0);
      if (rejected > 0) {
        throw new Error(
          `import rejected ${rejected} records: ${JSON.stringify(summary.rejected.slice(0, 3))}`,
        );
      }
    }
    const seconds = (performance.now() - started) / 1000;
    return {
      seconds,
      services,
      records,
      rejected,
      baselineRssMb,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    await database.close();
  }
}

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
process.stdout.write(
  `${JSON.stringify(await main(JSON.parse(Buffer.concat(chunks).toString()) as Job))}\n`,
);
