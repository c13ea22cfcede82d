/**
 * Where a document's time went, from the engine's own tables (EngineRun, EngineStepLog) and the
 * parse report the pipeline saved per document: queue wait before the run started, the run's wall
 * time, the parse stages' own time inside it, and the rest — engine overhead — per step.
 */
export type Query = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

export function pct(values: number[], p: number): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! * 10) / 10;
}

const dist = (values: number[]) => ({ p50: pct(values, 50), p95: pct(values, 95), n: values.length });

type StageEntry = { stage: string; status: string; ms: number | null };

export async function engineStats(query: Query, tenantId: string, documentIds: string[]) {
  const functions = await query(
    `SELECT r."functionId" AS fn, count(DISTINCT r.id)::int AS runs, count(l.id)::int AS "stepLogs"
       FROM "EngineRun" r LEFT JOIN "EngineStepLog" l ON l."runId" = r.id
      WHERE r."tenantId" = $1 GROUP BY 1 ORDER BY 1`,
    [tenantId],
  );
  const stepNames = await query(
    `SELECT r."functionId" AS fn, l.name, count(*)::int AS n
       FROM "EngineRun" r JOIN "EngineStepLog" l ON l."runId" = r.id
      WHERE r."tenantId" = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
    [tenantId],
  );
  const rows = await query(
    `SELECT d.id, d."createdAt" AS "createdAt", d."processedAt" AS "processedAt", d."parseReport" AS report, r."startedAt" AS "startedAt", r."endedAt" AS "endedAt",
            (SELECT count(*) FROM "EngineStepLog" l WHERE l."runId" = r.id)::int AS steps
       FROM "EngineRun" r JOIN "Document" d ON d.id = r.event->'data'->>'documentId'
      WHERE r."functionId" LIKE '%parse-document' AND d."tenantId" = $1 AND d.id = ANY($2)`,
    [tenantId, documentIds],
  );
  const queueMs: number[] = [];
  const runMs: number[] = [];
  const stageWorkMs: number[] = [];
  const overheadPerStepMs: number[] = [];
  const steps: number[] = [];
  const perStage = new Map<string, number[]>();
  const endLagMs: number[] = [];
  for (const r of rows) {
    const created = new Date(r.createdAt as string).getTime();
    const started = new Date(r.startedAt as string).getTime();
    // done = the save step's commit (what the user sees); the run's end is recorded a call later
    const saved = r.processedAt ? new Date(r.processedAt as string).getTime() : NaN;
    const ended = r.endedAt ? new Date(r.endedAt as string).getTime() : NaN;
    const report = (typeof r.report === "string" ? JSON.parse(r.report) : r.report) as { stages?: StageEntry[] } | null;
    const work = (report?.stages ?? []).reduce((s, st) => s + (st.ms ?? 0), 0);
    for (const st of report?.stages ?? []) if (st.ms != null && st.status !== "skipped") perStage.set(st.stage, [...(perStage.get(st.stage) ?? []), st.ms]);
    queueMs.push(started - created);
    if (Number.isFinite(ended) && Number.isFinite(saved)) endLagMs.push(ended - saved);
    if (Number.isFinite(saved)) {
      runMs.push(saved - started);
      stageWorkMs.push(work);
      const n = Number(r.steps) || 1;
      steps.push(n);
      overheadPerStepMs.push(Math.max(0, saved - started - work) / n);
    }
  }
  const totalRuns = functions.reduce((s, f) => s + Number(f.runs), 0);
  const totalStepLogs = functions.reduce((s, f) => s + Number(f.stepLogs), 0);
  return {
    runsPerDocument: Math.round((totalRuns / documentIds.length) * 100) / 100,
    stepLogsPerDocument: Math.round((totalStepLogs / documentIds.length) * 100) / 100,
    functions: functions.map((f) => ({ function: String(f.fn), runs: Number(f.runs), stepLogs: Number(f.stepLogs) })),
    steps: stepNames.map((s) => ({ function: String(s.fn), step: String(s.name), n: Number(s.n) })),
    parseRun: {
      /** upload committed → the run's first call */
      queueMs: dist(queueMs),
      /** the run's first call → the save step's commit (the document is done) */
      runMs: dist(runMs),
      /** the save's commit → the run recorded as ended (the SDK's final call) */
      endLagMs: dist(endLagMs),
      /** the stages' own time (parse report), inside the run */
      stageWorkMs: dist(stageWorkMs),
      stepLogsPerRun: dist(steps),
      /** (run time to the save − stage time) / step logs of the run */
      overheadPerStepMs: dist(overheadPerStepMs),
    },
    /** stage ms from the parse reports (inspect includes the wait for a free parse worker) */
    stages: Object.fromEntries([...perStage].map(([k, v]) => [k, dist(v)])),
  };
}
